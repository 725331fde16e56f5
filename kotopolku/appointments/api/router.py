"""The appointments app's one router of the JSON API; the modules beside it add its operations."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["appointments"])
PAGE_SIZE = 100
