"""Catalogue actions. Catalogue entries belong to no service point: the "anywhere" rule applies
(a role held at any service point or network counts). Partner staff get none of these."""

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, register, roles

register(
    Action(
        "catalogue.view",
        roles(Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR, Role.ADMINISTRATOR),
        purpose="service catalogue",
    ),
    Action(
        "catalogue.manage", roles(Role.COORDINATOR, Role.ADMINISTRATOR), purpose="service catalogue upkeep"
    ),
)
