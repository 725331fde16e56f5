"""Desk contact actions.

Advisors, residence-permit experts and coordinators log and see the contacts of the service
points where they work. A role held through a network (the region's residence-permit expert)
sees at a member service point only the contacts of the clients the user works with, as it sees
those clients only (``clients.permissions``).

An advisor corrects their own contact for ``EDIT_OWN_DAYS`` days after logging it; after that,
and for anyone else's contact, a coordinator corrects or removes it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, NetworkReach, can, register, register_network_reach, roles
from kotopolku.clients.permissions import works_with, works_with_condition

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


WORKS_WITH_CONTACTS_CLIENT = "contacts.works_with_client"


def _works_with_contacts_client(user: Any, obj: Any) -> bool | None:
    if obj is None or obj._meta.label_lower != "contacts.contact":
        return None
    return obj.client_id is not None and works_with(user, obj.client)


register_network_reach(
    WORKS_WITH_CONTACTS_CLIENT,
    NetworkReach(
        works_with=_works_with_contacts_client,
        condition=lambda user: Q(client__isnull=False) & works_with_condition(user, prefix="client__"),
    ),
)

register(
    Action("contacts.log", DESK_STAFF, purpose="desk contact"),
    Action("contacts.view", DESK_STAFF, purpose="desk contact", network_reach=WORKS_WITH_CONTACTS_CLIENT),
    Action("contacts.edit_own", DESK_STAFF, check=_edit_own, purpose="desk contact"),
    Action("contacts.correct", roles(Role.COORDINATOR), purpose="correcting a desk contact"),
    Action("contacts.delete", roles(Role.COORDINATOR), purpose="removing a wrong desk contact"),
)
