"""A client's job seeker profile with the openings that match them, and placements."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kotopolku.accounts.permissions import can, require
from kotopolku.audit.services import audit_record
from kotopolku.clients.models import Client
from kotopolku.clients.selectors import client_get
from kotopolku.core.versioning import StaleVersion
from kotopolku.employers import matching, selectors, services
from kotopolku.employers.forms import (
    JobProfileForm,
    PlacementForm,
)
from kotopolku.employers.models import DesiredOccupation, Employer, JobSeekerProfile
from kotopolku.employers.permissions import employer_scope
from kotopolku.employers.views.common import PAGE_SIZE, apply_errors, form_page, page_query, staff_user

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
                by=staff_user(request),
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
    return render(request, "employers/placement_list.html", {"page": page, "query": page_query(request)})


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

    def save() -> Any:
        client = Client.objects.filter(uuid=form.cleaned_data["client"]).first()
        if client is None or not can(request.user, "clients.view", client):
            raise ValidationError({"client": _("Unknown client.")})
        require(request.user, "employers.placement", client)
        data = services.PlacementData(
            kind=form.cleaned_data["kind"],
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            employer=form.cleaned_data["employer"],
            organisation_name=form.cleaned_data["organisation_name"],
        )
        return services.placement_create(client=client, data=data, by=staff_user(request))

    return form_page(
        request,
        form,
        title=_("Record a placement"),
        save=save,
        done=_("The placement was recorded."),
        then=lambda _saved: reverse("employers:placements"),
    )
