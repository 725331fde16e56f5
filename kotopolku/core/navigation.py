"""Main navigation, assembled from what each app declares.

An app lists its entries in ``AppConfig.navigation`` as ``NavItem``s; an entry shows to users
the permission layer allows ``action`` (with no object: "anywhere").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    action: str
    order: int = 100


def navigation_items() -> list[NavItem]:
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "navigation", ()))
    return sorted(items, key=lambda item: item.order)
