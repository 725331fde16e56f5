"""The e-mails to people who registered, sent by the task worker to a real SMTP server on the
loopback interface (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket
from email.message import Message
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from kotopolku.events import services
from kotopolku.events.models import Event, Registration
from kotopolku.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def inbox(settings):
    handler = Inbox()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    settings.TASKS = DB_TASKS
    yield handler
    controller.stop()


def run_worker() -> None:
    # The worker closes "old" connections between tasks; inside the test's transaction on
    # PostgreSQL that would close the test's own connection, so that housekeeping is left out.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def register(event: Event, n: int, django_capture_on_commit_callbacks) -> Registration:
    with django_capture_on_commit_callbacks(execute=True):
        return services.registration_create(
            event=event,
            data=services.RegistrationData(name=f"Henkilö {n}", email=f"p{n}@example.test", language="fi"),
            site_url="http://testserver",
        )


def calendar_of(message: Message) -> Calendar | None:
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return Calendar.from_ical(part.get_payload(decode=True))
    return None


def test_confirmation_with_ics__waiting_list__and_moving_up_on_a_cancellation(
    inbox, client, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1, title="Työnhakuinfo")
    first = register(event, 1, django_capture_on_commit_callbacks)
    second = register(event, 2, django_capture_on_commit_callbacks)
    run_worker()
    [confirmation] = inbox.to("p1@example.test")
    assert "Työnhakuinfo" in confirmation["Subject"]
    calendar = calendar_of(confirmation)
    assert calendar is not None
    [entry] = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Työnhakuinfo" and entry.decoded("DTSTART") == event.starts_at.replace(
        microsecond=0
    )
    body = confirmation.get_body(preferencelist=("plain",)).get_content()
    assert reverse("events:cancel", args=[first.cancel_token]) in body
    [waiting] = inbox.to("p2@example.test")
    assert calendar_of(waiting) is None and second.status == "waiting"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:cancel", args=[first.cancel_token]))
    assert response.status_code == 200
    run_worker()
    second.refresh_from_db()
    assert second.status == "registered"
    moved_up = inbox.to("p2@example.test")[-1]
    assert calendar_of(moved_up) is not None


def test_reminder_the_day_before_and_feedback_after(inbox, django_capture_on_commit_callbacks):
    soon = timezone.now() + dt.timedelta(hours=12)
    event = EventFactory(starts_at=soon, ends_at=soon + dt.timedelta(hours=2), title="Kielikahvila")
    register(event, 3, django_capture_on_commit_callbacks)
    run_worker()
    subjects = [m["Subject"] for m in inbox.to("p3@example.test")]
    assert len(subjects) == 2  # the confirmation and the reminder (the event is within a day)
    # The event is over: the feedback request is due.
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=5), ends_at=timezone.now() - dt.timedelta(hours=3)
    )
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - dt.timedelta(seconds=1))
    run_worker()
    assert len(inbox.to("p3@example.test")) == 3
    feedback = inbox.to("p3@example.test")[-1]
    assert "Kielikahvila" in feedback["Subject"]
    run_worker()
    assert len(inbox.to("p3@example.test")) == 3  # nothing is sent twice
