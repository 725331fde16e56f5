"""A worker's calendar over the API: free, booked and absent slots, day by day."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query
from ninja.errors import HttpError

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import require
from kotopolku.appointments.api.router import router
from kotopolku.appointments.schemas import CalendarDayOut, CalendarFilters, CalendarOut, SlotOut
from kotopolku.appointments.selectors import calendar_for


@router.get("/calendars/{worker}", response=CalendarOut, summary="A worker's free, booked and absent slots")
def worker_calendar(request: HttpRequest, worker: UUID, filters: Query[CalendarFilters]) -> CalendarOut:
    require(request.user, "appointments.calendar")
    person = User.objects.filter(uuid=worker, is_active=True).first()
    if person is None:
        raise HttpError(404, _("Not found."))
    start = filters.start or timezone.localdate()
    result = calendar_for(user=request.user, start=start, days=filters.days, worker_id=person.pk)
    return CalendarOut(
        worker=person.uuid,
        days=[
            CalendarDayOut(
                date=day,
                slots=[
                    SlotOut(
                        starts_at=slot.starts_at,
                        ends_at=slot.ends_at,
                        state=slot.state,
                        # Only an appointment the user may see is named.
                        appointment=slot.appointment.uuid if slot.appointment is not None else None,
                    )
                    for slot in result.cell(person, day).slots
                ],
            )
            for day in result.days
        ],
    )
