from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kotopolku.appointments import services
from kotopolku.appointments.enums import AppointmentChannel, AppointmentKind, AppointmentStatus, SlotState
from kotopolku.appointments.models import Appointment, InterpreterBooking
from kotopolku.appointments.selectors import calendar_for, interpreter_report
from kotopolku.appointments.tests.factories import AppointmentFactory
from kotopolku.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _data(world, **overrides):
    values = dict(
        kind=AppointmentKind.ADVISOR,
        starts_at=world.at(9),
        ends_at=world.at(9, 30),
        channel=AppointmentChannel.ON_SITE,
        worker=world.advisor,
        client=world.client,
        language="en",
    )
    values.update(overrides)
    return services.BookingData(**values)


def test_book__in_availability__saved_audited(world):
    appointment = services.appointment_book(service_point=world.lead, data=_data(world), by=world.advisor)
    assert appointment.status == AppointmentStatus.BOOKED and appointment.location == "Rantakatu 20"
    assert AuditEvent.objects.filter(action="appointments.book", target_id=str(appointment.uuid)).exists()


def test_book__same_slot_twice__second_refused(world):
    services.appointment_book(service_point=world.lead, data=_data(world), by=world.advisor)
    with pytest.raises(ValidationError) as error:
        services.appointment_book(
            service_point=world.lead,
            data=_data(world, starts_at=world.at(9, 15), ends_at=world.at(9, 45)),
            by=world.advisor,
        )
    assert "starts_at" in error.value.message_dict
    assert Appointment.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"starts_at": "past", "ends_at": "past_end"}, "starts_at"),
        ({"ends_at": "before"}, "ends_at"),
        ({"starts_at": "evening", "ends_at": "evening_end"}, "starts_at"),
        ({"language": "xx-evil"}, "language"),
        ({"topic": "hidden\u202eevil"}, "topic"),
        ({"channel": AppointmentChannel.VIDEO}, "meeting_link"),
        ({"channel": AppointmentChannel.VIDEO, "meeting_link": "http://insecure.example"}, "meeting_link"),
        ({"kind": AppointmentKind.JOINT}, "partners"),
        ({"kind": AppointmentKind.PERMIT_EXPERT}, "worker"),
        ({"client": None}, "client"),
    ],
)
def test_book__bad_input__refused_per_field_nothing_saved(world, overrides, field):
    now = timezone.now()
    moments = {
        "past": now - timedelta(hours=2),
        "past_end": now - timedelta(hours=1),
        "before": world.at(8, 30),
        "evening": world.at(18),
        "evening_end": world.at(18, 30),
    }
    resolved = {
        key: moments.get(value, value) if isinstance(value, str) else value
        for key, value in overrides.items()
    }
    with pytest.raises(ValidationError) as error:
        services.appointment_book(service_point=world.lead, data=_data(world, **resolved), by=world.advisor)
    assert field in error.value.message_dict
    assert not Appointment.objects.exists()


def test_book__kemi_advisor_books_the_networks_permit_expert_for_a_kemi_client(world):
    appointment = services.appointment_book(
        service_point=world.kemi,
        data=_data(
            world,
            kind=AppointmentKind.PERMIT_EXPERT,
            worker=world.expert,
            client=world.kemi_client,
            channel=AppointmentChannel.VIDEO,
            meeting_link="https://teams.example/meet/1",
        ),
        by=world.kemi_advisor,
    )
    assert appointment.service_point == world.kemi and appointment.worker == world.expert


def test_book__an_employers_contact_person_without_a_client(world):
    appointment = services.appointment_book(
        service_point=world.lead,
        data=_data(
            world,
            kind=AppointmentKind.PERMIT_EXPERT,
            worker=world.expert,
            client=None,
            contact_name="Maija Rekrytoija",
            contact_organisation="Pohjolan Marja Oy",
            channel=AppointmentChannel.PHONE,
        ),
        by=world.advisor,
    )
    assert appointment.person_name == "Maija Rekrytoija"


def test_book__worker_absent__refused(world):
    services.absence_add(
        worker=world.advisor, starts_at=world.at(8), ends_at=world.at(10), note="Training", by=world.advisor
    )
    with pytest.raises(ValidationError) as error:
        services.appointment_book(service_point=world.lead, data=_data(world), by=world.advisor)
    assert "starts_at" in error.value.message_dict


def test_calendar__free_booked_and_absent_slots(world):
    services.appointment_book(service_point=world.lead, data=_data(world), by=world.advisor)
    services.absence_add(
        worker=world.advisor, starts_at=world.at(11), ends_at=world.at(12), note="", by=world.advisor
    )
    calendar = calendar_for(user=world.advisor, start=world.monday, days=7, service_point_id=world.lead.pk)
    states = [slot.state for slot in calendar.cell(world.advisor, world.monday).slots]
    assert states == [
        SlotState.BOOKED,
        SlotState.FREE,
        SlotState.FREE,
        SlotState.FREE,
        SlotState.ABSENT,
        SlotState.ABSENT,
    ]
    assert world.expert in calendar.workers


