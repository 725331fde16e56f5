"""The advisor's work list, a client's case work page, cases (open, close, reopen), transfers
between service points, and case notes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.casework import forms as cw_forms
from kotopolku.casework import services
from kotopolku.casework.enums import CaseStatus
from kotopolku.casework.models import Case
from kotopolku.casework.selectors import (
    assessment_changes,
    assessments_of_client,
    cases_of_client,
    clients_visible,
    household_of,
    notes_visible,
    plans_of_client,
    transfer_get,
    transfers_incoming,
    work_list,
)
from kotopolku.casework.views.common import (
    back_to_client,
    client_for_action,
    service_saved,
    user_of,
)
from kotopolku.organisations.models import ServicePoint


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    """The advisor's landing page: their own steps, follow-ups, ending plans and unassessed cases."""
    require(request.user, "casework.view")
    return render(request, "casework/worklist.html", {"work": work_list(user=user_of(request))})


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
    client = client_for_action(request, uuid)
    user = user_of(request)
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


@login_required
@require_POST
def case_open(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = client_for_action(request, uuid, "casework.manage")
    form = cw_forms.CaseOpenForm(request.POST)
    if form.is_valid() and service_saved(
        form, lambda: services.case_open(client=client, by=user_of(request), **form.cleaned_data)
    ):
        messages.success(request, _("The case was opened."))
        return back_to_client(client, "cases-heading")
    return client_casework(request, uuid, forms={"open": form}, status=400)


@login_required
@require_POST
def case_close(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = client_for_action(request, uuid, "casework.manage")
    case = Case.objects.filter(client=client, status=CaseStatus.OPEN).first()
    if case is None:
        raise Http404
    form = cw_forms.CaseCloseForm(request.POST)
    if form.is_valid() and service_saved(
        form,
        lambda: services.case_close(
            case=case,
            by=user_of(request),
            reason=form.cleaned_data["close_reason"],
            closed_on=form.cleaned_data["closed_on"],
            expected_version=form.cleaned_data["version"],
        ),
        stale=_("Someone changed the case meanwhile. Check it and try again."),
    ):
        messages.success(request, _("The case was closed."))
        return back_to_client(client, "cases-heading")
    return client_casework(request, uuid, forms={"close": form}, status=400)


@login_required
@require_POST
def case_reopen(request: HttpRequest, uuid: Any, case_uuid: Any) -> HttpResponse:
    client = client_for_action(request, uuid, "casework.manage")
    case = Case.objects.filter(client=client, uuid=case_uuid).first()
    if case is None:
        raise Http404
    try:
        services.case_reopen(case=case, by=user_of(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case was reopened."))
    return back_to_client(client, "cases-heading")


@login_required
@require_POST
def transfer_request(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = client_for_action(request, uuid, "casework.transfer_request")
    case = Case.objects.filter(client=client, status=CaseStatus.OPEN).first()
    if case is None:
        raise Http404
    form = cw_forms.TransferRequestForm(request.POST, points=_transfer_points(case))
    if form.is_valid() and service_saved(
        form,
        lambda: services.transfer_request(
            case=case,
            to_service_point=form.points[form.cleaned_data["to_service_point"]],
            reason=form.cleaned_data["reason"],
            client_consented=form.cleaned_data["client_consented"],
            by=user_of(request),
        ),
    ):
        messages.success(request, _("The transfer was requested. The case stays here until it is accepted."))
        return back_to_client(client, "cases-heading")
    return client_casework(request, uuid, forms={"transfer": form}, status=400)


@login_required
def transfers(request: HttpRequest) -> HttpResponse:
    require(request.user, "casework.transfer_decide")
    return render(
        request,
        "casework/transfers.html",
        {"transfers": transfers_incoming(user=user_of(request)), "form": cw_forms.TransferDecideForm()},
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
                by=user_of(request),
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
def note_add(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = client_for_action(request, uuid, "casework.notes")
    form = cw_forms.NoteForm(request.POST)
    if form.is_valid():
        points = service_point_ids(request.user, "casework.notes")
        point = client.service_point if client.service_point_id in points else None
        if point is None:
            raise Http404
        if service_saved(
            form,
            lambda: services.note_add(
                client=client, service_point=point, by=user_of(request), **form.cleaned_data
            ),
        ):
            return back_to_client(client, "notes-heading")
    return client_casework(request, uuid, forms={"note": form}, status=400)
