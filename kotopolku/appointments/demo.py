"""Demo appointments: the advisors' and the region's permit expert's availability, booked and
past appointments (some missed, some with interpreters), Kela's pop-up hours at Kemi every
second Tuesday, and requests from the public form waiting in the queue."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.appointments import services
from kotopolku.appointments.enums import (
    AppointmentChannel,
    AppointmentKind,
    AppointmentStatus,
    InterpreterMode,
)
from kotopolku.appointments.models import (
    Appointment,
    AppointmentRequest,
    Availability,
    InterpreterBooking,
    StatusReason,
)
from kotopolku.appointments.selectors import at
from kotopolku.clients.models import Client
from kotopolku.organisations.demo import DemoTenancy

ADVISOR_ROVANIEMI = "advisor.rovaniemi@demo.kotopolku.fi"
ADVISOR_KEMI = "advisor.kemi@demo.kotopolku.fi"
EXPERT = "permit.expert@demo.kotopolku.fi"
COORDINATOR = "coordinator@demo.kotopolku.fi"


def load_demo(*, tenancy: DemoTenancy, stdout: Any) -> None:
    if Availability.objects.filter(service_point__in=[tenancy.rovaniemi, tenancy.kemi]).exists():
        return
    users = {
        u.email: u
        for u in User.objects.filter(email__in=[ADVISOR_ROVANIEMI, ADVISOR_KEMI, EXPERT, COORDINATOR])
    }
    advisor, kemi_advisor, expert = users[ADVISOR_ROVANIEMI], users[ADVISOR_KEMI], users[EXPERT]
    for weekday in range(4):
        Availability.objects.create(
            worker=advisor,
            service_point=tenancy.rovaniemi,
            weekday=weekday,
            starts=time(9),
            ends=time(11, 30),
        )
        Availability.objects.create(
            worker=kemi_advisor, service_point=tenancy.kemi, weekday=weekday, starts=time(12), ends=time(15)
        )
    for weekday in (1, 3):
        Availability.objects.create(
            worker=expert,
            service_point=tenancy.rovaniemi,
            weekday=weekday,
            starts=time(9),
            ends=time(15),
            slot_minutes=45,
        )
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    next_monday = monday + timedelta(days=7)
    rovaniemi_clients = list(
        Client.objects.filter(service_point=tenancy.rovaniemi, status="active").order_by("id")[:6]
    )
    kemi_clients = list(Client.objects.filter(service_point=tenancy.kemi, status="active").order_by("id")[:4])
    booked = 0
    for index, client in enumerate(rovaniemi_clients):
        services.appointment_book(
            service_point=tenancy.rovaniemi,
            data=services.BookingData(
                kind=AppointmentKind.ADVISOR,
                starts_at=at(next_monday + timedelta(days=index % 4), time(9 + index // 4, 30 * (index % 2))),
                ends_at=at(next_monday + timedelta(days=index % 4), time(9 + index // 4, 30 * (index % 2)))
                + timedelta(minutes=30),
                channel=AppointmentChannel.ON_SITE,
                worker=advisor,
                client=client,
                language="en",
                topic="Kela benefits",
            ),
            by=advisor,
        )
        booked += 1
    # Kemi's advisor books the region's residence-permit expert for a Kemi client, by video.
    for index, client in enumerate(kemi_clients[:2]):
        start = at(next_monday + timedelta(days=1), time(9)) + timedelta(minutes=45 * index)
        services.appointment_book(
            service_point=tenancy.kemi,
            data=services.BookingData(
                kind=AppointmentKind.PERMIT_EXPERT,
                starts_at=start,
                ends_at=start + timedelta(minutes=45),
                channel=AppointmentChannel.VIDEO,
                meeting_link="https://teams.microsoft.com/l/meetup-join/demo",
                worker=expert,
                client=client,
                language="fi",
                topic="Extended permit",
            ),
            by=kemi_advisor,
        )
        booked += 1
    # An employer's contact person asks the expert about hiring by phone.
    start = at(next_monday + timedelta(days=3), time(10, 30))
    services.appointment_book(
        service_point=tenancy.rovaniemi,
        data=services.BookingData(
            kind=AppointmentKind.PERMIT_EXPERT,
            starts_at=start,
            ends_at=start + timedelta(minutes=45),
            channel=AppointmentChannel.PHONE,
            worker=expert,
            contact_name="Maija Rekrytoija",
            contact_organisation="Pohjolan Marja Oy",
            contact_phone="+358401110099",
            topic="Seasonal workers' permits",
        ),
        by=advisor,
    )
    # History of the last weeks: held, missed and cancelled appointments, some with interpreters.
    no_show = StatusReason.objects.filter(code="no_show_forgot").first()
    cancelled = StatusReason.objects.filter(code="client_ill").first()
    providers = [tenancy.partners[name] for name in ("SPR Lappi", "MoniNet") if name in tenancy.partners]
    languages = ["ar", "so", "uk", "fa", "ru"]
    for week in range(1, 6):
        for index, client in enumerate(rovaniemi_clients + kemi_clients):
            point = client.service_point
            worker = advisor if point == tenancy.rovaniemi else kemi_advisor
            hour = 9 if point == tenancy.rovaniemi else 12
            start = at(
                monday - timedelta(weeks=week) + timedelta(days=index % 4), time(hour + index // 4 % 2)
            )
            status = AppointmentStatus.DONE
            reason = None
            if (week + index) % 7 == 0:
                status, reason = AppointmentStatus.NO_SHOW, no_show
            elif (week + index) % 9 == 0:
                status, reason = AppointmentStatus.CANCELLED, cancelled
            appointment = Appointment.objects.create(
                service_point=point,
                kind=AppointmentKind.ADVISOR,
                worker=worker,
                starts_at=start,
                ends_at=start + timedelta(minutes=45),
                channel=AppointmentChannel.ON_SITE,
                location=point.address,
                client=client,
                language="fi",
                status=status,
                status_reason=reason,
                booked_by=worker,
                reminder_sent_at=start - timedelta(days=1),
            )
            if providers and index % 3 == 0 and status == AppointmentStatus.DONE:
                InterpreterBooking.objects.create(
                    service_point=point,
                    appointment=appointment,
                    language=languages[(week + index) % len(languages)],
                    mode=InterpreterMode.PHONE if index % 2 else InterpreterMode.ON_SITE,
                    provider=providers[index % len(providers)],
                    duration_minutes=45,
                    cost=Decimal("62.50") if index % 2 else Decimal("95.00"),
                    booked_by=worker,
                )
    # Kela's pop-up hours at Kemi every second Tuesday 10–12, for three months.
    tuesday = next_monday + timedelta(days=1)
    series = services.series_create(
        service_point=tenancy.kemi,
        data=services.SeriesData(
            organisation=tenancy.partners["Kela"],
            title="Kelan pop-up-vastaanotto",
            first_date=tuesday,
            last_date=tuesday + timedelta(weeks=12),
            starts=time(10),
            ends=time(12),
            interval_weeks=2,
            slot_minutes=20,
            location="International Pointti, Kemi",
        ),
        by=kemi_advisor,
    )
    for slot, client in zip(series.slots.order_by("starts_at")[:3], kemi_clients, strict=False):
        services.popup_slot_book(slot=slot, by=kemi_advisor, client=client, language="fi")
    for topic, language, times, name in (
        ("Oleskelulupa: jatkolupa", "ar", "Tiistaisin aamupäivisin", "Omar"),
        ("Tax card for my first job", "en", "Any afternoon next week", "Priya"),
        ("Kela: housing allowance", "uk", "Monday or Wednesday", "Olena"),
    ):
        AppointmentRequest.objects.create(
            service_point=tenancy.rovaniemi,
            topic=topic,
            language=language,
            preferred_times=times,
            name=name,
            email=f"{name.lower()}@example.org",
            source_hash="demo",
        )
    stdout.write(f"Appointments: {booked + 1} booked, 5 weeks of history, one pop-up series, 3 requests")
