"""Staff pages of the employers app: companies, their timeline and activities, the follow-up
work list, job openings with their matches and proposals, and placements."""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.audit.services import audit_record
from kotopolku.clients.models import Client
from kotopolku.clients.selectors import client_get
from kotopolku.core.versioning import StaleVersion
from kotopolku.employers import matching, selectors, services
from kotopolku.employers.forms import (
    ActivityForm,
    ContactPersonForm,
    EmployerFilterForm,
    EmployerForm,
    JobProfileForm,
    OfficeForm,
    OpeningFilterForm,
    OpeningForm,
    PlacementForm,
    ProposalForm,
    ProposalResultForm,
)
from kotopolku.employers.models import DesiredOccupation, Employer, JobOpening, JobSeekerProfile
from kotopolku.employers.permissions import employer_scope
from kotopolku.organisations.models import ServicePoint

PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def apply_errors(form: Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, field_messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, field_messages)


def stale_message(form: Form, error: StaleVersion, initial: dict[str, Any]) -> Form:
    """The form again, holding the stored values, with what the other person changed named."""
    submitted = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    fresh = type(form)(initial=initial)
    fresh.cleaned_data = {}  # an unbound form shows the stored values; it takes messages all the same
    differ = [
        str(fresh.fields[name].label)
        for name, value in initial.items()
        if name in fresh.fields
        and name != "version"
        and name in submitted
        and _comparable(submitted[name]) != _comparable(value)
    ]
    message = _(
        "Someone else saved this record while you were editing. The form now shows the saved values; "
        "these differ from yours: %(fields)s. Make your change again."
    )
    fresh.add_error(None, message % {"fields": ", ".join(differ) or "–"})
    return fresh


