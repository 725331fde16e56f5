"""Home panels: the reporting viewer's reports, and the advisor's ESF+ follow-ups due."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kotopolku.accounts.permissions import can
from kotopolku.indicators.selectors import follow_ups_due, project_list

PANEL_ROWS = 8


def reports_context(request: HttpRequest) -> dict[str, Any] | None:
    if not can(request.user, "indicators.view"):
        return None
    return {"projects": list(project_list(user=request.user)[:PANEL_ROWS])}


def follow_ups_context(request: HttpRequest) -> dict[str, Any] | None:
    if not can(request.user, "indicators.participants"):
        return None
    today = timezone.localdate()
    due = list(follow_ups_due(user=request.user, until=today + dt.timedelta(days=7))[:PANEL_ROWS])
    if not due:
        return None
    return {"follow_ups": due, "today": today}
