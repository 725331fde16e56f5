"""Appointments as iCalendar (RFC 5545): one appointment's .ics and a worker's feed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from kotopolku.appointments.enums import AppointmentStatus


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Kotopolku//appointments//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    return calendar


def _event(appointment: Any, *, summary: str, description: str = "") -> Event:
    event = Event()
    event.add("uid", f"{appointment.uuid}@kotopolku")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", appointment.ends_at)
    event.add("summary", summary)
    event.add("sequence", appointment.version)
    if appointment.location:
        event.add("location", appointment.location)
    if appointment.meeting_link:
        event.add("url", appointment.meeting_link)
    if description:
        event.add("description", description)
    if appointment.status in (AppointmentStatus.CANCELLED,):
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def appointment_ics(appointment: Any, *, summary: str, description: str = "") -> bytes:
    calendar = _calendar()
    calendar.add("method", "PUBLISH")
    calendar.add_component(_event(appointment, summary=summary, description=description))
    return bytes(calendar.to_ical())


def feed_ics(appointments: Iterable[Any], *, name: str, summary_of: Any) -> bytes:
    """A worker's feed: the appointments' times and kinds. No client's name goes in: a
    subscribed calendar sits on servers the service point does not control."""
    calendar = _calendar()
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for appointment in appointments:
        calendar.add_component(_event(appointment, summary=summary_of(appointment)))
    return bytes(calendar.to_ical())
