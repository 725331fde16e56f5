"""Reading appointments and calendars, scoped to what the user may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, NamedTuple
from uuid import UUID

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import scope_condition, service_point_ids
from kotopolku.appointments.enums import AppointmentStatus, RequestStatus, SlotState
from kotopolku.appointments.models import (
    Absence,
    Appointment,
    AppointmentRequest,
    AppointmentSeries,
    Availability,
    InterpreterBooking,
    StatusReason,
)

# Statuses that hold a worker's time (a cancelled appointment frees it).
HOLDING = (AppointmentStatus.BOOKED, AppointmentStatus.DONE, AppointmentStatus.NO_SHOW)


def local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment), timezone.get_current_timezone())


def visible_appointments(*, user: Any) -> QuerySet[Appointment]:
    return Appointment.objects.filter(scope_condition(user, "appointments.view"))


def appointment_get(*, uuid: UUID | str) -> Appointment:
    """An appointment by its public id, unscoped: the caller asks the permission layer."""
    try:
        UUID(str(uuid))
    except ValueError:
        raise Http404 from None
    appointment = (
        Appointment.objects.select_related(
            "client", "worker", "service_point", "series", "service", "status_reason"
        )
        .prefetch_related("partners", "interpreters__provider")
        .filter(uuid=uuid)
        .first()
    )
    if appointment is None:
        raise Http404
    return appointment


# The longest an appointment lasts (the booking service refuses longer ones): an appointment that
# overlaps a period starts at most this long before it, which bounds the index range read.
LONGEST = timedelta(hours=8)


def appointment_list(
    *,
    user: Any,
    start: datetime,
    end: datetime,
    worker_id: int | None = None,
    service_point_id: int | None = None,
) -> QuerySet[Appointment]:
    queryset = visible_appointments(user=user).filter(
        starts_at__gte=start - LONGEST, starts_at__lt=end, ends_at__gt=start
    )
    if worker_id is not None:
        queryset = queryset.filter(worker_id=worker_id)
    if service_point_id is not None:
        queryset = queryset.filter(service_point_id=service_point_id)
    return queryset.select_related("client", "worker", "service_point").order_by("starts_at", "id")


class CalendarEntry(NamedTuple):
    """What a calendar shows of an appointment: its times, state and public id (read as plain
    values and kept as a tuple; a week of a busy service point has hundreds)."""

    pk: int
    uuid: UUID
    worker_id: int | None
    service_point_id: int
    starts_at: datetime
    ends_at: datetime
    status: str
    kind: str
    topic: str


@dataclass(slots=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    state: str
    appointment: CalendarEntry | None = None

    @property
    def booking_query(self) -> str:
        """The slot's times as the booking form reads them (local time)."""
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"starts_at={start:%Y-%m-%dT%H:%M}&ends_at={end:%Y-%m-%dT%H:%M}"


@dataclass
class WorkerDay:
    worker: User
    day: date
    slots: list[Slot] = field(default_factory=list)


@dataclass
class Calendar:
    start: date
    days: list[date]
    workers: list[User]
    rows: dict[tuple[int, date], WorkerDay]
    popup_slots: dict[date, list[CalendarEntry]]

    def cell(self, worker: User, day: date) -> WorkerDay:
        return self.rows.get((worker.pk, day)) or WorkerDay(worker=worker, day=day)


def _applies(availability: Availability, day: date) -> bool:
    return (
        availability.weekday == day.weekday()
        and (availability.valid_from is None or availability.valid_from <= day)
        and (availability.valid_until is None or availability.valid_until >= day)
    )


_ENTRY_FIELDS = (
    "pk",
    "uuid",
    "worker_id",
    "service_point_id",
    "starts_at",
    "ends_at",
    "status",
    "kind",
    "topic",
)


