"""Staff pages of case work: the advisor's work list, a client's case work (cases, transfers,
household, assessments, plans, notes), a plan with its goals, steps and follow-ups, the plan's
PDF, the hand-over to Koto-AJ, incoming transfers, and partner staff's steps."""

from __future__ import annotations

import json
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.casework import forms as cw_forms
from kotopolku.casework import services
from kotopolku.casework.enums import CaseStatus, PlanStatus, StepStatus
from kotopolku.casework.handover import assessment_document, handover_document
from kotopolku.casework.models import Assessment, Case, FollowUp, Plan, Step
from kotopolku.casework.pdf import PDF_LANGUAGES, plan_pdf
from kotopolku.casework.selectors import (
    assessment_changes,
    assessments_of_client,
    cases_of_client,
    client_for,
    clients_visible,
    household_of,
    notes_visible,
    partner_step_get,
    partner_steps,
    plan_get,
    plans_of_client,
    transfer_get,
    transfers_incoming,
    work_list,
)
from kotopolku.core.versioning import StaleVersion
from kotopolku.organisations.models import Organisation, ServicePoint


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            target = name if name in form.fields else None
            for problem in problems:
                form.add_error(target, problem)
    else:
        for problem in error.messages:
            form.add_error(None, problem)


def _organisations() -> list[Organisation]:
    return list(Organisation.objects.filter(is_active=True).order_by("name"))


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    """The advisor's landing page: their own steps, follow-ups, ending plans and unassessed cases."""
    require(request.user, "casework.view")
    return render(request, "casework/worklist.html", {"work": work_list(user=_user(request))})


def _client(request: HttpRequest, uuid: Any, action: str = "casework.view") -> Any:
    client = client_for(user=request.user, uuid=uuid)
    require(request.user, action, client)
    return client


def _transfer_points(case: Case | None) -> list[ServicePoint]:
    if case is None:
        return []
    return list(
        ServicePoint.objects.filter(networks__service_points__id=case.service_point_id, is_active=True)
        .exclude(pk=case.service_point_id)
        .distinct()
        .order_by("name")
    )


