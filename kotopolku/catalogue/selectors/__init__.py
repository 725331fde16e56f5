"""Reads of the service catalogue. Catalogue entries are public information (no tenant scoping)."""

from kotopolku.catalogue.selectors.search import service_search

__all__ = ["service_search"]
