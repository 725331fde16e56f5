"""The public HSDS API serves GET and HEAD only: any other method is 405 with ``Allow``, also where
the site checks CSRF tokens (the API reads no session, so there is nothing to forge); odd input
gets an answer, never a server error."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/hsds/",
    "/api/hsds/services",
    "/api/hsds/organizations",
    "/api/hsds/service_at_locations",
    "/api/hsds/taxonomies",
    "/api/hsds/taxonomy_terms",
    *(f"/api/hsds/{kind}/{uuid.uuid4()}" for kind in ("services", "organizations", "taxonomies")),
]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_hsds__unserved_method__405_not_a_csrf_failure(method):
    browser = Client(enforce_csrf_checks=True)
    for path in PATHS:
        response = getattr(browser, method)(path, "{}", content_type="application/json")
        assert response.status_code == 405, (method, path, response.status_code)
        assert response["Allow"] == "GET, HEAD"
        assert response.json()["detail"]


@pytest.mark.parametrize("search", ["%25%3A", "%C2%89", "%00", "-", "%E2%80%AE"])
def test_hsds_services__search_without_words__empty_page_not_a_server_error(search):
    response = Client().get(f"/api/hsds/services?search={search}")
    assert response.status_code == 200, response.content
    assert response.json()["total_items"] == 0
