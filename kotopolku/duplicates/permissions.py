"""Duplicate sweep actions.

A coordinator sweeps the registry of their service point, or of a network they hold the role
through, and reviews what it found; advisors review pairs at their own service point too. A pair
opens the clients app's side-by-side merge, which ``clients.merge`` guards as before.
"""

from __future__ import annotations

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, register, roles

register(
    Action("duplicates.sweep", roles(Role.COORDINATOR), purpose="duplicate records"),
    Action("duplicates.review", roles(Role.COORDINATOR, Role.ADVISOR), purpose="duplicate records"),
    Action("duplicates.learn", roles(Role.COORDINATOR, Role.ADMINISTRATOR), purpose="duplicate records"),
)
