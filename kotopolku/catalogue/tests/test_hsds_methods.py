"""The public HSDS API serves GET and HEAD only: any other method is 405 with ``Allow``, also where
the site checks CSRF tokens (the API reads no session, so there is nothing to forge)."""

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
