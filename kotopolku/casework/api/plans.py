"""Plans over the API: a client's plans, a new one, one plan with its goals, steps and
follow-ups, changes with optimistic locking (``If-Match`` or ``version``, 409), goals, steps and
the client's copy as PDF."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query

from kotopolku.accounts.permissions import require
from kotopolku.casework import forms as cw_forms
from kotopolku.casework import services
from kotopolku.casework.api.common import (
    Loose,
    client_for_action,
    form_errors,
    organisations_by_uuid,
    reports_bad_text,
    router,
    uuids,
)
from kotopolku.casework.api.schemas import (
    Conflict,
    Created,
    FollowUpOut,
    GoalOut,
    PlanOut,
    PlanSummary,
    StepOut,
)
from kotopolku.casework.models import Plan
from kotopolku.casework.pdf import PDF_LANGUAGES, plan_pdf
from kotopolku.casework.selectors import (
    plan_get,
    plans_of_client,
)
from kotopolku.casework.views import EDITED_FIELDS
from kotopolku.core.api_schemas import Line
from kotopolku.core.versioning import StaleVersion, etag, expected_version_from
from kotopolku.organisations.models import Organisation

# A language code of the plan's PDF (``fi``, ``uk``…): checked against the known ones below.
LANGUAGE_CODE_MAX_LENGTH = 16
_PDF_LANGUAGE = Query("fi", max_length=LANGUAGE_CODE_MAX_LENGTH, description="The language of the copy")


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


@router.get(
    "/clients/{client_id}/plans",
    response=list[PlanSummary],
    summary="The client's plans",
    operation_id="kotopolku_casework_api_list_plans",
)
def list_plans(request: HttpRequest, client_id: UUID) -> list[PlanSummary]:
    client = client_for_action(request, client_id, "casework.view")
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


@router.post(
    "/clients/{client_id}/plans",
    response={201: PlanOut},
    summary="Draft a plan",
    operation_id="kotopolku_casework_api_create_plan",
)
@reports_bad_text
def create_plan(request: HttpRequest, client_id: UUID, payload: Loose) -> tuple[int, PlanOut]:
    data = payload.data()
    client = client_for_action(request, client_id, "casework.plan")
    partners = organisations_by_uuid(data.get("partners"), "partners")
    form = cw_forms.PlanForm(
        {k: v for k, v in data.items() if k != "partners"}, organisations=list(Organisation.objects.none())
    )
    if not form.is_valid():
        raise form_errors(form)
    path = None
    if data.get("service_path"):
        from kotopolku.catalogue.models import ServicePath

        path = ServicePath.objects.filter(uuid__in=uuids([str(data["service_path"])])).first()
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


@router.get(
    "/plans/{plan_id}",
    response=PlanOut,
    summary="A plan with its goals, steps and follow-ups",
    operation_id="kotopolku_casework_api_get_plan",
)
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
    operation_id="kotopolku_casework_api_patch_plan",
)
@reports_bad_text
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
        raise form_errors(form)
    changes: dict[str, Any] = {name: form.cleaned_data[name] for name in EDITED_FIELDS if name in data}
    if "partners" in data:
        changes["partners"] = organisations_by_uuid(data["partners"], "partners")
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


@router.post(
    "/plans/{plan_id}/goals",
    response={201: Created},
    summary="Add a goal",
    operation_id="kotopolku_casework_api_create_goal",
)
@reports_bad_text
def create_goal(request: HttpRequest, plan_id: UUID, payload: Loose) -> tuple[int, Created]:
    plan = _plan(request, plan_id, "casework.plan")
    form = cw_forms.GoalForm(payload.data())
    if not form.is_valid():
        raise form_errors(form)
    payload.refuse_bad_text()
    goal = services.goal_add(plan=plan, text=form.cleaned_data["text"], by=request.user)
    return 201, Created(id=goal.uuid)


@router.post(
    "/plans/{plan_id}/steps",
    response={201: Created},
    summary="Add a step under a goal",
    description="goal (id), text, owner (client, advisor, partner), organisation (id, for a partner's step; "
    "the plan must involve it), due_on, status.",
    operation_id="kotopolku_casework_api_create_step",
)
@reports_bad_text
def create_step(request: HttpRequest, plan_id: UUID, payload: Loose) -> tuple[int, Created]:
    plan = _plan(request, plan_id, "casework.plan")
    form = cw_forms.StepForm(
        payload.data(),
        goals=list(plan.goals.all()),
        organisations=list(Organisation.objects.filter(is_active=True)),
    )
    if not form.is_valid():
        raise form_errors(form)
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
    operation_id="kotopolku_casework_api_get_plan_pdf",
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
