"""The advisor's work list as a panel of the home page (the advisor's landing page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kotopolku.accounts.permissions import can
from kotopolku.casework.selectors import work_list


def worklist_context(request: HttpRequest) -> dict[str, Any] | None:
    if not can(request.user, "casework.view"):
        return None
    return {"work": work_list(user=request.user)}
