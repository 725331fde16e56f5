"""Article actions. Articles belong to a service point: its advisors and coordinators write
them, a coordinator approves a translation for publication."""

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, register, roles

register(
    Action(
        "articles.view",
        roles(Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR, Role.ADMINISTRATOR),
        purpose="information articles",
    ),
    Action("articles.edit", roles(Role.ADVISOR, Role.COORDINATOR), purpose="writing information articles"),
    Action("articles.approve", roles(Role.COORDINATOR), purpose="approving information articles"),
)
