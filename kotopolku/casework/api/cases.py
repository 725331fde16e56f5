"""A client's cases over the API: listed, opened and closed."""

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
    form_errors,
    reports_bad_text,
    router,
)
from kotopolku.casework.api.schemas import (
    CaseOut,
)
from kotopolku.casework.enums import CaseStatus
from kotopolku.casework.models import Case
from kotopolku.casework.selectors import (
    cases_of_client,
)
from kotopolku.core.api_schemas import ErrorOut
from kotopolku.core.versioning import expected_version_from


def _case_out(case: Case) -> CaseOut:
    return CaseOut(
        id=case.uuid,
        status=case.status,
        opened_on=case.opened_on.isoformat(),
        opened_because=case.opened_because,
        opening_note=case.opening_note,
        closed_on=case.closed_on.isoformat() if case.closed_on else None,
        close_reason=case.close_reason,
        service_point=case.service_point.uuid,
        version=case.version,
    )


@router.get(
    "/clients/{client_id}/cases",
    response=list[CaseOut],
    summary="The client's cases, newest first",
    operation_id="kotopolku_casework_api_list_cases",
)
def list_cases(request: HttpRequest, client_id: UUID) -> list[CaseOut]:
    client = client_for_action(request, client_id, "casework.view")
    return [_case_out(case) for case in cases_of_client(client=client)]


@router.post(
    "/clients/{client_id}/cases",
    response={201: CaseOut, 409: ErrorOut},
    summary="Open a case, or close the open one",
    description='`{"opened_because": "desk"}` opens a case; `{"close": true, "close_reason": …, '
    '"version": n}` closes the open one (409 on a stale version).',
    operation_id="kotopolku_casework_api_post_case",
)
@reports_bad_text
def post_case(request: HttpRequest, client_id: UUID, payload: Loose) -> Any:
    data = payload.data()
    client = client_for_action(request, client_id, "casework.manage")
    if data.get("close"):
        case = Case.objects.filter(client=client, status=CaseStatus.OPEN).first()
        if case is None:
            raise ValidationError({"close": [_("The client has no open case.")]})
        form = cw_forms.CaseCloseForm(data)
        if not form.is_valid():
            raise form_errors(form)
        payload.refuse_bad_text()
        case = services.case_close(
            case=case,
            by=request.user,
            reason=form.cleaned_data["close_reason"],
            closed_on=form.cleaned_data["closed_on"],
            expected_version=expected_version_from(request, form.cleaned_data["version"]),
        )
        return 201, _case_out(case)
    open_form = cw_forms.CaseOpenForm(data)
    if not open_form.is_valid():
        raise form_errors(open_form)
    payload.refuse_bad_text()
    case = services.case_open(client=client, by=request.user, **open_form.cleaned_data)
    return 201, _case_out(case)
