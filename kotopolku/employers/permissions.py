"""Employer actions.

Employer data belongs to the service point that keeps it and is shared inside its network: a
role held through the network (the region's residence-permit expert) sees the companies, and
the staff of member service points work with them. Matching and proposing read clients' data,
so they also need the client's own ``clients.view``; placements are client data.
"""

from __future__ import annotations

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, register, roles

EMPLOYER_STAFF = roles(Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR)
EMPLOYER_WORKERS = roles(Role.ADVISOR, Role.COORDINATOR)

register(
    Action("employers.view", EMPLOYER_STAFF, purpose="employer cooperation"),
    Action("employers.manage", EMPLOYER_WORKERS, purpose="employer cooperation"),
    Action("employers.match", EMPLOYER_WORKERS, purpose="matching clients to job openings"),
    Action("employers.propose", EMPLOYER_WORKERS, purpose="proposing a client to an employer"),
    Action("employers.placement", EMPLOYER_WORKERS, purpose="recording a placement"),
    Action(
        "employers.report",
        roles(Role.COORDINATOR, Role.REPORTING_VIEWER),
        purpose="reporting supported enterprises",
    ),
)
