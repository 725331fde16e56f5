from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.audit.services import audit_record
from kotopolku.core.testing.browser import assert_accessible, log_in
from kotopolku.organisations.tests.factories import OrganisationFactory, ServicePointFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_journey__keyboard_only__reaches_the_front_page(browser_page, live_server):
    page = browser_page
    UserFactory(email="aino@example.test", full_name="Aino Neuvoja")
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page, context="login page")
    assert page.evaluate("document.activeElement.name") == "username"  # autofocus
    page.focus(".skip-link")
    assert page.is_visible(".skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.focus("input[name=username]")
    page.keyboard.type("aino@example.test")
    page.keyboard.press("Tab")
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    # The skip link's #main fragment survives the login redirect, so compare without it.
    page.wait_for_url(lambda url: url.split("#")[0] == f"{live_server.url}/staff/")
    assert "Aino Neuvoja" in page.inner_text("h1")


def test_login__wrong_password__shows_an_accessible_error(browser_page, live_server):
    page = browser_page
    UserFactory(email="aino@example.test")
    log_in(page, live_server.url, "aino@example.test", "not-the-password")
    assert page.is_visible("#error-summary")
    assert_accessible(page, context="login error")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_staff_pages__coordinator__pass_axe_in_every_language(browser_page, live_server, language):
    page = browser_page
    point = ServicePointFactory(name="International House Rovaniemi")
    user = UserFactory(email="kaisa@example.test", full_name="Kaisa Koordinaattori")
    Membership.objects.create(user=user, role=Role.COORDINATOR, service_point=point)
    OrganisationFactory(name="Kansaneläkelaitos", business_id="0246246-0")
    audit_record(
        actor=user,
        action="clients.view",
        target_type="clients.client",
        target_id="x",
        service_point_id=point.id,
    )
    log_in(page, live_server.url, "kaisa@example.test", TEST_PASSWORD)
    page.select_option("#language-select", language)
    with page.expect_navigation():
        page.click(".language-switch button")
    assert page.get_attribute("html", "lang") == language
    for path in [
        "/",
        "/organisations/",
        "/organisations/new/",
        "/audit/",
        "/audit/?since=2026-05-01&until=2026-01-01",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, context=f"{path} in {language}")
