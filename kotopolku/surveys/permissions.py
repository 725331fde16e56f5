"""Survey actions: coordinators define surveys and read the results; advisors read them too."""

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, register, roles

register(
    Action(
        "surveys.view",
        roles(Role.ADVISOR, Role.COORDINATOR, Role.REPORTING_VIEWER, Role.ADMINISTRATOR),
        purpose="feedback survey results",
    ),
    Action("surveys.manage", roles(Role.COORDINATOR), purpose="defining feedback surveys"),
)
