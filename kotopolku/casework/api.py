"""Case work over the API: a client's cases, assessments and plans, a plan with its goals and
steps (optimistic locking: ``If-Match`` or a ``version`` field, 409 on a stale one), the plan's
PDF, households, and the hand-over to Koto-AJ.

Input goes through the staff pages' forms, so a bad value gets the same message per field, in
the user's language (422), and nothing is saved."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import ConfigDict, ModelWrapValidatorHandler, model_validator

from kotopolku.accounts.permissions import require
from kotopolku.casework import forms as cw_forms
from kotopolku.casework import services
from kotopolku.casework.enums import CaseStatus
from kotopolku.casework.handover import handover_document
from kotopolku.casework.models import Assessment, Case, Household, Plan
from kotopolku.casework.pdf import PDF_LANGUAGES, plan_pdf
from kotopolku.casework.selectors import (
    assessments_of_client,
    cases_of_client,
    client_for,
    households_visible,
    plan_get,
    plans_of_client,
)
from kotopolku.casework.views import EDITED_FIELDS
from kotopolku.core.api_schemas import ErrorOut, InputSchema, Line
from kotopolku.core.text import problem_message, text_problem
from kotopolku.core.versioning import StaleVersion, etag, expected_version_from
from kotopolku.organisations.models import Organisation

router = Router(tags=["casework"])

# A language code of the plan's PDF (``fi``, ``uk``…): checked against the known ones below.
LANGUAGE_CODE_MAX_LENGTH = 16
_PDF_LANGUAGE = Query("fi", max_length=LANGUAGE_CODE_MAX_LENGTH, description="The language of the copy")


def _bad_text(value: Any, where: str, problems: dict[str, list[str]]) -> None:
    """Note under ``where`` (``education.0.field``) every string in ``value``, at any depth,
    that holds NUL or another control or bidi-override character (line breaks and tabs pass)."""
    if isinstance(value, str):
        code = text_problem(value, multiline=True)
        if code:
            problems.setdefault(where, [problem_message(code)])
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _bad_text(item, f"{where}.{index}", problems)
    elif isinstance(value, dict):
        for key, item in value.items():
            code = text_problem(key, multiline=False) if isinstance(key, str) else None
            if code:
                problems.setdefault(where, [problem_message(code)])
            else:
                _bad_text(item, f"{where}.{key}", problems)


class Loose(InputSchema):
    """A body checked field by field by the forms (any JSON object is accepted here).

    Its fields are not declared, so ``InputSchema`` cannot check their text: ``text_problems``
    does, for every field given. The operations taking it are wrapped in ``_reports_bad_text``,
    which adds those problems to the other fields' messages (every bad field at once, 422), and
    call ``refuse_bad_text`` before they save anything."""

    model_config = ConfigDict(extra="allow")

    @model_validator(mode="wrap")  # type: ignore[arg-type]  # pydantic types a generic wrap validator loosely
    @classmethod
    def _run_root_validator(cls, values: Any, handler: ModelWrapValidatorHandler[Loose]) -> Loose:
        # Replaces django-ninja's: it reads the input through a ``DjangoGetter``, which hands
        # over only the declared fields, and this schema's fields are all extra ones.
        return handler(values)

    def text_problems(self) -> dict[str, list[str]]:
        problems: dict[str, list[str]] = {}
        for name, value in (self.model_extra or {}).items():
            code = text_problem(name, multiline=False)
            if code:
                problems.setdefault("__all__", [problem_message(code)])
            else:
                _bad_text(value, name, problems)
        return problems

    def refuse_bad_text(self) -> None:
        problems = self.text_problems()
        if problems:
            raise ValidationError(problems)

    def data(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True)


class Created(Schema):
    id: UUID


class CaseOut(Schema):
    id: UUID
    status: str
    opened_on: str
    opened_because: str
    opening_note: str
    closed_on: str | None
    close_reason: str
    service_point: UUID
    version: int


class StepOut(Schema):
    id: UUID
    text: str
    owner: str
    organisation: UUID | None
    due_on: str | None
    status: str
    service: UUID | None
    version: int


class GoalOut(Schema):
    id: UUID
    text: str
    steps: list[StepOut]


class FollowUpOut(Schema):
    id: UUID
    planned_on: str
    held_on: str | None
    notes: str


class PlanOut(Schema):
    id: UUID
    client: UUID
    kind: str
    status: str
    starts_on: str
    ends_on: str
    summary: str
    ended_reason: str
    partners: list[UUID]
    household: UUID | None
    version: int
    goals: list[GoalOut]
    follow_ups: list[FollowUpOut]


class PlanSummary(Schema):
    id: UUID
    kind: str
    status: str
    starts_on: str
    ends_on: str
    version: int


class AssessmentOut(Schema):
    number: int
    assessed_on: str
    languages: list[dict[str, Any]]
    literacy: str
    reads_latin: bool
    education: list[dict[str, Any]]
    work_history: list[dict[str, Any]]
    occupation: str
    family_situation: str
    service_needs: list[str]
    service_needs_note: str
    own_goals: str
    conclusion: str


class MemberOut(Schema):
    client: UUID
    relation: str


class HouseholdOut(Schema):
    id: UUID
    name: str
    service_point: UUID
    members: list[MemberOut]
    version: int


class Conflict(Schema):
    detail: str
    current: PlanOut


def _reports_bad_text(view: Callable[..., Any]) -> Callable[..., Any]:
    """When the operation refuses its input, the body's bad text is reported with the rest."""

    @functools.wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        payload = kwargs["payload"]
        try:
            return view(request, *args, **kwargs)
        except ValidationError as error:
            problems = payload.text_problems()
            if not problems:
                raise
            errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            raise ValidationError({**problems, **errors}) from None

    return checked