def test_cancel_and_no_show__need_a_reason_from_the_code_list(world):
    appointment = AppointmentFactory(service_point=world.lead, worker=world.advisor)
    with pytest.raises(ValidationError) as error:
        services.appointment_cancel(appointment=appointment, by=world.advisor, reason_code="made_up")
    assert "reason" in error.value.message_dict
    cancelled = services.appointment_cancel(
        appointment=appointment, by=world.advisor, reason_code="client_ill"
    )
    assert cancelled.status == AppointmentStatus.CANCELLED and cancelled.status_reason.code == "client_ill"
    past = AppointmentFactory(
        service_point=world.lead, worker=world.advisor, starts_at=timezone.now() - timedelta(hours=1)
    )
    with pytest.raises(ValidationError):
        services.appointment_no_show(appointment=past, by=world.advisor, reason_code="client_ill")
    missed = services.appointment_no_show(appointment=past, by=world.advisor, reason_code="no_show_forgot")
    assert missed.status == AppointmentStatus.NO_SHOW


def _series(world, **overrides):
    values = dict(
        organisation=world.kela,
        title="Kela pop-up",
        first_date=world.monday + timedelta(days=1),
        last_date=world.monday + timedelta(days=29),
        starts=time(10),
        ends=time(12),
        interval_weeks=2,
        slot_minutes=30,
    )
    values.update(overrides)
    return services.series_create(
        service_point=world.lead, data=services.SeriesData(**values), by=world.coordinator
    )


def test_series__every_second_tuesday_creates_free_slots(world):
    series = _series(world)
    slots = list(series.slots.order_by("starts_at"))
    days = sorted({timezone.localtime(slot.starts_at).date() for slot in slots})
    assert [day.weekday() for day in days] == [1, 1, 1]
    assert (days[1] - days[0]).days == 14
    assert len(slots) == 12 and all(slot.status == AppointmentStatus.OPEN for slot in slots)


def test_series__change_and_cancel__one_message_per_person(
    world, smtp_server, django_capture_on_commit_callbacks
):
    series = _series(world)
    slots = list(series.slots.order_by("starts_at"))
    services.popup_slot_book(slot=slots[0], by=world.advisor, client=world.client, language="fi")
    services.popup_slot_book(slot=slots[4], by=world.advisor, client=world.client, language="fi")
    services.popup_slot_book(
        slot=slots[5], by=world.advisor, contact_name="Ali", contact_email="ali@example.org", language="en"
    )
    with django_capture_on_commit_callbacks(execute=True):
        series, messages = services.series_change(
            series=series, starts=time(12), ends=time(14), location="Room 2", by=world.coordinator
        )
    assert len(messages) == 2
    assert len(smtp_server.messages) == 2
    moved = Appointment.objects.get(pk=slots[0].pk)
    assert timezone.localtime(moved.starts_at).hour == 12 and moved.location == "Room 2"
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        told = services.series_cancel(series=series, by=world.coordinator)
    assert len(told) == 2 and len(smtp_server.messages) == 2
    assert not Appointment.objects.filter(series=series).exclude(status=AppointmentStatus.CANCELLED).exists()


def test_popup_slot__booked_twice__refused(world):
    slot = _series(world).slots.order_by("starts_at").first()
    services.popup_slot_book(slot=slot, by=world.advisor, client=world.client)
    with pytest.raises(ValidationError):
        services.popup_slot_book(slot=slot, by=world.advisor, contact_name="Someone")


def test_interpreter__bad_input_refused_then_report_sums(world):
    appointment = AppointmentFactory(service_point=world.lead, worker=world.advisor)
    with pytest.raises(ValidationError) as error:
        services.interpreter_book(
            appointment=appointment,
            data=services.InterpreterData(
                language="zz-bad", mode="smoke", provider=None, duration_minutes=0, cost="-3"
            ),
            by=world.advisor,
        )
    assert {"language", "mode", "provider", "duration_minutes", "cost"} <= set(error.value.message_dict)
    for cost in ("85.50", "40.00"):
        services.interpreter_book(
            appointment=appointment,
            data=services.InterpreterData(
                language="ar", mode="phone", provider=world.kela, duration_minutes=45, cost=cost
            ),
            by=world.advisor,
        )
    local = timezone.localtime(appointment.starts_at)
    rows = interpreter_report(user=world.coordinator, year=local.year, month=local.month)
    assert (
        len(rows) == 1 and rows[0].bookings == 2 and rows[0].minutes == 90 and str(rows[0].cost) == "125.50"
    )
    assert InterpreterBooking.objects.count() == 2
