"""A plan: drafted (from a service path too), its page with goals, steps and follow-ups, edits
with optimistic locking, status changes, and the client's copy as PDF."""

from __future__ import annotations

import json
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import can, require
from kotopolku.casework import forms as cw_forms
from kotopolku.casework import services
from kotopolku.casework.enums import OPEN_STEP_STATUSES, PlanStatus, StepStatus
from kotopolku.casework.models import FollowUp, Plan, Step
from kotopolku.casework.pdf import PDF_LANGUAGES, plan_pdf
from kotopolku.casework.selectors import (
    household_of,
    plan_get,
)
from kotopolku.casework.views.common import (
    active_organisations,
    add_errors,
    client_for_action,
    service_saved,
    user_of,
)
from kotopolku.core.versioning import StaleVersion


@login_required
def plan_new(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = client_for_action(request, uuid, "casework.plan")
    household, _members = household_of(client=client)
    form = cw_forms.PlanCreateForm(
        request.POST or None, organisations=active_organisations(), household=household
    )
    if request.method == "POST" and form.is_valid():
        path = None
        if form.cleaned_data.get("service_path"):
            from kotopolku.catalogue.models import ServicePath

            path = ServicePath.objects.filter(uuid=form.cleaned_data["service_path"]).first()
        data = services.PlanData(
            kind=form.cleaned_data["kind"],
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            summary=form.cleaned_data["summary"],
            partners=form.partner_objects(),
            household=household if form.cleaned_data.get("household") else None,
        )
        try:
            plan = services.plan_create(client=client, data=data, by=user_of(request), service_path=path)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The plan was drafted."))
            return redirect("casework:plan", plan.uuid)
    status = 400 if request.method == "POST" else 200
    return render(request, "casework/plan_form.html", {"client": client, "form": form}, status=status)


def _plan(request: HttpRequest, uuid: Any, action: str = "casework.view") -> Plan:
    plan = plan_get(user=request.user, uuid=uuid)
    require(request.user, action, plan)
    return plan


@login_required
def plan_detail(
    request: HttpRequest,
    uuid: Any,
    *,
    forms: dict[str, Any] | None = None,
    status: int = 200,
    conflict: Any = None,
) -> HttpResponse:
    plan = _plan(request, uuid)
    user = user_of(request)
    if forms is None:
        services.casework_read(target=plan, by=user, what="plan")
    forms = forms or {}
    organisations = active_organisations()
    goals = list(plan.goals.all())
    steps = list(plan.steps.all())
    may_plan = can(user, "casework.plan", plan) and plan.status in (PlanStatus.DRAFT, PlanStatus.ACTIVE)
    edit_initial = {
        "kind": plan.kind,
        "starts_on": plan.starts_on,
        "ends_on": plan.ends_on,
        "summary": plan.summary,
        "partners": [str(p.uuid) for p in plan.partners.all()],
        "version": plan.version,
        "original": _as_read(plan),
    }
    return render(
        request,
        "casework/plan.html",
        {
            "plan": plan,
            "client": plan.client,
            "goals": [(goal, [s for s in steps if s.goal_id == goal.pk]) for goal in goals],
            "may_plan": may_plan,
            "may_handover": can(user, "casework.handover", plan),
            # A referral made from a step moves the step along with it (casework/receivers.py).
            "may_refer": may_plan and can(user, "referrals.create", plan.client),
            "open_step_statuses": OPEN_STEP_STATUSES,
            "edit_form": forms.get("edit")
            or cw_forms.PlanForm(initial=edit_initial, organisations=organisations),
            "status_form": forms.get("status") or cw_forms.PlanStatusForm(initial={"version": plan.version}),
            "goal_form": forms.get("goal") or cw_forms.GoalForm(),
            "step_form": forms.get("step")
            or cw_forms.StepForm(
                goals=goals, organisations=list(plan.partners.all()), initial={"version": 0}
            ),
            "follow_up_form": forms.get("follow_up") or cw_forms.FollowUpPlanForm(),
            "pdf_languages": PDF_LANGUAGES,
            "step_statuses": StepStatus.choices,
            "conflict": conflict,
        },
        status=status,
    )


EDITED_FIELDS = ("kind", "starts_on", "ends_on", "summary")


def _as_read(plan: Plan) -> str:
    """The values the user's form starts from, carried in the form so a refused save can show
    what the other person changed since."""
    return json.dumps({name: str(getattr(plan, name)) for name in EDITED_FIELDS})


def _conflict(original: str, current: Plan, submitted: dict[str, Any]) -> list[dict[str, Any]]:
    """What the other person changed, field by field, next to what this user tried to save."""
    try:
        read = json.loads(original) if original else {}
    except ValueError:
        read = {}
    if not isinstance(read, dict):
        read = {}
    rows = []
    for name in EDITED_FIELDS:
        now = str(getattr(current, name))
        rows.append(
            {
                "label": Plan._meta.get_field(name).verbose_name,  # type: ignore[union-attr]
                "read": read.get(name, "–"),
                "now": now,
                "yours": str(submitted.get(name, "")),
                "changed_by_other": read.get(name) != now,
            }
        )
    return rows


@login_required
@require_POST
def plan_edit(request: HttpRequest, uuid: Any) -> HttpResponse:
    plan = _plan(request, uuid, "casework.plan")
    form = cw_forms.PlanForm(request.POST, organisations=active_organisations())
    if form.is_valid():
        changes = {name: form.cleaned_data[name] for name in ("kind", "starts_on", "ends_on", "summary")}
        changes["partners"] = form.partner_objects()
        expected = form.cleaned_data["version"]
        try:
            services.plan_update(plan=plan, changes=changes, expected_version=expected, by=user_of(request))
        except StaleVersion as stale:
            current = cast(Plan, stale.current)
            rows = _conflict(form.cleaned_data["original"], current, form.cleaned_data)
            again = cw_forms.PlanForm(
                initial={
                    **{name: form.cleaned_data[name] for name in (*EDITED_FIELDS, "partners")},
                    "version": current.version,
                    "original": _as_read(current),
                },
                organisations=active_organisations(),
            )
            return plan_detail(request, uuid, forms={"edit": again}, status=409, conflict=rows)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("casework:plan", plan.uuid)
    return plan_detail(request, uuid, forms={"edit": form}, status=400)


@login_required
@require_POST
def plan_status(request: HttpRequest, uuid: Any) -> HttpResponse:
    plan = _plan(request, uuid, "casework.plan")
    form = cw_forms.PlanStatusForm(request.POST)
    if form.is_valid() and service_saved(
        form,
        lambda: services.plan_set_status(
            plan=plan,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            by=user_of(request),
            expected_version=form.cleaned_data["version"],
        ),
        stale=_("Someone changed the plan meanwhile. Check it and try again."),
        aliases={"ended_reason": "reason"},
    ):
        return redirect("casework:plan", plan.uuid)
    return plan_detail(request, uuid, forms={"status": form}, status=400)


@login_required
@require_POST
def goal_add(request: HttpRequest, uuid: Any) -> HttpResponse:
    plan = _plan(request, uuid, "casework.plan")
    form = cw_forms.GoalForm(request.POST)
    if form.is_valid():
        services.goal_add(plan=plan, text=form.cleaned_data["text"], by=user_of(request))
        return redirect(reverse("casework:plan", args=[plan.uuid]) + "#goals-heading")
    return plan_detail(request, uuid, forms={"goal": form}, status=400)


def _step_save(plan: Plan, step: Step | None, cleaned: dict[str, Any], *, by: User) -> None:
    data = services.StepData(
        goal=cleaned["goal"],
        text=cleaned["text"],
        owner=cleaned["owner"],
        organisation=cleaned["organisation"],
        owner_user=by,
        due_on=cleaned["due_on"],
        status=cleaned["status"],
    )
    if step is None:
        services.step_add(plan=plan, data=data, by=by)
        return
    # What the form does not show stays as it was: the advisor who owns it, the service.
    if step.owner_user_id is not None:
        data.owner_user = step.owner_user
    data.service = step.service
    services.step_update(step=step, data=data, expected_version=cleaned["version"], by=by)


@login_required
@require_POST
def step_save(request: HttpRequest, uuid: Any, step_uuid: Any = None) -> HttpResponse:
    """Add a step, or change one (with the version the user read)."""
    plan = _plan(request, uuid, "casework.plan")
    goals = list(plan.goals.all())
    form = cw_forms.StepForm(request.POST, goals=goals, organisations=active_organisations())
    step = None
    if step_uuid is not None:
        step = Step.objects.filter(plan=plan, uuid=step_uuid).first()
        if step is None:
            raise Http404
    if form.is_valid() and service_saved(
        form,
        lambda: _step_save(plan, step, form.cleaned_data, by=user_of(request)),
        stale=_("Someone changed this step meanwhile. Check it and save again."),
    ):
        return redirect(reverse("casework:plan", args=[plan.uuid]) + "#goals-heading")
    return plan_detail(
        request, uuid, forms={"step": form}, status=409 if form.non_field_errors() and step else 400
    )


@login_required
@require_POST
def follow_up_add(request: HttpRequest, uuid: Any) -> HttpResponse:
    plan = _plan(request, uuid, "casework.plan")
    form = cw_forms.FollowUpPlanForm(request.POST)
    if form.is_valid() and service_saved(
        form,
        lambda: services.follow_up_plan(
            plan=plan, planned_on=form.cleaned_data["planned_on"], by=user_of(request)
        ),
    ):
        return redirect(reverse("casework:plan", args=[plan.uuid]) + "#follow-ups-heading")
    return plan_detail(request, uuid, forms={"follow_up": form}, status=400)


@login_required
@require_POST
def follow_up_record(request: HttpRequest, uuid: Any, follow_up_uuid: Any) -> HttpResponse:
    plan = _plan(request, uuid, "casework.plan")
    follow_up = FollowUp.objects.filter(plan=plan, uuid=follow_up_uuid).first()
    if follow_up is None:
        raise Http404
    form = cw_forms.FollowUpRecordForm(request.POST)
    # The follow-up's form is one row of the plan page's table: its refusals come back as a message.
    if not (
        form.is_valid()
        and service_saved(
            form,
            lambda: services.follow_up_record(
                follow_up=follow_up,
                held_on=form.cleaned_data["held_on"],
                notes=form.cleaned_data["notes"],
                by=user_of(request),
                expected_version=form.cleaned_data["version"],
            ),
            stale=_("Someone recorded this follow-up meanwhile. Check it and save again."),
        )
    ):
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("casework:plan", args=[plan.uuid]) + "#follow-ups-heading")


@login_required
def plan_pdf_view(request: HttpRequest, uuid: Any) -> HttpResponse:
    plan = _plan(request, uuid)
    language = request.GET.get("lang", "fi")
    if language not in PDF_LANGUAGES:
        return HttpResponse(_("Unknown language."), status=400, content_type="text/plain; charset=utf-8")
    services.casework_read(target=plan, by=user_of(request), what="plan: the client's copy as PDF")
    response = HttpResponse(plan_pdf(plan, language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{plan.uuid}-{language}.pdf"'
    return response
