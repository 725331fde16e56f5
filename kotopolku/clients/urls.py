"""Client URLs, in two parts: registration, profiles and privacy (``urls_registry``), and
search, duplicates and merging (``matching.urls``)."""

from __future__ import annotations

from importlib.util import find_spec

from django.urls import URLResolver, include, path

app_name = "clients"


def _exists(module: str) -> bool:
    try:
        return find_spec(module) is not None
    except ModuleNotFoundError:
        return False


urlpatterns: list[URLResolver] = [
    path("", include(module))
    for module in ("kotopolku.clients.urls_registry", "kotopolku.clients.matching.urls")
    if _exists(module)
]
