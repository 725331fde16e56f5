"""Staff pages of events (list, form, registrations and attendance, head counts, workshop
outputs) and the public pages: an event with its registration form, the cancel link and the
iCalendar feed of a service point."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.audit.services import audit_record
from kotopolku.clients.models import Client
from kotopolku.core.versioning import StaleVersion
from kotopolku.employers.models import Employer
from kotopolku.employers.permissions import employer_scope
from kotopolku.employers.views.common import apply_errors
from kotopolku.events import selectors, services
from kotopolku.events.api import client_address, public_event_out, site_url
from kotopolku.events.enums import EventKind, RegistrationStatus
from kotopolku.events.forms import (
    AttendanceForm,
    EventForm,
    HeadCountForm,
    LinkClientForm,
    OutputForm,
    RegistrationForm,
)
from kotopolku.events.messages import event_calendar
from kotopolku.events.models import Event, WorkshopOutput
from kotopolku.organisations.models import ServicePoint


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _employers(request: HttpRequest) -> Any:
    return Employer.objects.filter(employer_scope(request.user)).order_by("name")


@login_required
def event_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "events.view")
    show_past = request.GET.get("past") == "1"
    events = list(selectors.event_list(user=request.user, upcoming_only=not show_past)[:200])
    return render(
        request,
        "events/event_list.html",
        {"events": events, "show_past": show_past, "may_manage": can(request.user, "events.manage")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "events.manage")
    allowed = service_point_ids(request.user, "events.manage")
    point = ServicePoint.objects.filter(pk__in=allowed).order_by("name").first()
    if point is None:
        raise PermissionDenied("events.manage")
    form = EventForm(
        request.POST or None, employers=_employers(request), initial={"public_registration": True}
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(service_point=point, data=form.data_object(), by=_user(request))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("events:detail", event.uuid)
    return render(request, "events/event_form.html", {"form": form, "title": _("New event")})


def _event(request: HttpRequest, uuid: UUID, action: str) -> Event:
    event = selectors.event_get(uuid=uuid)
    require(request.user, action, event)
    return event


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, uuid: UUID) -> HttpResponse:
    event = _event(request, uuid, "events.manage")
    form = EventForm(
        request.POST or None, employers=_employers(request), initial=EventForm.initial_for(event)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                event=event,
                data=form.data_object(),
                expected_version=form.cleaned_data["version"],
                by=_user(request),
            )
        except StaleVersion as error:
            fresh = selectors.event_get(uuid=uuid)
            form = EventForm(employers=_employers(request), initial=EventForm.initial_for(fresh))
            form.cleaned_data = {}
            message = _(
                "Someone else saved this event (version %(version)d) while you were editing. "
                "The form now shows the saved values; make your change again."
            )
            form.add_error(None, message % {"version": error.current.version})
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("events:detail", event.uuid)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "title": event.title_in(get_language()), "event": event},
    )


@login_required
def event_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    event = _event(request, uuid, "events.view")
    may_registrations = can(request.user, "events.registrations", event)
    registrations = list(selectors.registration_list(event=event)) if may_registrations else []
    # One small form per row; the ids differ, the field names stay those the views read.
    for registration in registrations:
        registration.attendance_form = AttendanceForm(  # type: ignore[attr-defined]
            initial={"attendance": registration.attendance}, auto_id=f"attendance-{registration.uuid}-%s"
        )
        registration.link_form = LinkClientForm(  # type: ignore[attr-defined]
            initial={"client": registration.client.uuid if registration.client else None},
            auto_id=f"client-{registration.uuid}-%s",
        )
    if registrations:
        audit_record(
            actor=request.user,
            action="events.registrations",
            target=event,
            purpose="event registrations",
            details={"registrations": len(registrations)},
        )
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "text": event.text_in(get_language()),
            "counts": selectors.event_counts(event=event),
            "registrations": registrations,
            "may_registrations": may_registrations,
            "may_manage": can(request.user, "events.manage", event),
            "head_counts": list(selectors.head_counts(event=event)),
            "head_count_form": HeadCountForm(),
            "outputs": list(event.outputs.defer("content")),
            "output_form": OutputForm(),
            "is_workshop": event.kind == EventKind.WORKSHOP,
            "organisers": list(event.organiser_organisations.all()) + list(event.organiser_employers.all()),
            "participants": list(event.participating_organisations.all()),
            "registered": RegistrationStatus.REGISTERED,
        },
    )


def _registration(request: HttpRequest, uuid: UUID) -> Any:
    registration = selectors.registration_get(uuid=uuid)
    require(request.user, "events.registrations", registration)
    return registration


@login_required
@require_POST
def attendance_mark(request: HttpRequest, uuid: UUID) -> HttpResponse:
    registration = _registration(request, uuid)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            services.attendance_mark(
                registration=registration, attendance=form.cleaned_data["attendance"], by=_user(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    if request.headers.get("HX-Request"):
        return HttpResponse(status=204)
    return redirect("events:detail", registration.event.uuid)


@login_required
@require_POST
def registration_cancel_staff(request: HttpRequest, uuid: UUID) -> HttpResponse:
    registration = _registration(request, uuid)
    services.registration_cancel(registration=registration, by=request.user, site_url=site_url(request))
    messages.success(request, _("The registration was cancelled."))
    return redirect("events:detail", registration.event.uuid)


@login_required
@require_POST
def registration_link(request: HttpRequest, uuid: UUID) -> HttpResponse:
    registration = _registration(request, uuid)
    form = LinkClientForm(request.POST)
    client = None
    if form.is_valid() and form.cleaned_data["client"]:
        client = Client.objects.filter(uuid=form.cleaned_data["client"]).first()
        if client is None or not can(request.user, "clients.view", client):
            messages.error(request, _("Unknown client."))
            return redirect("events:detail", registration.event.uuid)
    try:
        services.registration_link_client(registration=registration, client=client, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The registration was linked to the client.") if client else _("The link was removed.")
        )
    return redirect("events:detail", registration.event.uuid)


@login_required
@require_POST
def head_count(request: HttpRequest, uuid: UUID) -> HttpResponse:
    event = _event(request, uuid, "events.manage")
    form = HeadCountForm(request.POST)
    if form.is_valid():
        try:
            services.head_count_set(event=event, by=_user(request), **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The head count was saved."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("events:detail", event.uuid)


@login_required
@require_POST
def output_add(request: HttpRequest, uuid: UUID) -> HttpResponse:
    event = _event(request, uuid, "events.manage")
    form = OutputForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        content = b""
        if upload is not None:
            if upload.size > services.MAX_OUTPUT_BYTES:
                messages.error(request, _("The file is too large: at most 5 MB."))
                return redirect("events:detail", event.uuid)
            content = upload.read()
        try:
            services.workshop_output_add(
                event=event,
                title=form.cleaned_data["title"],
                note=form.cleaned_data["note"],
                file_name=upload.name if upload else "",
                content_type=upload.content_type if upload else "",
                content=content,
                by=_user(request),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The output was saved."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("events:detail", event.uuid)


@login_required
def output_download(request: HttpRequest, uuid: UUID) -> HttpResponse:
    output = WorkshopOutput.objects.select_related("event").filter(uuid=uuid).first()
    if output is None or not output.file_name:
        raise Http404
    require(request.user, "events.view", output.event)
    response = HttpResponse(bytes(output.content), content_type="application/octet-stream")
    safe_name = "".join(c for c in output.file_name if c.isalnum() or c in "._- ")[:100] or "output"
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- public pages ------------------------------------------------------------------------


def public_index(request: HttpRequest) -> HttpResponse:
    base = site_url(request)
    language = get_language()
    events = [public_event_out(e, language, base) for e in selectors.published_events()[:200]]
    points = ServicePoint.objects.filter(is_active=True).order_by("name")
    return render(request, "events/public_list.html", {"events": events, "points": points})


@require_http_methods(["GET", "POST"])
def public_event(request: HttpRequest, uuid: UUID) -> HttpResponse:
    event = selectors.published_event_get(uuid=uuid)
    language = get_language()
    shown = selectors.published_events(since=event.ends_at).filter(pk=event.pk).first() or event
    if not hasattr(shown, "registered_count"):
        shown.registered_count = selectors.event_counts(event=event)["registered"]  # type: ignore[attr-defined]
    info = public_event_out(shown, language, site_url(request))
    form = RegistrationForm(request.POST or None, initial={"language": language})
    done = None
    status = 200
    if request.method == "POST" and info.registration_open:
        try:
            services.registration_attempt_check(address=client_address(request))
        except services.RateLimited:
            form.add_error(None, _("Too many registrations from your address. Try again in an hour."))
            status = 429
        else:
            if form.is_valid():
                if form.cleaned_data["website"]:
                    form.add_error("website", _("Leave this field empty."))
                else:
                    try:
                        done = services.registration_create(
                            event=event, data=form.data_object(), site_url=site_url(request)
                        )
                    except ValidationError as error:
                        apply_errors(form, error)
        if done is None and status == 200:
            status = 400
    return render(
        request,
        "events/public_event.html",
        {"event": event, "info": info, "form": form, "done": done},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = services.registration_by_token(token)
    if registration is None or registration.anonymised_at is not None:
        raise Http404
    cancelled = registration.status == RegistrationStatus.CANCELLED
    if request.method == "POST" and not cancelled:
        services.registration_cancel(registration=registration, site_url=site_url(request))
        cancelled = True
    return render(
        request,
        "events/cancel.html",
        {
            "registration": registration,
            "title": registration.event.title_in(get_language()),
            "cancelled": cancelled,
        },
    )


def feed(request: HttpRequest, slug: str) -> HttpResponse:
    point = ServicePoint.objects.filter(slug=slug, is_active=True).first()
    if point is None:
        raise Http404
    since = timezone.now() - dt.timedelta(days=90)
    events = list(selectors.published_events(service_point_ids=[point.pk], since=since)[:500])
    body = event_calendar(events, language=get_language(), name=point.name, site_url=site_url(request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{point.slug}.ics"'
    return response
