"""The appointments app's one router of the JSON API; the modules beside it add its operations."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from kotopolku.core.versioning import StaleVersion

router = Router(tags=["appointments"])
PAGE_SIZE = 100


def stale(error: StaleVersion) -> HttpError:
    """409 for a record that changed since the client read it."""
    return HttpError(
        409,
        _("The record changed meanwhile (now version %(version)d). Read it again.")
        % {"version": error.current.version},
    )
