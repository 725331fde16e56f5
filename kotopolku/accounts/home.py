"""The administrator's home panel: users, roles and the code lists they keep."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from kotopolku.accounts.administration import users_administered
from kotopolku.accounts.permissions import can
from kotopolku.organisations.models import Municipality


def administration(request: HttpRequest) -> dict[str, Any] | None:
    if not can(request.user, "accounts.administer"):
        return None
    users = users_administered(by=request.user)
    municipalities = [
        m
        for m in Municipality.objects.filter(service_points__isnull=False).distinct()
        if can(request.user, "organisations.theme", m)
    ]
    try:
        topics_url = reverse("contacts:topic_list")
    except NoReverseMatch:  # the desk is not installed
        topics_url = ""
    return {
        "active_count": users.filter(is_active=True).count(),
        "inactive_count": users.filter(is_active=False).count(),
        "municipalities": municipalities,
        "topics_url": topics_url,
    }


def security(request: HttpRequest) -> dict[str, Any] | None:
    """How many recovery codes the person has left, for those who use an authenticator app."""
    from kotopolku.accounts import two_factor

    user = request.user
    if not isinstance(user, two_factor.User) or not two_factor.has_authenticator(user):
        return None
    return {"recovery_codes_left": two_factor.recovery_codes_left(user)}
