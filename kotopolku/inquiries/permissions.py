"""Inbox actions: the questions and accessibility feedback sent from a service point's site
are read and answered by its desk staff."""

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, register, roles

register(
    Action(
        "inquiries.answer",
        roles(Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR),
        purpose="answering questions sent from the website",
    ),
)
