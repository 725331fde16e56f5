from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from icalendar import Calendar

from kotopolku.appointments import services
from kotopolku.appointments.models import Appointment
from kotopolku.appointments.sms import MemorySmsBackend
from kotopolku.appointments.tasks import send_due_reminders
from kotopolku.catalogue.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sms(settings):
    settings.SMS_BACKEND = "kotopolku.appointments.sms.MemorySmsBackend"
    MemorySmsBackend.outbox.clear()
    return MemorySmsBackend.outbox


@pytest.fixture(autouse=True)
def _remind_a_week_ahead(settings):
    """Next Monday's appointments fall within the reminder lead, whatever day the test runs."""
    settings.APPOINTMENT_REMINDER_HOURS = 24 * 8


def _soon(world):
    return world.at(9)


def test_reminder__sent_by_the_worker_to_smtp_in_the_clients_language_with_ics(world, smtp_server, sms):
    service = ServiceFactory()
    service.required_documents.create(texts={"sv": {"document": "Pass"}, "fi": {"document": "Passi"}})
    starts = _soon(world)
    appointment = services.appointment_book(
        service_point=world.lead,
        data=services.BookingData(
            kind="advisor",
            starts_at=starts,
            ends_at=starts + timedelta(minutes=30),
            channel="on_site",
            worker=world.advisor,
            client=world.client,
            language="sv",
            service=service,
        ),
        by=world.advisor,
    )
    # The booking queued the reminder run for when it falls due (now, with a lead of eight days).
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "anna@example.org"
    body = smtp_server.bodies()[0]
    assert "Påminnelse" in body and "Pass" in body
    attachments = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    event = Calendar.from_ical(attachments[0].get_payload(decode=True)).walk("VEVENT")[0]
    assert str(appointment.uuid) in str(event["uid"])
    assert sms == [("+358401112223", sms[0][1])] and "Påminnelse" in sms[0][1]
    assert Appointment.objects.get(pk=appointment.pk).reminder_sent_at is not None
    # A second run sends nothing again.
    assert send_due_reminders.call() == 0


def test_reminder__cancelled_or_far_away__not_sent(world, smtp_server, sms):
    starts = _soon(world)
    appointment = services.appointment_book(
        service_point=world.lead,
        data=services.BookingData(
            kind="advisor",
            starts_at=starts,
            ends_at=starts + timedelta(minutes=30),
            channel="phone",
            worker=world.advisor,
            client=world.client,
            language="fi",
        ),
        by=world.advisor,
    )
    services.appointment_cancel(appointment=appointment, by=world.advisor, reason_code="client_ill")
    assert send_due_reminders.call() == 0
    assert smtp_server.messages == [] and sms == []


def test_reminders__a_batch_is_claimed_in_one_transaction__queries_grow_only_by_the_audit_events(
    world, smtp_server, sms, django_assert_max_num_queries
):
    """Ten reminders: the due list, one claim (its transaction, the lock and the mark of the
    whole batch), two statements per audit event, and the empty second look."""
    from kotopolku.appointments.tests.factories import AppointmentFactory

    for minute in range(10):
        AppointmentFactory(
            service_point=world.lead, worker=world.advisor, client=world.client, starts_at=world.at(9, minute)
        )
    with django_assert_max_num_queries(8 + 2 * 10):
        assert send_due_reminders.call() == 10
    assert len(smtp_server.messages) == 10 and len(sms) == 10
    assert Appointment.objects.filter(reminder_sent_at__isnull=True).count() == 0
    assert send_due_reminders.call() == 0