def calendar_for(
    *, user: Any, start: date, days: int, service_point_id: int | None = None, worker_id: int | None = None
) -> Calendar:
    """Free, booked and absent slots per worker and day, from each worker's availability,
    absences and appointments (a fixed number of queries, whatever the rows).

    Booked appointments outside any availability show too, as booked slots of their own."""
    day_list = [start + timedelta(days=offset) for offset in range(days)]
    range_start, range_end = local_start(start), local_start(start + timedelta(days=days))
    availabilities = Availability.objects.select_related("worker")
    if worker_id is not None:
        availabilities = availabilities.filter(worker_id=worker_id)
    if service_point_id is not None:
        availabilities = availabilities.filter(service_point_id=service_point_id)
    availability_rows = list(availabilities)
    # The calendar shows times and states, not who is booked: no client or worker row is read
    # with the appointments (the workers come with their availability).
    appointments_qs = (
        appointment_list(user=user, start=range_start, end=range_end)
        .filter(status__in=(*HOLDING, AppointmentStatus.OPEN))
        .select_related(None)
        .values_list(*_ENTRY_FIELDS)
    )
    if worker_id is not None:
        found = list(appointments_qs.filter(worker_id=worker_id))
    elif service_point_id is not None:
        # Two index ranges rather than one OR (which reads neither index well): the point's
        # workers' appointments anywhere, and whatever else happens at the point (pop-up hours,
        # a network expert's appointments there).
        worker_ids = sorted({row.worker_id for row in availability_rows})
        found = list(appointments_qs.filter(worker_id__in=worker_ids))
        found += list(
            appointments_qs.filter(service_point_id=service_point_id).exclude(worker_id__in=worker_ids)
        )
    else:
        found = list(appointments_qs)
    appointments = [CalendarEntry._make(row) for row in found]
    workers: dict[int, User] = {row.worker_id: row.worker for row in availability_rows}
    missing = {a.worker_id for a in appointments if a.worker_id is not None and a.worker_id not in workers}
    if missing:
        workers.update(User.objects.in_bulk(list(missing)))
    absences_of: dict[int, list[Absence]] = defaultdict(list)
    for absence in Absence.objects.filter(
        worker_id__in=list(workers), starts_at__lt=range_end, ends_at__gt=range_start
    ):
        absences_of[absence.worker_id].append(absence)
    zone = timezone.get_current_timezone()
    booked_on: dict[tuple[int, date], list[CalendarEntry]] = defaultdict(list)
    popup: dict[date, list[CalendarEntry]] = defaultdict(list)
    for appointment in appointments:
        local_day = appointment.starts_at.astimezone(zone).date()
        if appointment.worker_id is None:
            popup[local_day].append(appointment)
        else:
            booked_on[(appointment.worker_id, local_day)].append(appointment)
    availability_of: dict[int, list[Availability]] = defaultdict(list)
    for availability in availability_rows:
        availability_of[availability.worker_id].append(availability)
    rows: dict[tuple[int, date], WorkerDay] = {}
    for worker_pk, worker in workers.items():
        for day in day_list:
            cell = WorkerDay(worker=worker, day=day)
            booked = booked_on.get((worker_pk, day), [])
            absent = absences_of.get(worker_pk, [])
            used: set[int] = set()
            for availability in availability_of.get(worker_pk, []):
                if not _applies(availability, day):
                    continue
                # In UTC, as the appointments come from the database: comparing datetimes of one
                # time zone skips a UTC-offset lookup per comparison (thousands in a week).
                moment = at(day, availability.starts).astimezone(UTC)
                end = at(day, availability.ends).astimezone(UTC)
                step = timedelta(minutes=availability.slot_minutes)
                first = 0  # the appointments before it ended before this slot (slots go forward)
                while moment + step <= end:
                    slot = Slot(starts_at=moment, ends_at=moment + step, state=SlotState.FREE)
                    while first < len(booked) and booked[first].ends_at <= moment:
                        first += 1
                    for appointment in booked[first:]:
                        if appointment.starts_at >= slot.ends_at:
                            break  # sorted by start: no later appointment overlaps the slot
                        if appointment.ends_at > slot.starts_at:
                            slot.state, slot.appointment = SlotState.BOOKED, appointment
                            used.add(appointment.pk)
                            break
                    if (
                        absent
                        and slot.state == SlotState.FREE
                        and any(a.starts_at < slot.ends_at and a.ends_at > slot.starts_at for a in absent)
                    ):
                        slot.state = SlotState.ABSENT
                    cell.slots.append(slot)
                    moment += step
            for appointment in booked:
                if appointment.pk not in used:
                    cell.slots.append(
                        Slot(appointment.starts_at, appointment.ends_at, SlotState.BOOKED, appointment)
                    )
            cell.slots.sort(key=lambda slot: slot.starts_at)
            rows[(worker_pk, day)] = cell
    ordered = sorted(workers.values(), key=lambda worker: worker.full_name)
    return Calendar(start=start, days=day_list, workers=ordered, rows=rows, popup_slots=dict(popup))


