"""Every page of an app and every API operation of it, for tests that hold a rule over all of them
(``Cache-Control: no-store``, for one)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse


def _patterns(resolver: URLResolver, namespace: str) -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLPattern):
            if entry.name:
                yield f"{namespace}:{entry.name}", entry
        elif isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if entry.namespace else namespace
            yield from _patterns(entry, inner)


def app_pages(namespace: str) -> dict[str, list[str]]:
    """The named pages of the app mounted as ``namespace``, each with its URL parameters."""
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == namespace:
            return {
                name: sorted(pattern.pattern.converters)
                for name, pattern in _patterns(entry, namespace)  # type: ignore[attr-defined]
            }
    raise LookupError(namespace)


def page_urls(namespace: str, values: Mapping[str, Any]) -> dict[str, str]:
    """Every page of the app as a URL, its parameters filled from ``values`` (by parameter name,
    or by ``"<page name>.<parameter>"`` where one page needs another value)."""
    urls = {}
    for name, parameters in app_pages(namespace).items():
        kwargs = {
            parameter: values.get(f"{name}.{parameter}", values.get(parameter)) for parameter in parameters
        }
        missing = [parameter for parameter, value in kwargs.items() if value is None]
        assert not missing, f"{name} needs a value for {missing}"
        urls[name] = reverse(name, kwargs=kwargs)
    return urls


def api_operations(*prefixes: str) -> list[tuple[str, str]]:
    """(method, path) of every JSON API operation whose path starts with one of ``prefixes``
    (``"/clients"``), path parameters left as ``{name}``."""
    from kotopolku.api import api

    found = []
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            if path.startswith(prefixes):
                found.extend(
                    (method, path) for operation in path_view.operations for method in operation.methods
                )
    return found
