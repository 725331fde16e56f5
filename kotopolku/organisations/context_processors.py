from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from kotopolku.organisations.theme import theme_of_user


def theme(request: HttpRequest) -> dict[str, Any]:
    """``theme``: the look of the user's municipality (None: the product's own). Read only when shown."""
    user = getattr(request, "user", None)
    language = get_language() or "fi"
    return {"theme": SimpleLazyObject(lambda: theme_of_user(user, language) or False)}