@login_required
def client_casework(
    request: HttpRequest, uuid: Any, *, forms: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    client = _client(request, uuid)
    user = _user(request)
    cases = cases_of_client(client=client)
    case = next((c for c in cases if c.status == CaseStatus.OPEN), None)
    household, members = household_of(client=client)
    assessments = assessments_of_client(client=client)
    for assessment in assessments[:1]:
        services.casework_read(target=assessment, by=user, what="needs assessment")
    notes = notes_visible(user=user, client=client) if can(user, "casework.notes", client) else []
    if notes:
        services.casework_read(target=client, by=user, what="case notes")
    may_manage = can(user, "casework.manage", client)
    forms = forms or {}
    candidates = list(
        clients_visible(user=user)
        .filter(service_point_id=client.service_point_id, household_membership__isnull=True)
        .exclude(pk=client.pk)
        .order_by("family_name_latin", "given_names_latin")[:300]
    )
    return render(
        request,
        "casework/client.html",
        {
            "client": client,
            "cases": cases,
            "case": case,
            "household": household,
            "members": members,
            "assessments": assessments,
            "changes": assessment_changes(assessments[0], assessments[1] if len(assessments) > 1 else None)
            if assessments
            else [],
            "plans": plans_of_client(client=client),
            "notes": notes,
            "may_manage": may_manage,
            "may_assess": can(user, "casework.assess", client),
            "may_plan": can(user, "casework.plan", client),
            "may_transfer": can(user, "casework.transfer_request", client),
            "may_notes": can(user, "casework.notes", client),
            "may_handover": can(user, "casework.handover", client),
            "open_form": forms.get("open") or cw_forms.CaseOpenForm(),
            "close_form": forms.get("close")
            or cw_forms.CaseCloseForm(initial={"version": case.version if case else None}),
            "transfer_form": forms.get("transfer")
            or cw_forms.TransferRequestForm(points=_transfer_points(case)),
            "household_form": forms.get("household") or cw_forms.HouseholdCreateForm(),
            "member_form": forms.get("member") or cw_forms.HouseholdAddForm(candidates=candidates),
            "note_form": forms.get("note") or cw_forms.NoteForm(),
        },
        status=status,
    )


def _back(client: Any, anchor: str = "") -> HttpResponse:
    return redirect(reverse("casework:client", args=[client.uuid]) + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def case_open(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client(request, uuid, "casework.manage")
    form = cw_forms.CaseOpenForm(request.POST)
    if form.is_valid():
        try:
            services.case_open(client=client, by=_user(request), **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The case was opened."))
            return _back(client, "cases-heading")
    return client_casework(request, uuid, forms={"open": form}, status=400)


@login_required
@require_POST
def case_close(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client(request, uuid, "casework.manage")
    case = Case.objects.filter(client=client, status=CaseStatus.OPEN).first()
    if case is None:
        raise Http404
    form = cw_forms.CaseCloseForm(request.POST)
    if form.is_valid():
        try:
            services.case_close(
                case=case,
                by=_user(request),
                reason=form.cleaned_data["close_reason"],
                closed_on=form.cleaned_data["closed_on"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion:
            form.add_error(None, _("Someone changed the case meanwhile. Check it and try again."))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The case was closed."))
            return _back(client, "cases-heading")
    return client_casework(request, uuid, forms={"close": form}, status=400)


@login_required
@require_POST
def case_reopen(request: HttpRequest, uuid: Any, case_uuid: Any) -> HttpResponse:
    client = _client(request, uuid, "casework.manage")
    case = Case.objects.filter(client=client, uuid=case_uuid).first()
    if case is None:
        raise Http404
    try:
        services.case_reopen(case=case, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case was reopened."))
    return _back(client, "cases-heading")


@login_required
@require_POST
def transfer_request(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client(request, uuid, "casework.transfer_request")
    case = Case.objects.filter(client=client, status=CaseStatus.OPEN).first()
    if case is None:
        raise Http404
    form = cw_forms.TransferRequestForm(request.POST, points=_transfer_points(case))
    if form.is_valid():
        try:
            services.transfer_request(
                case=case,
                to_service_point=form.points[form.cleaned_data["to_service_point"]],
                reason=form.cleaned_data["reason"],
                client_consented=form.cleaned_data["client_consented"],
                by=_user(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The transfer was requested. The case stays here until it is accepted.")
            )
            return _back(client, "cases-heading")
    return client_casework(request, uuid, forms={"transfer": form}, status=400)


@login_required
def transfers(request: HttpRequest) -> HttpResponse:
    require(request.user, "casework.transfer_decide")
    return render(
        request,
        "casework/transfers.html",
        {"transfers": transfers_incoming(user=_user(request)), "form": cw_forms.TransferDecideForm()},
    )


@login_required
@require_POST
def transfer_decide(request: HttpRequest, transfer_uuid: Any) -> HttpResponse:
    transfer = transfer_get(uuid=transfer_uuid)
    require(request.user, "casework.transfer_decide", transfer.to_service_point)
    form = cw_forms.TransferDecideForm(request.POST)
    if form.is_valid():
        try:
            services.transfer_decide(
                transfer=transfer,
                accept=form.cleaned_data["accept"],
                by=_user(request),
                decline_reason=form.cleaned_data["decline_reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The transfer was answered."))
            return redirect("casework:transfers")
    else:
        messages.error(request, _("Choose whether to accept or decline."))
    return redirect("casework:transfers")


@login_required
@require_POST
def household_create(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client(request, uuid, "casework.manage")
    form = cw_forms.HouseholdCreateForm(request.POST)
    if form.is_valid():
        try:
            services.household_create(client=client, name=form.cleaned_data["name"], by=_user(request))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _back(client, "household-heading")
    return client_casework(request, uuid, forms={"household": form}, status=400)


@login_required
@require_POST
def household_add(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client(request, uuid, "casework.manage")
    household, _members = household_of(client=client)
    if household is None:
        raise Http404
    candidates = list(
        clients_visible(user=_user(request))
        .filter(service_point_id=client.service_point_id)
        .exclude(pk=client.pk)
    )
    form = cw_forms.HouseholdAddForm(request.POST, candidates=candidates)
    if form.is_valid():
        try:
            services.household_add(
                household=household,
                client=form.candidates[form.cleaned_data["client"]],
                relation=form.cleaned_data["relation"],
                by=_user(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _back(client, "household-heading")
    return client_casework(request, uuid, forms={"member": form}, status=400)


@login_required
@require_POST
def household_remove(request: HttpRequest, uuid: Any, member_id: int) -> HttpResponse:
    client = _client(request, uuid, "casework.manage")
    _household, members = household_of(client=client)
    member = next((m for m in members if m.pk == member_id), None)
    if member is None:
        raise Http404
    require(request.user, "casework.manage", member.client)
    services.household_remove(member=member, by=_user(request))
    return _back(client, "household-heading")


# Assessments -----------------------------------------------------------------------------------


@login_required
def assessment_new(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client(request, uuid, "casework.assess")
    previous = Assessment.objects.filter(client=client).order_by("-number").first()
    initial: dict[str, Any] = {}
    if previous is not None and request.method != "POST":
        services.casework_read(target=previous, by=_user(request), what="needs assessment")
        initial = cw_forms.assessment_form_data({**assessment_document_flat(previous), "assessed_on": None})
    form = cw_forms.AssessmentForm(request.POST or None, initial=initial, language=get_language() or "fi")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = services.AssessmentData(
                **form.rows(),
                literacy=form.cleaned_data["literacy"],
                reads_latin=form.cleaned_data["reads_latin"],
                occupation=form.cleaned_data["occupation"].strip(),
                family_situation=form.cleaned_data["family_situation"],
                service_needs=form.cleaned_data["service_needs"],
                service_needs_note=form.cleaned_data["service_needs_note"],
                own_goals=form.cleaned_data["own_goals"],
                conclusion=form.cleaned_data["conclusion"],
                **(
                    {"assessed_on": form.cleaned_data["assessed_on"]}
                    if form.cleaned_data["assessed_on"]
                    else {}
                ),
            )
            try:
                services.assessment_create(client=client, data=data, by=_user(request))
            except ValidationError as error:
                _assessment_errors(form, error)
            else:
                messages.success(request, _("The assessment was saved."))
                return _back(client, "assessments-heading")
        status = 400
    return render(request, "casework/assessment_form.html", {"client": client, "form": form}, status=status)


def assessment_document_flat(assessment: Assessment) -> dict[str, Any]:
    return {
        "literacy": assessment.literacy,
        "reads_latin": assessment.reads_latin,
        "occupation": assessment.occupation,
        "family_situation": assessment.family_situation,
        "service_needs": assessment.service_needs,
        "service_needs_note": assessment.service_needs_note,
        "own_goals": assessment.own_goals,
        "conclusion": assessment.conclusion,
        "languages": assessment.languages,
        "education": assessment.education,
        "work_history": assessment.work_history,
    }


def _assessment_errors(form: Any, error: ValidationError) -> None:
    """The service names nested rows (``education.0.level``); the form's fields are flat."""
    for name, problems in error.message_dict.items():
        parts = name.split(".")
        if len(parts) == 3:
            prefix = {"education": "education", "work_history": "work"}[parts[0]]
            name = f"{prefix}_{parts[1]}_{parts[2]}"
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)


@login_required
def assessment_detail(request: HttpRequest, uuid: Any, number: int) -> HttpResponse:
    client = _client(request, uuid)
    assessment = Assessment.objects.filter(client=client, number=number).select_related("assessed_by").first()
    if assessment is None:
        raise Http404
    services.casework_read(target=assessment, by=_user(request), what="needs assessment")
    previous = Assessment.objects.filter(client=client, number__lt=number).order_by("-number").first()
    return render(
        request,
        "casework/assessment.html",
        {
            "client": client,
            "assessment": assessment,
            "document": assessment_document(assessment),
            "changes": assessment_changes(assessment, previous),
        },
    )


# Plans -----------------------------------------------------------------------------------------


@login_required
def plan_new(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client(request, uuid, "casework.plan")
    household, _members = household_of(client=client)
    form = cw_forms.PlanCreateForm(request.POST or None, organisations=_organisations(), household=household)
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
            plan = services.plan_create(client=client, data=data, by=_user(request), service_path=path)
        except ValidationError as error:
            _add_errors(form, error)
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
    user = _user(request)
    if forms is None:
        services.casework_read(target=plan, by=user, what="plan")
    forms = forms or {}
    organisations = _organisations()
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
    form = cw_forms.PlanForm(request.POST, organisations=_organisations())
    if form.is_valid():
        changes = {name: form.cleaned_data[name] for name in ("kind", "starts_on", "ends_on", "summary")}
        changes["partners"] = form.partner_objects()
        expected = form.cleaned_data["version"]
        try:
            services.plan_update(plan=plan, changes=changes, expected_version=expected, by=_user(request))
        except StaleVersion as stale:
            current = cast(Plan, stale.current)
            rows = _conflict(form.cleaned_data["original"], current, form.cleaned_data)
            again = cw_forms.PlanForm(
                initial={
                    **{name: form.cleaned_data[name] for name in (*EDITED_FIELDS, "partners")},
                    "version": current.version,
                    "original": _as_read(current),
                },
                organisations=_organisations(),
            )
            return plan_detail(request, uuid, forms={"edit": again}, status=409, conflict=rows)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("casework:plan", plan.uuid)
    return plan_detail(request, uuid, forms={"edit": form}, status=400)


@login_required
@require_POST
def plan_status(request: HttpRequest, uuid: Any) -> HttpResponse:
    plan = _plan(request, uuid, "casework.plan")
    form = cw_forms.PlanStatusForm(request.POST)
    if form.is_valid():
        try:
            services.plan_set_status(
                plan=plan,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                by=_user(request),
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion:
            form.add_error(None, _("Someone changed the plan meanwhile. Check it and try again."))
        except ValidationError as error:
            _add_errors(form, error)
            if "ended_reason" in error.message_dict:
                form.add_error("reason", error.message_dict["ended_reason"][0])
        else:
            return redirect("casework:plan", plan.uuid)
    return plan_detail(request, uuid, forms={"status": form}, status=400)


@login_required
@require_POST
def goal_add(request: HttpRequest, uuid: Any) -> HttpResponse:
    plan = _plan(request, uuid, "casework.plan")
    form = cw_forms.GoalForm(request.POST)
    if form.is_valid():
        services.goal_add(plan=plan, text=form.cleaned_data["text"], by=_user(request))
        return redirect(reverse("casework:plan", args=[plan.uuid]) + "#goals-heading")
    return plan_detail(request, uuid, forms={"goal": form}, status=400)


@login_required
@require_POST
def step_save(request: HttpRequest, uuid: Any, step_uuid: Any = None) -> HttpResponse:
    """Add a step, or change one (with the version the user read)."""
    plan = _plan(request, uuid, "casework.plan")
    goals = list(plan.goals.all())
    form = cw_forms.StepForm(request.POST, goals=goals, organisations=_organisations())
    step = None
    if step_uuid is not None:
        step = Step.objects.filter(plan=plan, uuid=step_uuid).first()
        if step is None:
            raise Http404
    if form.is_valid():
        data = services.StepData(
            goal=form.cleaned_data["goal"],
            text=form.cleaned_data["text"],
            owner=form.cleaned_data["owner"],
            organisation=form.cleaned_data["organisation"],
            owner_user=_user(request),
            due_on=form.cleaned_data["due_on"],
            status=form.cleaned_data["status"],
        )
        try:
            if step is None:
                services.step_add(plan=plan, data=data, by=_user(request))
            else:
                if step.owner_user_id is not None:
                    data.owner_user = step.owner_user
                data.service = step.service
                services.step_update(
                    step=step, data=data, expected_version=form.cleaned_data["version"], by=_user(request)
                )
        except StaleVersion:
            form.add_error(None, _("Someone changed this step meanwhile. Check it and save again."))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect(reverse("casework:plan", args=[plan.uuid]) + "#goals-heading")
    return plan_detail(
        request, uuid, forms={"step": form}, status=409 if form.non_field_errors() and step else 400
    )


@login_required
@require_POST
def follow_up_add(request: HttpRequest, uuid: Any) -> HttpResponse:
    plan = _plan(request, uuid, "casework.plan")
    form = cw_forms.FollowUpPlanForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_plan(plan=plan, planned_on=form.cleaned_data["planned_on"], by=_user(request))
        except ValidationError as error:
            _add_errors(form, error)
        else:
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
    if form.is_valid():
        try:
            services.follow_up_record(
                follow_up=follow_up,
                held_on=form.cleaned_data["held_on"],
                notes=form.cleaned_data["notes"],
                by=_user(request),
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion:
            messages.error(request, _("Someone recorded this follow-up meanwhile. Check it and save again."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect(reverse("casework:plan", args=[plan.uuid]) + "#follow-ups-heading")
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("casework:plan", args=[plan.uuid]) + "#follow-ups-heading")


@login_required
def plan_pdf_view(request: HttpRequest, uuid: Any) -> HttpResponse:
    plan = _plan(request, uuid)
    language = request.GET.get("lang", "fi")
    if language not in PDF_LANGUAGES:
        return HttpResponse(_("Unknown language."), status=400, content_type="text/plain; charset=utf-8")
    services.casework_read(target=plan, by=_user(request), what="plan: the client's copy as PDF")
    response = HttpResponse(plan_pdf(plan, language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{plan.uuid}-{language}.pdf"'
    return response


# Notes -----------------------------------------------------------------------------------------


@login_required
@require_POST
def note_add(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client(request, uuid, "casework.notes")
    form = cw_forms.NoteForm(request.POST)
    if form.is_valid():
        points = service_point_ids(request.user, "casework.notes")
        point = client.service_point if client.service_point_id in points else None
        if point is None:
            raise Http404
        try:
            services.note_add(client=client, service_point=point, by=_user(request), **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _back(client, "notes-heading")
    return client_casework(request, uuid, forms={"note": form}, status=400)


# Hand-over to Koto-AJ --------------------------------------------------------------------------


def _json_download(document: dict[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def handover_client(request: HttpRequest, uuid: Any) -> HttpResponse:
    """The client's hand-over: JSON (``?format=json``) or the printable summary."""
    client = _client(request, uuid, "casework.handover")
    document = handover_document([client])
    from kotopolku.audit.services import audit_record

    audit_record(
        actor=request.user, action="casework.handover", target=client, purpose="hand-over to Koto-AJ"
    )
    if request.GET.get("format") == "json":
        return _json_download(document, f"koto-aj-{client.uuid}.json")
    return render(request, "casework/handover.html", {"client": client, "entry": document["clients"][0]})


@login_required
def handover_bulk(request: HttpRequest, point_uuid: Any) -> HttpResponse:
    """Every client of a service point with an assessment or an integration plan, for its
    migration to Koto-AJ."""
    point = ServicePoint.objects.filter(uuid=point_uuid).first() if _is_uuid(point_uuid) else None
    if point is None:
        raise Http404
    require(request.user, "casework.handover_bulk", point)
    from kotopolku.audit.services import audit_record
    from kotopolku.clients.models import Client

    clients = list(
        Client.objects.filter(service_point=point)
        .filter(pk__in=Assessment.objects.filter(service_point=point).values("client_id"))
        .select_related("service_point", "municipality")
        .order_by("id")
    )
    document = handover_document(clients)
    audit_record(
        actor=request.user,
        action="casework.handover_bulk",
        target=point,
        purpose="hand-over to Koto-AJ",
        details={"clients": len(clients)},
    )
    return _json_download(document, f"koto-aj-{point.slug}.json")


def _is_uuid(value: Any) -> bool:
    from uuid import UUID

    try:
        UUID(str(value))
    except ValueError:
        return False
    return True


# Partner staff ---------------------------------------------------------------------------------


@login_required
def partner_steps_view(request: HttpRequest) -> HttpResponse:
    require(request.user, "casework.partner_steps")
    return render(request, "casework/partner_steps.html", {"steps": partner_steps(user=_user(request))})


@login_required
@require_POST
def partner_step_status(request: HttpRequest, step_uuid: Any) -> HttpResponse:
    step = partner_step_get(uuid=step_uuid)
    require(request.user, "casework.partner_steps", step)
    status = request.POST.get("status", "")
    if status not in ("in_progress", "done"):
        messages.error(request, _("Choose a status."))
    else:
        services.step_set_status(step=step, status=status, by=_user(request))
        messages.success(request, _("The step was updated."))
    return redirect("casework:partner_steps")
