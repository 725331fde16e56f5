"""Home-page panels, assembled from what each app declares (like ``navigation``).

An app lists in ``AppConfig.home_panels`` the panels it adds to the home of the roles named:

    home_panels = (
        HomePanel(template="contacts/home/today.html", roles=("advisor",), order=10,
                  context="kotopolku.contacts.home.today_context"),
    )

``context`` (a callable or its dotted path) gets the request and returns the template's context,
or ``None`` when the panel has nothing to say to this user; a panel shows only to a user who
holds one of ``roles`` somewhere. An app that is not installed adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

PanelContext = Callable[[HttpRequest], "dict[str, Any] | None"]


@dataclass(frozen=True)
class HomePanel:
    template: str
    roles: tuple[str, ...]
    context: str | PanelContext
    order: int = 100

    def context_for(self, request: HttpRequest) -> dict[str, Any] | None:
        function = import_string(self.context) if isinstance(self.context, str) else self.context
        return function(request)


def home_panels() -> list[HomePanel]:
    panels: list[HomePanel] = []
    for config in apps.get_app_configs():
        panels.extend(getattr(config, "home_panels", ()))
    return sorted(panels, key=lambda panel: panel.order)


def render_home_panels(request: HttpRequest, roles: Iterable[str]) -> list[SafeString]:
    """The panels for a user holding ``roles``, rendered in order; silent panels are left out."""
    held = set(roles)
    rendered = []
    for panel in home_panels():
        if not held.intersection(panel.roles):
            continue
        context = panel.context_for(request)
        if context is None:
            continue
        html = render_to_string(panel.template, context, request=request)
        rendered.append(mark_safe(html))  # noqa: S308 - rendered by the template engine, escaped there
    return rendered