def availability_covers(*, worker_id: int, starts_at: datetime, ends_at: datetime) -> bool:
    local_start_at, local_end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if local_start_at.date() != local_end.date():
        return False
    day = local_start_at.date()
    for availability in Availability.objects.filter(worker_id=worker_id, weekday=day.weekday()):
        if (
            _applies(availability, day)
            and availability.starts <= local_start_at.time()
            and (local_end.time() <= availability.ends)
        ):
            return True
    return False


def is_absent(*, worker_id: int, starts_at: datetime, ends_at: datetime) -> bool:
    return Absence.objects.filter(worker_id=worker_id, starts_at__lt=ends_at, ends_at__gt=starts_at).exists()


def overlapping(
    *, worker_id: int, starts_at: datetime, ends_at: datetime, exclude: int | None = None
) -> bool:
    queryset = Appointment.objects.filter(
        worker_id=worker_id,
        status__in=HOLDING,
        starts_at__gte=starts_at - LONGEST,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    )
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    return queryset.exists()


def reasons(*, for_no_show: bool) -> QuerySet[StatusReason]:
    return StatusReason.objects.filter(active=True, for_no_show=for_no_show).order_by("order", "code")


def series_list(*, user: Any) -> QuerySet[AppointmentSeries]:
    return (
        AppointmentSeries.objects.filter(service_point_id__in=service_point_ids(user, "appointments.view"))
        .select_related("organisation", "service_point")
        .annotate(
            booked=Count("slots", filter=Q(slots__status=AppointmentStatus.BOOKED)),
            free=Count("slots", filter=Q(slots__status=AppointmentStatus.OPEN)),
        )
        .order_by("-first_date")
    )


def request_queue(*, user: Any, status: str = RequestStatus.NEW) -> QuerySet[AppointmentRequest]:
    return (
        AppointmentRequest.objects.filter(
            service_point_id__in=service_point_ids(user, "appointments.requests")
        )
        .filter(status=status)
        .select_related("service_point")
        .order_by("created_at")
    )


def interpreter_bookings(*, user: Any) -> QuerySet[InterpreterBooking]:
    visible = visible_appointments(user=user).values("pk")
    return (
        InterpreterBooking.objects.filter(appointment_id__in=visible)
        .select_related("provider", "appointment", "service_point")
        .order_by("-created_at")
    )


@dataclass(frozen=True)
class ReportRow:
    language: str
    provider: str
    service_point: str
    bookings: int
    minutes: int
    cost: Decimal


def interpreter_report(*, user: Any, year: int, month: int) -> list[ReportRow]:
    """Interpreter use and cost in a month, by language, provider and service point (by the
    appointment's start)."""
    first = date(year, month, 1)
    after = date(year + (month == 12), month % 12 + 1, 1)
    rows = (
        InterpreterBooking.objects.filter(
            service_point_id__in=service_point_ids(user, "appointments.report"),
            appointment__starts_at__gte=local_start(first),
            appointment__starts_at__lt=local_start(after),
        )
        .values("language", "provider__name", "service_point__name")
        .annotate(bookings=Count("id"), minutes=Sum("duration_minutes"), cost=Sum("cost"))
        .order_by("language", "provider__name", "service_point__name")
    )
    return [
        ReportRow(
            language=row["language"],
            provider=row["provider__name"],
            service_point=row["service_point__name"],
            bookings=row["bookings"],
            minutes=row["minutes"] or 0,
            cost=Decimal(str(row["cost"] or 0)).quantize(Decimal("0.01")),
        )
        for row in rows
    ]
