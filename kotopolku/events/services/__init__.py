"""Writing events, registrations, attendance, head counts and workshop outputs.

Registering takes a row lock on the event, so that however many people register at once
exactly ``capacity`` are registered and the rest wait, in the order they came; a cancellation
moves the first on the waiting list up under the same lock. E-mails go out through tasks once
the transaction commits."""

from kotopolku.events.retention import (
    REGISTRATION_RETENTION,
    event_registrations_anonymise,
    registrations_due_anonymise,
    registrations_of_client_erase,
)
from kotopolku.events.services.attendance import (
    MAX_OUTPUT_BYTES,
    attendance_mark,
    head_count_set,
    registration_link_client,
    workshop_output_add,
)
from kotopolku.events.services.events import (
    MAX_LANGUAGES,
    EventData,
    event_create,
    event_update,
)
from kotopolku.events.services.registrations import (
    RATE_LIMIT,
    RATE_WINDOW,
    RateLimited,
    RegistrationData,
    registered_count,
    registration_attempt_check,
    registration_by_token,
    registration_cancel,
    registration_create,
    waiting_list_move_up,
)

__all__ = [
    "MAX_LANGUAGES",
    "MAX_OUTPUT_BYTES",
    "RATE_LIMIT",
    "RATE_WINDOW",
    "REGISTRATION_RETENTION",
    "EventData",
    "RateLimited",
    "RegistrationData",
    "attendance_mark",
    "event_create",
    "event_registrations_anonymise",
    "event_update",
    "head_count_set",
    "registered_count",
    "registration_attempt_check",
    "registration_by_token",
    "registration_cancel",
    "registration_create",
    "registration_link_client",
    "registrations_due_anonymise",
    "registrations_of_client_erase",
    "waiting_list_move_up",
    "workshop_output_add",
]
