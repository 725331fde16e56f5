from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema

from kotopolku.accounts.models import Membership

router = Router(tags=["accounts"])


class MembershipOut(Schema):
    role: str
    scope: str


class MeOut(Schema):
    id: UUID
    email: str
    full_name: str
    language: str
    memberships: list[MembershipOut]


@router.get("/me", response=MeOut, summary="The authenticated user and their roles")
def me(request: HttpRequest) -> MeOut:
    user = request.user
    memberships = Membership.objects.filter(user_id=int(user.pk or 0)).select_related(
        "service_point", "network", "organisation"
    )
    return MeOut(
        id=user.uuid,  # type: ignore[union-attr]
        email=user.email,  # type: ignore[union-attr]
        full_name=user.full_name,  # type: ignore[union-attr]
        language=user.language,  # type: ignore[union-attr]
        memberships=[MembershipOut(role=m.role, scope=str(m.scope)) for m in memberships],
    )
