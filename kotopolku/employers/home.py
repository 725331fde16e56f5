"""The employers app's panel on the home page: the follow-ups due with companies."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kotopolku.accounts.permissions import can
from kotopolku.employers.selectors import follow_ups_due

PANEL_ROWS = 8


def follow_ups_context(request: HttpRequest) -> dict[str, Any] | None:
    if not can(request.user, "employers.manage"):
        return None
    due = list(follow_ups_due(user=request.user)[:PANEL_ROWS])
    if not due:
        return None
    return {"follow_ups": due, "today": timezone.localdate()}
