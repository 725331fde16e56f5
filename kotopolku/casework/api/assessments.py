"""A client's needs assessments over the API: listed, and a new one (checked by the staff
page's form)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from kotopolku.casework import forms as cw_forms
from kotopolku.casework import services
from kotopolku.casework.api.common import (
    Loose,
    client_for_action,
    reports_bad_text,
    router,
)
from kotopolku.casework.api.schemas import (
    AssessmentOut,
)
from kotopolku.casework.models import Assessment
from kotopolku.casework.selectors import (
    assessments_of_client,
)


def _assessment_out(row: Assessment) -> AssessmentOut:
    return AssessmentOut(
        number=row.number,
        assessed_on=row.assessed_on.isoformat(),
        languages=row.languages,
        literacy=row.literacy,
        reads_latin=row.reads_latin,
        education=row.education,
        work_history=row.work_history,
        occupation=row.occupation,
        family_situation=row.family_situation,
        service_needs=list(row.service_needs),
        service_needs_note=row.service_needs_note,
        own_goals=row.own_goals,
        conclusion=row.conclusion,
    )


@router.get(
    "/clients/{client_id}/assessments",
    response=list[AssessmentOut],
    summary="The client's assessments, newest first",
    operation_id="kotopolku_casework_api_list_assessments",
)
def list_assessments(request: HttpRequest, client_id: UUID) -> list[AssessmentOut]:
    client = client_for_action(request, client_id, "casework.view")
    rows = assessments_of_client(client=client)
    services.casework_read(target=client, by=request.user, what="needs assessments")
    return [_assessment_out(row) for row in rows]


_ROW_LIMITS = {
    "languages": cw_forms.LANGUAGE_ROWS,
    "education": cw_forms.EDUCATION_ROWS,
    "work_history": cw_forms.WORK_ROWS,
}


@router.post(
    "/clients/{client_id}/assessments",
    response={201: AssessmentOut},
    summary="Record a new needs assessment (never overwrites the previous one)",
    operation_id="kotopolku_casework_api_create_assessment",
)
@reports_bad_text
def create_assessment(request: HttpRequest, client_id: UUID, payload: Loose) -> tuple[int, AssessmentOut]:
    data = payload.data()
    client = client_for_action(request, client_id, "casework.assess")
    errors: dict[str, list[str]] = {}
    for name, limit in _ROW_LIMITS.items():
        rows = data.get(name)
        if rows is None:
            continue
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            errors[name] = [_("Give a list of objects.")]
        elif len(rows) > limit:
            errors[name] = [_("At most %(count)s rows.") % {"count": limit}]
    if data.get("service_needs") is not None and not (
        isinstance(data["service_needs"], list) and all(isinstance(c, str) for c in data["service_needs"])
    ):
        errors["service_needs"] = [_("Give a list of codes.")]
    if errors:
        raise ValidationError(errors)
    form = cw_forms.AssessmentForm(cw_forms.assessment_form_data(data))
    if not form.is_valid():
        raise ValidationError(_api_assessment_errors(form))
    assessment_data = services.AssessmentData(
        **form.rows(),
        literacy=form.cleaned_data["literacy"],
        reads_latin=form.cleaned_data["reads_latin"],
        occupation=form.cleaned_data["occupation"].strip(),
        family_situation=form.cleaned_data["family_situation"],
        service_needs=form.cleaned_data["service_needs"],
        service_needs_note=form.cleaned_data["service_needs_note"],
        own_goals=form.cleaned_data["own_goals"],
        conclusion=form.cleaned_data["conclusion"],
        **({"assessed_on": form.cleaned_data["assessed_on"]} if form.cleaned_data["assessed_on"] else {}),
    )
    payload.refuse_bad_text()
    assessment = services.assessment_create(client=client, data=assessment_data, by=request.user)
    return 201, _assessment_out(assessment)


def _api_assessment_errors(form: Any) -> dict[str, list[str]]:
    """The form's flat names back as the API's nested ones (``education_0_level`` →
    ``education.0.level``)."""
    errors: dict[str, list[str]] = {}
    for name, problems in form.errors.items():
        parts = name.split("_")
        if parts[0] == "language" and len(parts) >= 2 and parts[1].isdigit():
            skill = "_".join(parts[2:]) or "language"
            name = f"languages.{parts[1]}.{skill}"
        elif parts[0] in ("education", "work") and len(parts) >= 3 and parts[1].isdigit():
            group = "education" if parts[0] == "education" else "work_history"
            name = f"{group}.{parts[1]}.{'_'.join(parts[2:])}"
        errors[name] = [str(problem) for problem in problems]
    return errors