def _form_errors(form: Any) -> ValidationError:
    return ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})


def _client(request: HttpRequest, client_id: UUID, action: str) -> Any:
    client = client_for(user=request.user, uuid=client_id)
    require(request.user, action, client)
    return client


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


@router.get("/clients/{client_id}/cases", response=list[CaseOut], summary="The client's cases, newest first")
def list_cases(request: HttpRequest, client_id: UUID) -> list[CaseOut]:
    client = _client(request, client_id, "casework.view")
    return [_case_out(case) for case in cases_of_client(client=client)]


@router.post(
    "/clients/{client_id}/cases",
    response={201: CaseOut, 409: ErrorOut},
    summary="Open a case, or close the open one",
    description='`{"opened_because": "desk"}` opens a case; `{"close": true, "close_reason": …, '
    '"version": n}` closes the open one (409 on a stale version).',
)
@_reports_bad_text
def post_case(request: HttpRequest, client_id: UUID, payload: Loose) -> Any:
    data = payload.data()
    client = _client(request, client_id, "casework.manage")
    if data.get("close"):
        case = Case.objects.filter(client=client, status=CaseStatus.OPEN).first()
        if case is None:
            raise ValidationError({"close": [_("The client has no open case.")]})
        form = cw_forms.CaseCloseForm(data)
        if not form.is_valid():
            raise _form_errors(form)
        try:
            payload.refuse_bad_text()
            case = services.case_close(
                case=case,
                by=request.user,
                reason=form.cleaned_data["close_reason"],
                closed_on=form.cleaned_data["closed_on"],
                expected_version=expected_version_from(request, form.cleaned_data["version"]),
            )
        except StaleVersion:
            return HttpResponse(
                json.dumps({"detail": _("The case was changed by someone else. Read it again.")}),
                status=409,
                content_type="application/json",
            )
        return 201, _case_out(case)
    open_form = cw_forms.CaseOpenForm(data)
    if not open_form.is_valid():
        raise _form_errors(open_form)
    payload.refuse_bad_text()
    case = services.case_open(client=client, by=request.user, **open_form.cleaned_data)
    return 201, _case_out(case)


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
)
def list_assessments(request: HttpRequest, client_id: UUID) -> list[AssessmentOut]:
    client = _client(request, client_id, "casework.view")
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
)
@_reports_bad_text
def create_assessment(request: HttpRequest, client_id: UUID, payload: Loose) -> tuple[int, AssessmentOut]:
    data = payload.data()
    client = _client(request, client_id, "casework.assess")
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


