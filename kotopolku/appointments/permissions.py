"""Appointment actions.

Staff of a service point book and see its appointments; a role held through a network (the
region's residence-permit expert) reaches the appointments where they are the worker or work
with the client. Coordinators run the pop-up series and the interpreter report. Anyone with a
staff role keeps their own availability, absences and calendar feed.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, NetworkReach, register, register_network_reach, roles
from kotopolku.clients.permissions import works_with, works_with_condition

BOOKERS = roles(Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR)
WORKER_OR_CLIENT = "appointments.worker_or_client"


def _works_on(user: Any, obj: Any) -> bool | None:
    if obj is None or obj._meta.label_lower not in (
        "appointments.appointment",
        "appointments.interpreterbooking",
    ):
        return None
    appointment = obj if obj._meta.label_lower == "appointments.appointment" else obj.appointment
    if appointment.worker_id == user.pk:
        return True
    return appointment.client_id is not None and works_with(user, appointment.client)


register_network_reach(
    WORKER_OR_CLIENT,
    NetworkReach(
        works_with=_works_on,
        condition=lambda user: (
            Q(worker_id=user.pk) | (Q(client__isnull=False) & works_with_condition(user, prefix="client__"))
        ),
    ),
)


def _booking(name: str, allowed: frozenset[str] = BOOKERS, purpose: str = "appointment") -> Action:
    return Action(name, allowed, purpose=purpose, network_reach=WORKER_OR_CLIENT)


register(
    _booking("appointments.view"),
    _booking("appointments.book"),
    _booking("appointments.change"),
    _booking("appointments.interpreter", purpose="interpreter booking"),
    Action("appointments.calendar", BOOKERS, purpose="calendar"),
    Action(
        "appointments.series",
        roles(Role.ADVISOR, Role.COORDINATOR),
        via_network=False,
        purpose="pop-up hours",
    ),
    Action(
        "appointments.report",
        roles(Role.COORDINATOR, Role.REPORTING_VIEWER, Role.ADMINISTRATOR),
        purpose="interpreter report",
    ),
    Action("appointments.requests", BOOKERS, purpose="appointment request"),
)
