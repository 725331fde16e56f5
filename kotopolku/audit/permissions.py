from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, register, roles

register(
    Action(
        "audit.view", roles(Role.COORDINATOR, Role.ADMINISTRATOR), purpose="supervision of data processing"
    )
)