def _plan_out(plan: Plan) -> PlanOut:
    steps = list(plan.steps.all())
    return PlanOut(
        id=plan.uuid,
        client=plan.client.uuid,
        kind=plan.kind,
        status=plan.status,
        starts_on=plan.starts_on.isoformat(),
        ends_on=plan.ends_on.isoformat(),
        summary=plan.summary,
        ended_reason=plan.ended_reason,
        partners=[partner.uuid for partner in plan.partners.all()],
        household=plan.household.uuid if plan.household else None,
        version=plan.version,
        goals=[
            GoalOut(
                id=goal.uuid,
                text=goal.text,
                steps=[
                    StepOut(
                        id=step.uuid,
                        text=step.text,
                        owner=step.owner,
                        organisation=step.organisation.uuid if step.organisation else None,
                        due_on=step.due_on.isoformat() if step.due_on else None,
                        status=step.status,
                        service=step.service.uuid if step.service else None,
                        version=step.version,
                    )
                    for step in steps
                    if step.goal_id == goal.pk
                ],
            )
            for goal in plan.goals.all()
        ],
        follow_ups=[
            FollowUpOut(
                id=row.uuid,
                planned_on=row.planned_on.isoformat(),
                held_on=row.held_on.isoformat() if row.held_on else None,
                notes=row.notes,
            )
            for row in plan.follow_ups.all()
        ],
    )


@router.get("/clients/{client_id}/plans", response=list[PlanSummary], summary="The client's plans")
def list_plans(request: HttpRequest, client_id: UUID) -> list[PlanSummary]:
    client = _client(request, client_id, "casework.view")
    plans = plans_of_client(client=client)
    services.casework_read(target=client, by=request.user, what="plans")
    return [
        PlanSummary(
            id=plan.uuid,
            kind=plan.kind,
            status=plan.status,
            starts_on=plan.starts_on.isoformat(),
            ends_on=plan.ends_on.isoformat(),
            version=plan.version,
        )
        for plan in plans
    ]


def _organisations_by_uuid(values: Any, field: str) -> list[Organisation]:
    if values is None:
        return []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValidationError({field: [_("Give a list of organisation ids.")]})
    found = {
        str(org.uuid): org for org in Organisation.objects.filter(uuid__in=_uuids(values), is_active=True)
    }
    unknown = [value for value in values if value not in found]
    if unknown:
        raise ValidationError({field: [_("Unknown organisation.")]})
    return [found[value] for value in values]


def _uuids(values: list[str]) -> list[UUID]:
    result = []
    for value in values:
        try:
            result.append(UUID(value))
        except ValueError:
            continue
    return result


@router.post("/clients/{client_id}/plans", response={201: PlanOut}, summary="Draft a plan")
@_reports_bad_text
def create_plan(request: HttpRequest, client_id: UUID, payload: Loose) -> tuple[int, PlanOut]:
    data = payload.data()
    client = _client(request, client_id, "casework.plan")
    partners = _organisations_by_uuid(data.get("partners"), "partners")
    form = cw_forms.PlanForm(
        {k: v for k, v in data.items() if k != "partners"}, organisations=list(Organisation.objects.none())
    )
    if not form.is_valid():
        raise _form_errors(form)
    path = None
    if data.get("service_path"):
        from kotopolku.catalogue.models import ServicePath

        path = ServicePath.objects.filter(uuid__in=_uuids([str(data["service_path"])])).first()
        if path is None:
            raise ValidationError({"service_path": [_("Unknown service path.")]})
    payload.refuse_bad_text()
    plan = services.plan_create(
        client=client,
        data=services.PlanData(
            kind=form.cleaned_data["kind"],
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            summary=form.cleaned_data["summary"],
            partners=partners,
        ),
        by=request.user,
        service_path=path,
    )
    return 201, _plan_out(plan_get(user=request.user, uuid=plan.uuid))


def _plan(request: HttpRequest, plan_id: UUID, action: str) -> Plan:
    plan = plan_get(user=request.user, uuid=plan_id)
    require(request.user, action, plan)
    return plan