def _query(request: HttpRequest) -> str:
    """The list's other parameters for its page links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _comparable(value: Any) -> Any:
    return getattr(value, "pk", value)


def _single_service_point(request: HttpRequest, action: str) -> ServicePoint:
    allowed = service_point_ids(request.user, action)
    if not allowed:
        raise PermissionDenied(action)
    return ServicePoint.objects.filter(pk__in=allowed).order_by("name").first()  # type: ignore[return-value]


@login_required
def employer_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "employers.view")
    filters = EmployerFilterForm(request.GET)
    text = filters.cleaned_data["q"] if filters.is_valid() else ""
    pilot_only = bool(filters.is_valid() and filters.cleaned_data["pilot"])
    page = Paginator(
        selectors.employer_list(user=request.user, text=text, pilot_only=pilot_only), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    follow_ups = list(selectors.follow_ups_due(user=request.user)[:50])
    return render(
        request,
        "employers/employer_list.html",
        {
            "page": page,
            "query": _query(request),
            "filters": filters,
            "follow_ups": follow_ups,
            "today": timezone.localdate(),
            "may_manage": can(request.user, "employers.manage"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "employers.manage")
    point = _single_service_point(request, "employers.manage")
    form = EmployerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        require(request.user, "employers.manage", point)
        try:
            employer = services.employer_create(
                service_point=point, data=form.data_object(), by=_user(request)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The company was added."))
            return redirect("employers:detail", employer.uuid)
    return render(request, "employers/form.html", {"form": form, "title": _("Add a company")})


def _employer(request: HttpRequest, uuid: UUID, action: str) -> Employer:
    employer = selectors.employer_get(uuid=uuid)
    require(request.user, action, employer)
    return employer


@login_required
def employer_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    employer = _employer(request, uuid, "employers.view")
    return render(
        request,
        "employers/employer_detail.html",
        {
            "employer": employer,
            "offices": list(employer.offices.select_related("municipality")),
            "contacts": list(employer.contacts.all()),
            "timeline": selectors.employer_timeline(employer=employer, user=request.user),
            "openings": list(
                selectors.opening_list(
                    user=request.user, query=selectors.OpeningQuery(employer_id=employer.pk)
                )
            ),
            "may_manage": can(request.user, "employers.manage", employer),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_edit(request: HttpRequest, uuid: UUID) -> HttpResponse:
    employer = _employer(request, uuid, "employers.manage")
    form = EmployerForm(request.POST or None, initial=EmployerForm.initial_for(employer))
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_update(
                employer=employer,
                data=form.data_object(),
                expected_version=form.cleaned_data["version"],
                by=_user(request),
            )
        except StaleVersion as error:
            stored = EmployerForm.initial_for(cast(Employer, error.current))
            form = cast(EmployerForm, stale_message(form, error, stored))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("employers:detail", employer.uuid)
    return render(request, "employers/form.html", {"form": form, "title": employer.name, "back": employer})


def _sub_form(
    request: HttpRequest, uuid: UUID, form_class: type[Form], title: str, save: Any, done: str
) -> HttpResponse:
    employer = _employer(request, uuid, "employers.manage")
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            save(employer, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("employers:detail", employer.uuid)
    return render(request, "employers/form.html", {"form": form, "title": title, "back": employer})


@login_required
@require_http_methods(["GET", "POST"])
def office_add(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return _sub_form(
        request, uuid, OfficeForm, _("Add an office"),
        lambda employer, data: services.employer_office_add(employer=employer, by=_user(request), **data),
        _("The office was added."),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return _sub_form(
        request, uuid, ContactPersonForm, _("Add a contact person"),
        lambda employer, data: services.employer_contact_add(employer=employer, by=_user(request), **data),
        _("The contact person was added."),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def activity_add(request: HttpRequest, uuid: UUID) -> HttpResponse:
    employer = _employer(request, uuid, "employers.manage")
    form = ActivityForm(request.POST or None, initial={"happened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        # Recorded for the user's own service point where the company is kept elsewhere in the
        # network (a joint effort counts for the point that did the work).
        own = service_point_ids(request.user, "employers.manage")
        point = (
            employer.service_point
            if employer.service_point_id in own
            else _single_service_point(request, "employers.manage")
        )
        try:
            services.activity_record(
                employer=employer, service_point=point, data=form.data_object(), by=_user(request)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The activity was recorded."))
            return redirect("employers:detail", employer.uuid)
    return render(
        request, "employers/form.html", {"form": form, "title": _("Record an activity"), "back": employer}
    )


@login_required
@require_POST
def follow_up_done(request: HttpRequest, uuid: UUID) -> HttpResponse:
    activity = selectors.activity_get(uuid=uuid)
    require(request.user, "employers.manage", activity)
    data = services.ActivityData(
        kind=activity.kind,
        happened_on=activity.happened_on,
        outcome=activity.outcome,
        partner_project=activity.partner_project,
        follow_up_on=activity.follow_up_on,
        follow_up_done=True,
    )
    try:
        services.activity_update(activity=activity, data=data, expected_version=None, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The follow-up is marked done."))
    return redirect("employers:list")


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
        request, "employers/opening_list.html", {"page": page, "filters": filters, "query": _query(request)}
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
    employer = _employer(request, uuid, "employers.manage")
    form = OpeningForm(
        request.POST or None,
        initial={
            "municipality": employer.municipality_id,
            "opens_on": timezone.localdate(),
            "finnish_required": True,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            opening = services.opening_create(employer=employer, data=form.data_object(), by=_user(request))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The job opening was added."))
            return redirect("employers:opening", opening.uuid)
    return render(
        request, "employers/form.html", {"form": form, "title": _("Add a job opening"), "back": employer}
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
                by=_user(request),
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
            by=_user(request),
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
                by=_user(request),
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


# --- job seekers and placements ----------------------------------------------------------


def _client(request: HttpRequest, uuid: Any, action: str) -> Client:
    try:
        client = client_get(uuid=uuid)
    except (ValueError, ValidationError):
        raise Http404 from None
    require(request.user, "clients.view", client)
    require(request.user, action, client)
    return client


@login_required
@require_http_methods(["GET", "POST"])
def job_profile(request: HttpRequest, uuid: UUID) -> HttpResponse:
    client = _client(request, uuid, "employers.match")
    profile = JobSeekerProfile.objects.filter(client=client).first()
    initial: dict[str, Any] = {
        "occupations": list(
            DesiredOccupation.objects.filter(client=client).values_list("occupation_id", flat=True)
        )
    }
    if profile is not None:
        initial.update(available_from=profile.available_from, travel=profile.travel, version=profile.version)
    form = JobProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.job_profile_save(
                client=client,
                occupations=list(form.cleaned_data["occupations"]),
                available_from=form.cleaned_data["available_from"],
                travel=form.cleaned_data["travel"],
                expected_version=form.cleaned_data["version"],
                by=_user(request),
            )
        except StaleVersion:
            form.add_error(
                None, _("Someone else saved this record while you were editing. Reload and try again.")
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The job seeker profile was saved."))
            return redirect("employers:job_profile", client.uuid)
    else:
        audit_record(
            actor=request.user,
            action="clients.view",
            target=client,
            purpose="matching clients to job openings",
        )
    matches = matching.openings_for_client(client=client, user=request.user, limit=20)
    return render(
        request,
        "employers/job_profile.html",
        {"client": client, "form": form, "matches": matches},
    )


@login_required
def placement_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "employers.placement")
    page = Paginator(selectors.placement_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    clients = sorted({str(p.client.uuid) for p in page})
    if clients:
        audit_record(actor=request.user, action="employers.placement_list", purpose="recording a placement",
                     details={"clients": clients})  # fmt: skip
    return render(request, "employers/placement_list.html", {"page": page, "query": _query(request)})


@login_required
@require_http_methods(["GET", "POST"])
def placement_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "employers.placement")
    employers = Employer.objects.filter(employer_scope(request.user)).order_by("name")
    initial: dict[str, Any] = {
        key: request.GET[key][:40] for key in ("client", "kind") if request.GET.get(key)
    }
    try:
        found = employers.filter(uuid=UUID(request.GET.get("employer", ""))).first()
    except ValueError:
        found = None
    if found is not None:
        initial["employer"] = found.pk
    form = PlacementForm(request.POST or None, employers=employers, initial=initial)
    client = None
    if request.method == "POST" and form.is_valid():
        client = Client.objects.filter(uuid=form.cleaned_data["client"]).first()
        if client is None or not can(request.user, "clients.view", client):
            form.add_error("client", _("Unknown client."))
        else:
            require(request.user, "employers.placement", client)
            data = services.PlacementData(
                kind=form.cleaned_data["kind"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                employer=form.cleaned_data["employer"],
                organisation_name=form.cleaned_data["organisation_name"],
            )
            try:
                services.placement_create(client=client, data=data, by=_user(request))
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The placement was recorded."))
                return redirect("employers:placements")
    return render(request, "employers/form.html", {"form": form, "title": _("Record a placement")})
