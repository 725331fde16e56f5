"""With DEBUG off a user sees the product's own 404, 403 and 500 pages, in their language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db

HEADINGS = {
    404: {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"},
    403: {"fi": "Ei käyttöoikeutta", "sv": "Ingen åtkomst", "en": "No access"},
    500: {"fi": "Palvelussa on häiriö", "sv": "Tekniskt fel i tjänsten", "en": "Service error"},
}


@pytest.fixture
def production_like(settings):
    settings.DEBUG = False


def _assert_product_page(response, status, language):
    body = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}"' in body
    assert f"<h1>{HEADINGS[status][language]}</h1>" in body
    assert "core/kotopolku" in body or "stylesheet" in body  # the product's own layout
    assert "Traceback" not in body and "django" not in body.lower().replace("django_language", "")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_404__mistyped_url__is_the_products_page_in_the_users_language(client, production_like, language):
    client.cookies["django_language"] = language
    _assert_product_page(client.get("/staff/no-such-page/"), 404, language)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_403__is_the_products_page_in_the_users_language(client, production_like, language):
    advisor = UserFactory()
    Membership.objects.create(user=advisor, role=Role.ADVISOR, service_point=ServicePointFactory())
    client.force_login(advisor)
    client.cookies["django_language"] = language
    _assert_product_page(client.get("/audit/"), 403, language)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_500__is_the_products_page_in_the_users_language_with_a_reference(
    client, production_like, monkeypatch, language
):
    def broken(**kwargs):
        raise RuntimeError("a fault nobody foresaw")

    monkeypatch.setattr("kotopolku.core.views.service_points_of_user", broken)
    client.force_login(UserFactory())
    client.cookies["django_language"] = language
    client.raise_request_exception = False
    response = client.get(reverse("core:home"), HTTP_X_REQUEST_ID="support-ref-1234")
    _assert_product_page(response, 500, language)
    assert "support-ref-1234" in response.content.decode()
    assert "a fault nobody foresaw" not in response.content.decode()
