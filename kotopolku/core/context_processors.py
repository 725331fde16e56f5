from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from kotopolku.accounts.permissions import can
from kotopolku.core.navigation import navigation_items


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"main_navigation": []}
    current = request.path
    entries = []
    for item in navigation_items():
        if can(user, item.action):
            url = reverse(item.url_name)
            entries.append(
                {"label": item.label, "url": url, "current": current.startswith(url) and url != "/"}
            )
    return {"main_navigation": entries}
