"""Staff pages for the small items of a service: phone numbers, contacts, prices, opening hours.

Each item is reached through its service (``/catalogue/services/<service>/…``): a row of another
service is a 404, and the owners a form offers are this service's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotopolku.accounts.permissions import require
from kotopolku.catalogue.forms.details import (
    ContactForm,
    CostOptionForm,
    PhoneForm,
    ScheduleForm,
    owners_of,
)
from kotopolku.catalogue.models import Contact, CostOption, Phone, Schedule, Service, ServiceAtLocation
from kotopolku.catalogue.services import (
    contact_remove,
    contact_save,
    cost_option_remove,
    cost_option_save,
    phone_remove,
    phone_save,
    schedule_remove,
    schedule_save,
)


def _managed_service(request: HttpRequest, uuid: UUID) -> Service:
    """The service with what the item forms need (its names, contacts, places), for a user who
    may keep the catalogue."""
    places = ServiceAtLocation.objects.select_related("location").prefetch_related("location__translations")
    services = Service.objects.all().prefetch_related(
        "translations", "contacts", Prefetch("service_at_locations", queryset=places)
    )
    service = get_object_or_404(services, uuid=uuid)
    require(request.user, "catalogue.manage", service)
    return service


def _belongs_to(service: Service, row: Any) -> bool:
    """Whether a phone, contact or schedule hangs off ``service`` (itself, one of its contacts,
    the service at one of its locations, or one of those locations)."""
    if getattr(row, "contact_id", None):
        return bool(row.contact.service_id == service.pk)
    if row.service_at_location_id:
        return bool(row.service_at_location.service_id == service.pk)
    if row.service_id:
        return bool(row.service_id == service.pk)
    if row.location_id:
        return any(link.location_id == row.location_id for link in service.service_at_locations.all())
    return False


def _item(service: Service, model: type[Model], uuid: UUID, related: tuple[str, ...]) -> Any:
    row = get_object_or_404(model._default_manager.select_related(*related), uuid=uuid)
    if not _belongs_to(service, row):
        raise Http404
    return row


def _detail(service: Service, anchor: str = "") -> HttpResponse:
    return redirect(f"{reverse('catalogue:service_detail', args=[service.uuid])}{anchor}")


def _render_form(
    request: HttpRequest, service: Service, form: Any, *, title: str, status: int, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "catalogue/item_form.html",
        {"service": service, "form": form, "title": title, **extra},
        status=status,
    )


def _edit(
    request: HttpRequest,
    service: Service,
    form: Any,
    save: Callable[[], Any],
    *,
    done: str,
    anchor: str,
    title: str,
) -> HttpResponse:
    """An item form's round: on a valid POST ``save`` (its ValidationError shown on the form),
    then back to the service at ``anchor``; otherwise the form (400 after a refused POST)."""
    posted = request.method == "POST"
    if posted and form.is_valid():
        try:
            save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return _detail(service, anchor)
    return _render_form(request, service, form, title=title, status=400 if posted else 200)


# --- Phones ------------------------------------------------------------------------------

_PHONE_RELATED = ("contact", "service_at_location", "location")


@login_required
def phone_edit(request: HttpRequest, service_uuid: UUID, uuid: UUID | None = None) -> HttpResponse:
    service = _managed_service(request, service_uuid)
    phone = _item(service, Phone, uuid, _PHONE_RELATED) if uuid else Phone()
    owners = owners_of(service, contacts=True, locations=True)
    data = request.POST if request.method == "POST" else None
    initial = {"owner": request.GET.get("owner", "")} if not uuid else None
    form = PhoneForm(data, instance=phone, owners=owners, initial=initial)
    return _edit(
        request,
        service,
        form,
        lambda: phone_save(
            phone=form.apply_owner(form.save(commit=False)), texts=form.texts(), by=request.user
        ),
        done=_("The phone number was saved."),
        anchor="#phones",
        title=_("Edit the phone number") if uuid else _("Add a phone number"),
    )


@login_required
@require_POST
def phone_delete(request: HttpRequest, service_uuid: UUID, uuid: UUID) -> HttpResponse:
    service = _managed_service(request, service_uuid)
    phone_remove(phone=_item(service, Phone, uuid, _PHONE_RELATED), by=request.user)
    messages.success(request, _("The phone number was removed."))
    return _detail(service, "#phones")


# --- Contacts ----------------------------------------------------------------------------


@login_required
def contact_edit(request: HttpRequest, service_uuid: UUID, uuid: UUID | None = None) -> HttpResponse:
    service = _managed_service(request, service_uuid)
    contact = get_object_or_404(Contact, uuid=uuid, service=service) if uuid else Contact(service=service)
    data = request.POST if request.method == "POST" else None
    form = ContactForm(data, instance=contact)
    return _edit(
        request,
        service,
        form,
        lambda: contact_save(contact=form.save(commit=False), by=request.user),
        done=_("The contact was saved."),
        anchor="#contacts",
        title=_("Edit the contact") if uuid else _("Add a contact"),
    )


@login_required
@require_POST
def contact_delete(request: HttpRequest, service_uuid: UUID, uuid: UUID) -> HttpResponse:
    service = _managed_service(request, service_uuid)
    contact_remove(contact=get_object_or_404(Contact, uuid=uuid, service=service), by=request.user)
    messages.success(request, _("The contact was removed."))
    return _detail(service, "#contacts")


# --- Prices ------------------------------------------------------------------------------


@login_required
def cost_option_edit(request: HttpRequest, service_uuid: UUID, uuid: UUID | None = None) -> HttpResponse:
    service = _managed_service(request, service_uuid)
    cost = get_object_or_404(CostOption, uuid=uuid, service=service) if uuid else CostOption(service=service)
    data = request.POST if request.method == "POST" else None
    form = CostOptionForm(data, instance=cost)
    return _edit(
        request,
        service,
        form,
        lambda: cost_option_save(cost_option=form.save(commit=False), texts=form.texts(), by=request.user),
        done=_("The price was saved."),
        anchor="#prices",
        title=_("Edit the price") if uuid else _("Add a price"),
    )


@login_required
@require_POST
def cost_option_delete(request: HttpRequest, service_uuid: UUID, uuid: UUID) -> HttpResponse:
    service = _managed_service(request, service_uuid)
    cost_option_remove(cost_option=get_object_or_404(CostOption, uuid=uuid, service=service), by=request.user)
    messages.success(request, _("The price was removed."))
    return _detail(service, "#prices")


# --- Opening hours -----------------------------------------------------------------------

_SCHEDULE_RELATED = ("service_at_location", "location")


@login_required
def schedule_edit(request: HttpRequest, service_uuid: UUID, uuid: UUID | None = None) -> HttpResponse:
    """Add (``uuid`` None) or change one rule of opening hours of the service, of the service at
    one of its locations, or of one of its locations."""
    service = _managed_service(request, service_uuid)
    schedule = _item(service, Schedule, uuid, _SCHEDULE_RELATED) if uuid else Schedule()
    owners = owners_of(service, contacts=False, locations=True)
    data = request.POST if request.method == "POST" else None
    initial = {"owner": request.GET.get("owner", "")} if not uuid else None
    form = ScheduleForm(data, instance=schedule, owners=owners, initial=initial)
    return _edit(
        request,
        service,
        form,
        lambda: schedule_save(schedule=form.save(commit=False), by=request.user),
        done=_("The opening hours were saved.") if uuid else _("The opening hours were added."),
        anchor="#hours",
        title=_("Edit opening hours") if uuid else _("Add opening hours"),
    )


@login_required
@require_POST
def schedule_delete(request: HttpRequest, service_uuid: UUID, uuid: UUID) -> HttpResponse:
    service = _managed_service(request, service_uuid)
    schedule_remove(schedule=_item(service, Schedule, uuid, _SCHEDULE_RELATED), by=request.user)
    messages.success(request, _("The opening hours were removed."))
    return _detail(service, "#hours")
