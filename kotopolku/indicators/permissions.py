"""Monitoring actions.

Aggregates (``indicators.view``) reach coordinators and reporting viewers; the people behind the
figures (``indicators.individuals``) only the staff who work with participants. Whoever may not
see individuals sees every aggregate with its cells under five persons hidden (``small_cell``).
"""

from __future__ import annotations

from typing import Any

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, can, register, roles

SMALL_CELL_LIMIT = 5

register(
    Action(
        "indicators.view",
        roles(Role.COORDINATOR, Role.REPORTING_VIEWER, Role.ADVISOR),
        purpose="monitoring and reporting to the funder",
    ),
    Action(
        "indicators.individuals",
        roles(Role.COORDINATOR, Role.ADVISOR),
        purpose="ESF+ participant data",
    ),
    Action(
        "indicators.participants",
        roles(Role.COORDINATOR, Role.ADVISOR),
        purpose="recording ESF+ participant data",
    ),
    Action("indicators.manage", roles(Role.COORDINATOR), purpose="managing projects and targets"),
)


def sees_individuals(user: Any) -> bool:
    return can(user, "indicators.individuals")


def small_cell(value: int | None, *, individuals: bool) -> int | None:
    """The figure as shown: hidden (None) when it counts 1–4 persons and the viewer may not see
    individuals. Zero stays: it tells nothing about anyone."""
    if value is None or individuals or value == 0 or value >= SMALL_CELL_LIMIT:
        return value
    return None