@router.get("/plans/{plan_id}", response=PlanOut, summary="A plan with its goals, steps and follow-ups")
def get_plan(request: HttpRequest, plan_id: UUID, response: HttpResponse) -> PlanOut:
    plan = _plan(request, plan_id, "casework.view")
    services.casework_read(target=plan, by=request.user, what="plan")
    response["ETag"] = etag(plan.version)
    return _plan_out(plan)


@router.patch(
    "/plans/{plan_id}",
    response={200: PlanOut, 409: Conflict},
    summary="Change a plan (If-Match or version; 409 with the stored plan on a stale version)",
    description="Fields: kind, starts_on, ends_on, summary, partners (organisation ids), and "
    "status (with ended_reason when ending early).",
)
@_reports_bad_text
def patch_plan(request: HttpRequest, plan_id: UUID, payload: Loose, response: HttpResponse) -> Any:
    data = payload.data()
    plan = _plan(request, plan_id, "casework.plan")
    expected = expected_version_from(
        request, data.get("version") if isinstance(data.get("version"), int) else None
    )
    if "version" in data and not isinstance(data["version"], int):
        raise ValidationError({"version": [_("Give a whole number.")]})
    merged = {
        "kind": plan.kind,
        "starts_on": plan.starts_on.isoformat(),
        "ends_on": plan.ends_on.isoformat(),
        "summary": plan.summary,
        **{k: data[k] for k in EDITED_FIELDS if k in data},
    }
    form = cw_forms.PlanForm(merged, organisations=[])
    if not form.is_valid():
        raise _form_errors(form)
    changes: dict[str, Any] = {name: form.cleaned_data[name] for name in EDITED_FIELDS if name in data}
    if "partners" in data:
        changes["partners"] = _organisations_by_uuid(data["partners"], "partners")
    payload.refuse_bad_text()
    try:
        if changes:
            plan, _changed = services.plan_update(
                plan=plan, changes=changes, expected_version=expected, by=request.user
            )
            expected = plan.version if expected is not None else None
        if "status" in data:
            status = data["status"]
            if not isinstance(status, str):
                raise ValidationError({"status": [_("Give the status as text.")]})
            reason = data.get("ended_reason") or ""
            if not isinstance(reason, str):
                raise ValidationError({"ended_reason": [_("Give this as text.")]})
            services.plan_set_status(
                plan=plan, status=status, reason=reason, by=request.user, expected_version=expected
            )
    except StaleVersion:
        current = plan_get(user=request.user, uuid=plan_id)
        return 409, Conflict(
            detail=_("The plan was changed by someone else. Read it again."), current=_plan_out(current)
        )
    fresh = plan_get(user=request.user, uuid=plan_id)
    response["ETag"] = etag(fresh.version)
    return 200, _plan_out(fresh)


@router.post("/plans/{plan_id}/goals", response={201: Created}, summary="Add a goal")
@_reports_bad_text
def create_goal(request: HttpRequest, plan_id: UUID, payload: Loose) -> tuple[int, Created]:
    plan = _plan(request, plan_id, "casework.plan")
    form = cw_forms.GoalForm(payload.data())
    if not form.is_valid():
        raise _form_errors(form)
    payload.refuse_bad_text()
    goal = services.goal_add(plan=plan, text=form.cleaned_data["text"], by=request.user)
    return 201, Created(id=goal.uuid)


@router.post(
    "/plans/{plan_id}/steps",
    response={201: Created},
    summary="Add a step under a goal",
    description="goal (id), text, owner (client, advisor, partner), organisation (id, for a partner's step; "
    "the plan must involve it), due_on, status.",
)
@_reports_bad_text
def create_step(request: HttpRequest, plan_id: UUID, payload: Loose) -> tuple[int, Created]:
    plan = _plan(request, plan_id, "casework.plan")
    form = cw_forms.StepForm(
        payload.data(),
        goals=list(plan.goals.all()),
        organisations=list(Organisation.objects.filter(is_active=True)),
    )
    if not form.is_valid():
        raise _form_errors(form)
    payload.refuse_bad_text()
    step = services.step_add(
        plan=plan,
        data=services.StepData(
            goal=form.cleaned_data["goal"],
            text=form.cleaned_data["text"],
            owner=form.cleaned_data["owner"],
            organisation=form.cleaned_data["organisation"],
            owner_user=request.user,
            due_on=form.cleaned_data["due_on"],
            status=form.cleaned_data["status"],
        ),
        by=request.user,
    )
    return 201, Created(id=step.uuid)


