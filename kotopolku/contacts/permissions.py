"""Desk contact actions.

Advisors, residence-permit experts and coordinators log and see the contacts of the service
points where they work. An advisor corrects their own contact for ``EDIT_OWN_DAYS`` days after
logging it; after that, and for anyone else's contact, a coordinator corrects or removes it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, can, register, roles

EDIT_OWN_DAYS = 7
DESK_STAFF = roles(Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR)


def _edit_own(user: Any, obj: Any) -> bool:
    if not can(user, "contacts.log", obj):
        return False
    if obj is None or obj._meta.label_lower != "contacts.contact":
        return True
    if obj.logged_by_id != user.pk:
        return False
    return bool(obj.created_at and obj.created_at >= timezone.now() - timedelta(days=EDIT_OWN_DAYS))


register(
    Action("contacts.log", DESK_STAFF, purpose="desk contact"),
    Action("contacts.view", DESK_STAFF, purpose="desk contact"),
    Action("contacts.edit_own", DESK_STAFF, check=_edit_own, purpose="desk contact"),
    Action("contacts.correct", roles(Role.COORDINATOR), purpose="correcting a desk contact"),
    Action("contacts.delete", roles(Role.COORDINATOR), purpose="removing a wrong desk contact"),
)
