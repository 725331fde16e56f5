"""Demo users: one per role, all with the same password, printed by ``make run``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import User
from kotopolku.accounts.services import membership_grant
from kotopolku.organisations.demo import DemoTenancy

DEMO_PASSWORD = "Kotopolku-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: Role
    scope: str  # "rovaniemi", "kemi", "network" or a partner's short name
    language: str = "fi"


DEMO_USERS = [
    DemoUser("advisor.rovaniemi@demo.kotopolku.fi", "Aino Neuvoja", Role.ADVISOR, "rovaniemi"),
    DemoUser("advisor.kemi@demo.kotopolku.fi", "Kalle Ohjaaja", Role.ADVISOR, "kemi"),
    DemoUser("permit.expert@demo.kotopolku.fi", "Leena Lupa-asiantuntija", Role.PERMIT_EXPERT, "network"),
    DemoUser("coordinator@demo.kotopolku.fi", "Kaisa Koordinaattori", Role.COORDINATOR, "rovaniemi"),
    DemoUser("partner.kela@demo.kotopolku.fi", "Pekka Kelalainen", Role.PARTNER_STAFF, "Kela", "en"),
    DemoUser("reporting@demo.kotopolku.fi", "Raili Raportoija", Role.REPORTING_VIEWER, "network", "sv"),
    DemoUser("admin@demo.kotopolku.fi", "Antti Pääkäyttäjä", Role.ADMINISTRATOR, "network"),
]


def load_users(tenancy: DemoTenancy) -> list[DemoUser]:
    """Create the demo users; the administrator grants the roles, so the audit log shows who
    got which role (only the first time: loading again changes nothing)."""
    granted: list[tuple[User, DemoUser]] = []
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=demo.email, defaults={"full_name": demo.full_name, "language": demo.language}
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = demo.role == Role.ADMINISTRATOR
            user.save()
        granted.append((user, demo))
    administrator = next(user for user, demo in granted if demo.role == Role.ADMINISTRATOR)
    for user, demo in granted:
        membership_grant(user=user, role=demo.role, by=administrator, **_scope(tenancy, demo))
    return DEMO_USERS


def _scope(tenancy: DemoTenancy, demo: DemoUser) -> dict[str, Any]:
    if demo.scope == "rovaniemi":
        return {"service_point": tenancy.rovaniemi}
    if demo.scope == "kemi":
        return {"service_point": tenancy.kemi}
    if demo.scope == "network":
        return {"network": tenancy.network}
    return {"organisation": tenancy.partners[demo.scope]}
