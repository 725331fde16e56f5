from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, register, roles

register(
    Action(
        "organisations.view",
        roles(Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR, Role.ADMINISTRATOR, Role.REPORTING_VIEWER),
    ),
    Action("organisations.manage", roles(Role.COORDINATOR, Role.ADMINISTRATOR)),
)
