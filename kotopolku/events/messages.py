"""The e-mails sent to people who registered: confirmation (with the event as .ics), moving up
from the waiting list, the reminder the day before and the feedback request after. Written in
the language the person chose when it is one of the public site's languages (the events app
keeps those texts in its catalogues), else in English. A reader of the site's plain Finnish
registers in Finnish (a registration holds an ISO 639 code)."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from kotopolku.core.public_languages import PLAIN_FINNISH, PUBLIC_LANGUAGE_CODES
from kotopolku.events.models import Event, Registration

MESSAGE_LANGUAGES = tuple(code for code in PUBLIC_LANGUAGE_CODES if code != PLAIN_FINNISH)


def event_calendar(events: list[Event], *, language: str, name: str = "", site_url: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Kotopolku//events//EN")
    calendar.add("version", "2.0")
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"{event.uuid}@kotopolku")
        entry.add("dtstamp", event.updated_at or timezone.now())
        entry.add("dtstart", event.starts_at)
        entry.add("dtend", event.ends_at)
        entry.add("summary", event.title_in(language))
        text = event.text_in(language)
        if text and text.description:
            entry.add("description", text.description)
        if event.place:
            entry.add("location", event.place)
        if event.online_url:
            entry.add("url", event.online_url)
        elif site_url:
            entry.add("url", site_url + reverse("events:public_event", args=[event.uuid]))
        entry.add("sequence", event.version)
        if event.status == "cancelled":
            entry.add("status", "CANCELLED")
        calendar.add_component(entry)
    return calendar.to_ical()


def _when(event: Event) -> str:
    start = timezone.localtime(event.starts_at)
    return f"{date_format(start, 'SHORT_DATETIME_FORMAT')}"


def _cancel_link(registration: Registration, site_url: str) -> str:
    return site_url + reverse("events:cancel", args=[registration.cancel_token])


def _send(registration: Registration, subject: str, body: str, *, with_calendar: bool, site_url: str) -> None:
    message = EmailMessage(subject=subject, body=body, to=[registration.email])
    if with_calendar:
        language = translation.get_language() or "fi"
        message.attach(
            "event.ics",
            event_calendar([registration.event], language=language, site_url=site_url),
            "text/calendar",
        )
    message.send()


def _language(registration: Registration) -> str:
    return registration.language if registration.language in MESSAGE_LANGUAGES else "en"


def send_confirmation(registration: Registration, site_url: str) -> None:
    with translation.override(_language(registration)):
        event = registration.event
        title = event.title_in(_language(registration))
        if registration.status == "waiting":
            subject = _("On the waiting list: %(title)s") % {"title": title}
            first = _("The event is full. You are on the waiting list and get an e-mail if a place frees up.")
        else:
            subject = _("Registration confirmed: %(title)s") % {"title": title}
            first = _("You are registered. The event is in the attached calendar file.")
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": registration.name},
                first,
                f"{title}\n{_when(event)}\n{event.place or event.online_url}",
                _("If you cannot come, cancel here: %(link)s")
                % {"link": _cancel_link(registration, site_url)},
            ]
        )
        _send(
            registration, subject, body, with_calendar=registration.status == "registered", site_url=site_url
        )


def send_moved_up(registration: Registration, site_url: str) -> None:
    with translation.override(_language(registration)):
        event = registration.event
        title = event.title_in(_language(registration))
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": registration.name},
                _("A place became free and you are now registered.")
                + " "
                + _("The event is in the attached calendar file."),
                f"{title}\n{_when(event)}\n{event.place or event.online_url}",
                _("If you cannot come, cancel here: %(link)s")
                % {"link": _cancel_link(registration, site_url)},
            ]
        )
        _send(
            registration,
            _("You got a place: %(title)s") % {"title": title},
            body,
            with_calendar=True,
            site_url=site_url,
        )


def send_reminder(registration: Registration, site_url: str) -> None:
    with translation.override(_language(registration)):
        event = registration.event
        title = event.title_in(_language(registration))
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": registration.name},
                _("A reminder: the event is tomorrow."),
                f"{title}\n{_when(event)}\n{event.place or event.online_url}",
                _("If you cannot come, cancel here: %(link)s")
                % {"link": _cancel_link(registration, site_url)},
            ]
        )
        _send(
            registration,
            _("Tomorrow: %(title)s") % {"title": title},
            body,
            with_calendar=False,
            site_url=site_url,
        )


def send_feedback_request(registration: Registration, site_url: str) -> None:
    with translation.override(_language(registration)):
        event = registration.event
        title = event.title_in(_language(registration))
        link = site_url + reverse("events:public_event", args=[event.uuid])
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": registration.name},
                _("Thank you for taking part.")
                + " "
                + _("Tell us how the event went; your answer helps us plan the next ones."),
                _("Give feedback here: %(link)s") % {"link": link},
            ]
        )
        _send(
            registration,
            _("How was it? %(title)s") % {"title": title},
            body,
            with_calendar=False,
            site_url=site_url,
        )