@router.get(
    "/plans/{plan_id}/pdf",
    summary="The client's own copy of the plan as PDF (?lang=fi|sv|en|ru|uk|et|ar|fa|so|tr|zh|fr|es)",
)
def get_plan_pdf(
    request: HttpRequest,
    plan_id: UUID,
    lang: Line = _PDF_LANGUAGE,
) -> HttpResponse:
    plan = _plan(request, plan_id, "casework.view")
    if lang not in PDF_LANGUAGES:
        raise ValidationError(
            {"lang": [_("Unknown language. Choose one of: %(codes)s.") % {"codes": ", ".join(PDF_LANGUAGES)}]}
        )
    services.casework_read(target=plan, by=request.user, what="plan: the client's copy as PDF")
    response = HttpResponse(plan_pdf(plan, lang), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{plan.uuid}-{lang}.pdf"'
    return response


@router.get(
    "/clients/{client_id}/handover", summary="The client's hand-over to Koto-AJ (JSON, see its schema)"
)
def get_handover(request: HttpRequest, client_id: UUID) -> dict[str, Any]:
    from kotopolku.audit.services import audit_record

    client = _client(request, client_id, "casework.handover")
    audit_record(
        actor=request.user, action="casework.handover", target=client, purpose="hand-over to Koto-AJ"
    )
    return handover_document([client])


def _household_out(household: Household) -> HouseholdOut:
    return HouseholdOut(
        id=household.uuid,
        name=household.name,
        service_point=household.service_point.uuid,
        members=[MemberOut(client=m.client.uuid, relation=m.relation) for m in household.members.all()],
        version=household.version,
    )


@router.get("/households", response=list[HouseholdOut], summary="Households of the user's service points")
def list_households(request: HttpRequest) -> list[HouseholdOut]:
    require(request.user, "casework.view")
    households = (
        households_visible(user=request.user)
        .select_related("service_point")
        .prefetch_related("members__client")
        .order_by("name", "id")[:500]
    )
    return [_household_out(household) for household in households]


@router.post(
    "/households",
    response={201: HouseholdOut},
    summary="Start a household around a client",
    description='`{"name": …, "client": id, "members": [{"client": id, "relation": "spouse|child|other"}]}`',
)
@_reports_bad_text
def create_household(request: HttpRequest, payload: Loose) -> tuple[int, HouseholdOut]:
    data = payload.data()
    form = cw_forms.HouseholdCreateForm(data)
    if not form.is_valid():
        raise _form_errors(form)
    client = _client(request, _uuid_field(data.get("client"), "client"), "casework.manage")
    members = data.get("members") or []
    if not isinstance(members, list) or not all(isinstance(m, dict) for m in members):
        raise ValidationError({"members": [_("Give a list of objects.")]})
    resolved = []
    for index, member in enumerate(members):
        other = client_for(
            user=request.user, uuid=_uuid_field(member.get("client"), f"members.{index}.client")
        )
        require(request.user, "casework.manage", other)
        relation = member.get("relation")
        if relation not in ("spouse", "child", "other"):
            raise ValidationError({f"members.{index}.relation": [_("Choose spouse, child or other.")]})
        resolved.append((other, relation))
    from django.db import transaction

    payload.refuse_bad_text()
    with transaction.atomic():
        household = services.household_create(client=client, name=form.cleaned_data["name"], by=request.user)
        for index, (other, relation) in enumerate(resolved):
            try:
                services.household_add(household=household, client=other, relation=relation, by=request.user)
            except ValidationError as error:
                raise ValidationError({f"members.{index}.client": error.messages}) from None
    household = (
        Household.objects.select_related("service_point")
        .prefetch_related("members__client")
        .get(pk=household.pk)
    )
    return 201, _household_out(household)


def _uuid_field(value: Any, field: str) -> UUID:
    try:
        return UUID(str(value))
    except ValueError:
        raise ValidationError({field: [_("Give a UUID.")]}) from None
