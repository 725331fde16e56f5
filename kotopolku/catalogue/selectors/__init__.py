"""Reads of the service catalogue. Catalogue entries are public information (no tenant scoping)."""

from kotopolku.catalogue.selectors.paths import path_list, path_with_steps, resolve_steps
from kotopolku.catalogue.selectors.search import SearchPaginator, service_search
from kotopolku.catalogue.selectors.services import (
    ServiceQuery,
    locations_unchecked,
    service_detail,
    service_list,
    services_unchecked,
)

__all__ = [
    "SearchPaginator",
    "ServiceQuery",
    "locations_unchecked",
    "path_list",
    "path_with_steps",
    "resolve_steps",
    "service_detail",
    "service_list",
    "service_search",
    "services_unchecked",
]
