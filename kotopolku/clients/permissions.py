"""Client registry actions. Client data is scoped to its service point; the residence-permit
expert's network role reaches the clients of member service points."""

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, register, roles

CASEWORKERS = roles(Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR)

register(
    Action("clients.view", CASEWORKERS, purpose="client service"),
    Action("clients.register", CASEWORKERS, purpose="client service"),
    Action("clients.change", CASEWORKERS, purpose="client service"),
    Action("clients.export", roles(Role.ADVISOR, Role.COORDINATOR), purpose="data subject access request"),
    Action("clients.erase", roles(Role.COORDINATOR), purpose="erasure or anonymisation"),
    Action("clients.merge", roles(Role.ADVISOR, Role.COORDINATOR), purpose="duplicate records"),
    Action("clients.retention", roles(Role.COORDINATOR, Role.ADMINISTRATOR), purpose="retention period"),
)
