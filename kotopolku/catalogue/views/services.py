"""Staff pages of the service catalogue: find, view, edit, check."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotopolku.accounts.permissions import can, require
from kotopolku.catalogue.forms import (
    LocationForm,
    ServiceForm,
    ServiceSearchForm,
    location_text_forms,
    service_text_forms,
)
from kotopolku.catalogue.forms.details import ScheduleForm, owners_of
from kotopolku.catalogue.hours import opening_status, week_table
from kotopolku.catalogue.models import Contact, Location, Service
from kotopolku.catalogue.selectors import (
    SearchPaginator,
    ServiceQuery,
    locations_unchecked,
    service_detail,
    service_list,
    services_unchecked,
)
from kotopolku.catalogue.services import (
    location_mark_checked,
    location_save,
    service_mark_checked,
    service_save,
)
from kotopolku.catalogue.templatetags.catalogue_tags import current_language
from kotopolku.core.versioning import (
    StaleVersion,
    edit_conflict,
    form_conflict_rows,
    form_overrides,
    form_snapshot,
    snapshot_read,
    snapshot_sign,
    version_from_form,
)

PAGE_SIZE = 50


@login_required
def service_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "catalogue.view")
    form = ServiceSearchForm(request.GET or None, language=current_language())
    query = ServiceQuery()
    if form.is_valid():
        data = form.cleaned_data
        query = ServiceQuery(
            text=data.get("q") or "",
            term_id=data["term"].pk if data.get("term") else None,
            organisation_id=data["organisation"].pk if data.get("organisation") else None,
            municipality_id=data["municipality"].pk if data.get("municipality") else None,
        )
    status = 400 if request.GET and not form.is_valid() else 200
    # A search pages the filtered services by its own order and counts at most 1 000 matches.
    listed = service_list(user=request.user, query=replace(query, text="")) if status == 200 else None
    paginator: Paginator
    if listed is None:
        paginator = Paginator(Service.objects.none(), PAGE_SIZE)
    elif query.text.strip():  # a text without words finds nothing
        paginator = SearchPaginator(listed, PAGE_SIZE, text=query.text)
    else:
        paginator = Paginator(listed, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = [(k, str(v)) for k, v in request.GET.items() if k != "page" and v]
    return render(
        request,
        "catalogue/service_list.html",
        {
            "form": form,
            "page": page,
            "query": urlencode(params),
            "may_manage": can(request.user, "catalogue.manage"),
        },
        status=status,
    )


@login_required
def service_unchecked(request: HttpRequest) -> HttpResponse:
    require(request.user, "catalogue.view")
    page = Paginator(services_unchecked(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    locations = locations_unchecked(user=request.user)[:PAGE_SIZE]
    return render(
        request,
        "catalogue/service_unchecked.html",
        {"page": page, "locations": locations, "may_manage": can(request.user, "catalogue.manage")},
    )


def _with_items(service: Service) -> Service:
    """Add to the detail selector's service the phones of its contacts, of its services at
    locations and of those locations: three queries however many there are."""
    prefetch_related_objects(
        [service],
        Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones")),
        "service_at_locations__phones",
        "service_at_locations__location__phones",
    )
    return service


@login_required
def service_view(request: HttpRequest, uuid: UUID) -> HttpResponse:
    try:
        service = service_detail(user=request.user, uuid=uuid)
    except Service.DoesNotExist:
        require(request.user, "catalogue.view")
        raise Http404 from None
    _with_items(service)
    now = timezone.now()
    own = list(service.schedules.all())
    places = []
    for link in service.service_at_locations.all():
        here, at_location = list(link.schedules.all()), list(link.location.schedules.all())
        # The service's hours at this location, else the location's, else the service's own.
        schedules, source = next(
            (
                (rows, name)
                for rows, name in ((here, "place"), (at_location, "location"), (own, "service"))
                if rows
            ),
            ([], ""),
        )
        places.append(
            {
                "link": link,
                "location": link.location,
                "address": next(iter(link.location.addresses.all()), None),
                "accessibility": next(iter(link.location.accessibility.all()), None),
                "schedules": schedules,
                "source": source,
                "unused_location_schedules": at_location if here else [],
                "status": opening_status(schedules, now),
                "week": week_table(schedules, timezone.localdate(now)),
                "phones": list(link.phones.all()),
                "location_phones": list(link.location.phones.all()),
            }
        )
    may_manage = can(request.user, "catalogue.manage", service)
    return render(
        request,
        "catalogue/service_detail.html",
        {
            "service": service,
            "places": places,
            "own_schedules": own,
            "own_status": opening_status(own, now) if own else None,
            "own_week": week_table(own, timezone.localdate(now)) if own else None,
            "may_manage": may_manage,
            "schedule_form": (
                ScheduleForm(owners=owners_of(service, contacts=False, locations=True))
                if may_manage
                else None
            ),
        },
    )


@login_required
def service_edit(request: HttpRequest, uuid: UUID | None = None) -> HttpResponse:
    service = get_object_or_404(Service, uuid=uuid) if uuid else Service()
    require(request.user, "catalogue.manage", service if uuid else None)
    data = request.POST if request.method == "POST" else None
    form = ServiceForm(data, instance=service, language=current_language())
    texts = service_text_forms(data, service)
    version: Any = service.version
    snapshot = snapshot_sign(_service_snapshot(service)) if service.pk else ""
    conflict_rows: list[Any] = []
    status = 200
    if data is not None:
        # Shown again after a mistake, the form keeps the version and values it was filled with.
        version, snapshot, status = data.get("version", ""), data.get("snapshot", ""), 400
    if data is not None and form.is_valid() and all(f.is_valid() for f in texts):
        translations = {f.language: f.cleaned_data for f in texts}
        documents = {f.language: f.cleaned_data.get("documents", "").splitlines() for f in texts}
        try:
            saved = service_save(
                service=form.save(commit=False),
                translations=translations,
                channels=form.cleaned_data["channels"],
                e_service_url=form.cleaned_data.get("e_service_url") or "",
                languages=form.cleaned_data["languages"],
                municipalities=form.cleaned_data["municipalities"],
                term_ids=[term.pk for term in form.cleaned_data["terms"]],
                documents=documents,
                by=request.user,
                expected_version=version_from_form(version) if service.pk else None,
            )
        except StaleVersion as stale:
            current = Service.objects.get(pk=stale.current.pk)
            stored = _service_snapshot(current)
            submitted = form_snapshot(form, *texts)
            conflict = edit_conflict(base=snapshot_read(snapshot), current=stored, submitted=submitted)
            conflict_rows = form_conflict_rows([form, *texts], conflict, current=stored, submitted=submitted)
            overrides = form_overrides([form, *texts], conflict)
            form = ServiceForm(
                None, instance=current, language=current_language(), initial=overrides.pop("", {})
            )
            texts = service_text_forms(None, current, overrides)
            service, version, snapshot, status = current, current.version, snapshot_sign(stored), 409
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The service was saved."))
            return redirect("catalogue:service_detail", uuid=saved.uuid)
    return render(
        request,
        "catalogue/service_form.html",
        {
            "form": form,
            "texts": texts,
            "service": service,
            "version": version,
            "snapshot": snapshot,
            "conflict_rows": conflict_rows,
        },
        status=status,
    )


def _service_snapshot(service: Service) -> dict[str, Any]:
    """The stored service as its edit form shows it."""
    return form_snapshot(
        ServiceForm(instance=service, language=current_language()), *service_text_forms(None, service)
    )


def _location_snapshot(location: Location) -> dict[str, Any]:
    return form_snapshot(LocationForm(instance=location), *location_text_forms(None, location))


@login_required
@require_POST
def service_check(request: HttpRequest, uuid: UUID) -> HttpResponse:
    service = get_object_or_404(Service, uuid=uuid)
    require(request.user, "catalogue.manage", service)
    service_mark_checked(service=service, by=request.user)
    messages.success(request, _("Marked as checked today."))
    target = request.POST.get("next", "")
    if target == "unchecked":
        return redirect("catalogue:service_unchecked")
    return redirect("catalogue:service_detail", uuid=service.uuid)


@login_required
@require_POST
def location_check(request: HttpRequest, uuid: UUID) -> HttpResponse:
    location = get_object_or_404(Location, uuid=uuid)
    require(request.user, "catalogue.manage", location)
    location_mark_checked(location=location, by=request.user)
    messages.success(request, _("Marked as checked today."))
    return redirect("catalogue:service_unchecked")


@login_required
def location_edit(request: HttpRequest, service_uuid: UUID, uuid: UUID | None = None) -> HttpResponse:
    service = get_object_or_404(Service, uuid=service_uuid)
    location = (
        get_object_or_404(Location, uuid=uuid, service_at_locations__service=service) if uuid else Location()
    )
    require(request.user, "catalogue.manage", service)
    if not uuid:
        location.organisation = service.organisation
    data = request.POST if request.method == "POST" else None
    form = LocationForm(data, instance=location)
    texts = location_text_forms(data, location)
    version: Any = location.version
    snapshot = snapshot_sign(_location_snapshot(location)) if location.pk else ""
    conflict_rows: list[Any] = []
    status = 200
    if data is not None:
        version, snapshot, status = data.get("version", ""), data.get("snapshot", ""), 400
    if data is not None and form.is_valid() and all(f.is_valid() for f in texts):
        try:
            location_save(
                location=form.save(commit=False),
                translations={f.language: f.cleaned_data for f in texts},
                address=form.address(),
                accessibility={f.language: f.cleaned_data.get("accessibility", "") for f in texts},
                service=service,
                by=request.user,
                expected_version=version_from_form(version) if location.pk else None,
            )
        except StaleVersion as stale:
            current = Location.objects.get(pk=stale.current.pk)
            stored = _location_snapshot(current)
            submitted = form_snapshot(form, *texts)
            conflict = edit_conflict(base=snapshot_read(snapshot), current=stored, submitted=submitted)
            conflict_rows = form_conflict_rows([form, *texts], conflict, current=stored, submitted=submitted)
            overrides = form_overrides([form, *texts], conflict)
            form = LocationForm(None, instance=current, initial=overrides.pop("", {}))
            texts = location_text_forms(None, current, overrides)
            location, version, snapshot, status = current, current.version, snapshot_sign(stored), 409
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The location was saved."))
            return redirect("catalogue:service_detail", uuid=service.uuid)
    return render(
        request,
        "catalogue/location_form.html",
        {
            "form": form,
            "texts": texts,
            "service": service,
            "location": location,
            "version": version,
            "snapshot": snapshot,
            "conflict_rows": conflict_rows,
        },
        status=status,
    )
