from typing import Any

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, grants_for, register, roles

register(
    Action(
        "organisations.view",
        roles(Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR, Role.ADMINISTRATOR, Role.REPORTING_VIEWER),
    ),
    Action("organisations.manage", roles(Role.COORDINATOR, Role.ADMINISTRATOR)),
)


def _administers_municipality(user: Any, municipality: Any) -> bool:
    """An administrator changes the look of a municipality where they administer a service point."""
    from kotopolku.organisations.models import ServicePoint

    grants = grants_for(user)
    administered = {
        point
        for mapping in (grants.direct, grants.via_network)
        for point, held in mapping.items()
        if Role.ADMINISTRATOR in held
    }
    if municipality is None:
        return bool(administered)
    return ServicePoint.objects.filter(id__in=administered, municipality=municipality).exists()


register(
    Action(
        "organisations.theme",
        roles(Role.ADMINISTRATOR),
        check=lambda user, municipality: _administers_municipality(user, municipality),
    ),
)
