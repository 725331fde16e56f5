"""Job openings: the list, adding and changing one, its page with the matching clients, and
proposing a client to the employer and recording the answer."""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts.permissions import can, require
from kotopolku.audit.services import audit_record
from kotopolku.clients.selectors import client_get
from kotopolku.core.versioning import StaleVersion
from kotopolku.employers import matching, selectors, services
from kotopolku.employers.forms import (
    OpeningFilterForm,
    OpeningForm,
    ProposalForm,
    ProposalResultForm,
)
from kotopolku.employers.models import JobOpening
from kotopolku.employers.views.common import (
    PAGE_SIZE,
    apply_errors,
    employer_for,
    form_page,
    page_query,
    staff_user,
    stale_message,
)

# --- openings ----------------------------------------------------------------------------


@login_required
def opening_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "employers.view")
    filters = OpeningFilterForm(request.GET or None)
    query = selectors.OpeningQuery()
    if filters.is_valid():
        value = filters.cleaned_data["finnish_required"]
        query = selectors.OpeningQuery(
            finnish_required=None if not value else value == "true", status=filters.cleaned_data["status"]
        )
    page = Paginator(selectors.opening_list(user=request.user, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "employers/opening_list.html",
        {"page": page, "filters": filters, "query": page_query(request)},
    )


def _opening(request: HttpRequest, uuid: UUID, action: str) -> JobOpening:
    opening = selectors.opening_get(uuid=uuid)
    require(request.user, action, opening)
    return opening


def _opening_initial(opening: JobOpening) -> dict[str, Any]:
    fields = ["title", "address", "hours", "starts_on", "finnish_required", "other_languages", "visibility",
              "status", "opens_on", "deadline", "description", "version"]  # fmt: skip
    initial = {name: getattr(opening, name) for name in fields}
    initial.update(occupation=opening.occupation_id, municipality=opening.municipality_id)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def opening_create(request: HttpRequest, uuid: UUID) -> HttpResponse:
    employer = employer_for(request, uuid, "employers.manage")
    form = OpeningForm(
        request.POST or None,
        initial={
            "municipality": employer.municipality_id,
            "opens_on": timezone.localdate(),
            "finnish_required": True,
        },
    )
    return form_page(
        request,
        form,
        title=_("Add a job opening"),
        save=lambda: services.opening_create(
            employer=employer, data=form.data_object(), by=staff_user(request)
        ),
        done=_("The job opening was added."),
        then=lambda opening: reverse("employers:opening", args=[opening.uuid]),
        back=employer,
    )


@login_required
@require_http_methods(["GET", "POST"])
def opening_edit(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opening = _opening(request, uuid, "employers.manage")
    form = OpeningForm(request.POST or None, initial=_opening_initial(opening))
    if request.method == "POST" and form.is_valid():
        try:
            services.opening_update(
                opening=opening,
                data=form.data_object(),
                expected_version=form.cleaned_data["version"],
                by=staff_user(request),
            )
        except StaleVersion as error:
            stored = _opening_initial(cast(JobOpening, error.current))
            form = cast(OpeningForm, stale_message(form, error, stored))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("employers:opening", opening.uuid)
    return render(
        request, "employers/form.html", {"form": form, "title": opening.title, "back": opening.employer}
    )


@login_required
def opening_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opening = _opening(request, uuid, "employers.view")
    matches: list[matching.Match] = []
    may_match = can(request.user, "employers.match", opening)
    if may_match:
        matches = matching.clients_for_opening(opening=opening, user=request.user, limit=30)
        audit_record(
            actor=request.user,
            action="employers.match",
            target=opening,
            purpose="matching clients to job openings",
            details={"clients": [str(m.client.uuid) for m in matches if m.client]},
        )
    proposals = list(selectors.proposals_of_opening(opening=opening, user=request.user))
    proposed = {p.client_id for p in proposals}
    today = timezone.localdate()
    # One small form per row; the ids differ, the field names stay those the views read.
    for proposal in proposals:
        proposal.result_form = ProposalResultForm(  # type: ignore[attr-defined]
            initial={"result": proposal.result, "note": proposal.result_note, "version": proposal.version},
            auto_id=f"result-{proposal.uuid}-%s",
        )
    for match in matches:
        if match.client is not None:
            match.propose_form = ProposalForm(  # type: ignore[attr-defined]
                initial={"client": match.client.uuid, "consent_given_on": today},
                auto_id=f"propose-{match.client.uuid}-%s",
            )
    return render(
        request,
        "employers/opening_detail.html",
        {
            "opening": opening,
            "matches": matches,
            "may_match": may_match,
            "may_propose": can(request.user, "employers.propose", opening),
            "may_manage": can(request.user, "employers.manage", opening),
            "proposals": proposals,
            "proposed": proposed,
        },
    )


@login_required
@require_POST
def proposal_create(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opening = _opening(request, uuid, "employers.propose")
    form = ProposalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Record the date the client agreed to be proposed to the employer."))
        return redirect("employers:opening", opening.uuid)
    client = client_get(uuid=form.cleaned_data["client"])
    require(request.user, "clients.view", client)
    require(request.user, "employers.propose", client)
    try:
        services.proposal_create(
            opening=opening,
            client=client,
            consent_given_on=form.cleaned_data["consent_given_on"],
            reasons=matching.explain_pair(opening=opening, client=client).reasons,
            by=staff_user(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The client was proposed to the employer."))
    return redirect("employers:opening", opening.uuid)


@login_required
@require_POST
def proposal_result(request: HttpRequest, uuid: UUID) -> HttpResponse:
    proposal = selectors.proposal_get(uuid=uuid)
    require(request.user, "employers.propose", proposal)
    form = ProposalResultForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_result_record(
                proposal=proposal,
                result=form.cleaned_data["result"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
                by=staff_user(request),
            )
        except StaleVersion:
            messages.error(
                request, _("Someone else recorded a result meanwhile; see it below and try again.")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The result was recorded."))
    else:
        messages.error(request, _("Choose a result from the list."))
    return redirect("employers:opening", proposal.opening.uuid)
