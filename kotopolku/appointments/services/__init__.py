"""Writing appointments: book, cancel, record a no-show, pop-up series, interpreters,
availability, absences, calendar feeds and public requests. Each service writes its audit event
in the same transaction. Callers import this package; the modules follow the seams of the work.
"""

from kotopolku.appointments.services.booking import (
    BookingData,
    appointment_book,
    appointment_cancel,
    appointment_no_show,
    appointment_read_record,
    booking_errors,
    schedule_reminder,
    worker_serves,
)
from kotopolku.appointments.services.calendar import (
    absence_add,
    absence_change,
    absence_remove,
    availability_add,
    availability_change,
    availability_remove,
    calendar_feed_create,
    calendar_feed_revoke,
    calendar_feed_worker,
)
from kotopolku.appointments.services.common import MAX_APPOINTMENT, MAX_SERIES_DAYS, Errors
from kotopolku.appointments.services.interpreters import InterpreterData, interpreter_book
from kotopolku.appointments.services.requests import (
    REQUESTS_PER_SOURCE_PER_HOUR,
    RequestData,
    request_handle,
    request_submit,
    source_hash,
)
from kotopolku.appointments.services.series import (
    PersonMessage,
    SeriesData,
    deliver,
    popup_slot_book,
    series_cancel,
    series_change,
    series_create,
)

__all__ = [
    "MAX_APPOINTMENT",
    "MAX_SERIES_DAYS",
    "REQUESTS_PER_SOURCE_PER_HOUR",
    "BookingData",
    "Errors",
    "InterpreterData",
    "PersonMessage",
    "RequestData",
    "SeriesData",
    "absence_add",
    "absence_change",
    "absence_remove",
    "appointment_book",
    "appointment_cancel",
    "appointment_no_show",
    "appointment_read_record",
    "availability_add",
    "availability_change",
    "availability_remove",
    "booking_errors",
    "calendar_feed_create",
    "calendar_feed_revoke",
    "calendar_feed_worker",
    "deliver",
    "interpreter_book",
    "popup_slot_book",
    "request_handle",
    "request_submit",
    "schedule_reminder",
    "series_cancel",
    "series_change",
    "series_create",
    "source_hash",
    "worker_serves",
]
