"""Event actions.

Events belong to the service point that holds them and are shared inside its network (the
region's expert sees them). Registrations are personal data of the people who registered: the
staff of the service point itself see and handle them, not a role held through a network.
"""

from __future__ import annotations

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, register, roles

EVENT_STAFF = roles(Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR)
EVENT_WORKERS = roles(Role.ADVISOR, Role.COORDINATOR)

register(
    Action("events.view", EVENT_STAFF, purpose="events"),
    Action("events.manage", EVENT_WORKERS, purpose="events"),
    Action("events.registrations", EVENT_WORKERS, via_network=False, purpose="event registrations"),
)
