"""Appointments over the JSON API: ``router`` holds every operation of the modules below."""

from kotopolku.appointments.api import (  # noqa: F401  (each module adds its operations)
    appointments,
    availability,
    calendars,
    interpreters,
    series,
)
from kotopolku.appointments.api.router import router

__all__ = ["router"]
