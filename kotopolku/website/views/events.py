"""The service point's events on its site: the list, an event's page and its registration form.
The events app's selectors read and its services register; the site only words the pages in the
reader's language."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from babel.dates import format_datetime, format_time
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kotopolku.events import selectors as events
from kotopolku.events import services as registrations
from kotopolku.events.enums import EventStatus, RegistrationStatus
from kotopolku.events.models import Event
from kotopolku.website import presenters
from kotopolku.website.forms import EventRegistrationForm
from kotopolku.website.views.context import Page, not_found, site_page
from kotopolku.website.views.limits import network_address, refused, too_large

EVENTS_ON_A_PAGE = 50


def _locale(language: str) -> str:
    return presenters.content_language(language).replace("-", "_")


def when(starts_at: datetime, ends_at: datetime, language: str) -> str:
    """ "Tuesday 3 March 2026, 14:00–16:00" in the reader's language (Babel's CLDR data covers
    every public language, Somali included)."""
    locale = _locale(language)
    tz = presenters.HELSINKI
    start = timezone.localtime(starts_at, tz)
    end = timezone.localtime(ends_at, tz)
    text = format_datetime(start, "EEEE d MMMM y, HH:mm", tzinfo=tz, locale=locale)
    if start.date() == end.date():
        return f"{text}–{format_time(end, 'HH:mm', tzinfo=tz, locale=locale)}"
    return f"{text} – {format_datetime(end, 'EEEE d MMMM y, HH:mm', tzinfo=tz, locale=locale)}"


def registration_open(event: Event, now: datetime) -> bool:
    return (
        event.status == EventStatus.PUBLISHED
        and event.public_registration
        and event.starts_at > now
        and (event.registration_deadline is None or event.registration_deadline >= now)
    )


def event_card(event: Event, page: Page, now: datetime) -> dict[str, Any]:
    text = event.text_in(presenters.content_language(page.language))
    registered = getattr(event, "registered_count", 0)
    return {
        "uuid": event.uuid,
        "url": page.url("event", uuid=event.uuid),
        "title": text.title if text else "",
        "description": text.description if text else "",
        "text_lang": text.language if text else page.language,
        "when": when(event.starts_at, event.ends_at, page.language),
        "place": event.place,
        "online_url": event.online_url,
        "cancelled": event.status == EventStatus.CANCELLED,
        "languages": [presenters.language_name(code, page.language) for code in event.languages],
        "places_left": None if event.capacity is None else max(event.capacity - registered, 0),
        "registration_open": registration_open(event, now),
    }


def _site_events(page: Page) -> Any:
    return events.published_events(service_point_ids=[page.service_point.pk])


@require_GET
@site_page
def event_list(request: HttpRequest, page: Page) -> HttpResponse:
    now = timezone.now()
    cards = [event_card(event, page, now) for event in _site_events(page)[:EVENTS_ON_A_PAGE]]
    return page.render("website/events.html", {"events": cards})


def _registration_errors(form: EventRegistrationForm, error: ValidationError) -> None:
    """The service's refusals in the reader's language. The form has already checked what the
    service checks; what is left is a second registration or a registration that closed."""
    fields = getattr(error, "error_dict", {})
    if "email" in fields:
        form.add_error("email", _("This e-mail address is already registered to the event."))
    for name in fields:
        if name != "email" and name in form.fields:
            form.add_error(name, _("Check this field."))
    if "__all__" in fields or not fields:
        form.add_error(None, _("Registration for this event has closed."))


@require_http_methods(["GET", "POST"])
@site_page
def event(request: HttpRequest, page: Page, uuid: UUID) -> HttpResponse:
    now = timezone.now()
    found = _site_events(page).filter(uuid=uuid).first()
    if found is None:
        return not_found(request, page.language, page.site)
    card = event_card(found, page, now)
    form = EventRegistrationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if too_large(request):
            return refused(page, _("The form was too large to send."), 413)
        if not card["registration_open"]:
            return refused(page, _("Registration for this event has closed."), 409)
        if request.POST.get("website"):  # the honeypot: people do not see this field
            return refused(page, _("The message could not be sent."), 400)
        try:
            registrations.registration_attempt_check(address=network_address(request))
        except registrations.RateLimited:
            return refused(
                page, _("You have sent many messages in a short time. Please try again in an hour."), 429
            )
        if form.is_valid():
            data = registrations.RegistrationData(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                needs=form.cleaned_data["needs"],
                language=presenters.content_language(page.language).split("-")[0],
            )
            try:
                done = registrations.registration_create(
                    event=found, data=data, site_url=request.build_absolute_uri("/").rstrip("/")
                )
            except ValidationError as error:
                _registration_errors(form, error)
            else:
                waiting = done.status == RegistrationStatus.WAITING
                return HttpResponseRedirect(
                    page.url("event_registered", uuid=found.uuid) + ("?waiting=1" if waiting else "")
                )
        status = 400
    return page.render("website/event.html", {"event": card, "form": form}, status=status)


@require_GET
@site_page
def event_registered(request: HttpRequest, page: Page, uuid: UUID) -> HttpResponse:
    found = _site_events(page).filter(uuid=uuid).first()
    if found is None:
        return not_found(request, page.language, page.site)
    return page.render(
        "website/event_registered.html",
        {"event": event_card(found, page, timezone.now()), "waiting": request.GET.get("waiting") == "1"},
    )
