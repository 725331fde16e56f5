"""The coordinator's journey in the service catalogue, with axe-core on every catalogue page."""

from __future__ import annotations

import io

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.catalogue import demo
from kotopolku.catalogue.codelists import load_ptv_code_lists
from kotopolku.catalogue.models import Service, ServicePath
from kotopolku.core.testing.browser import assert_accessible, log_in
from kotopolku.organisations.demo import load_tenancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue_world():
    # Transactional tests flush the tables a data migration filled: load what the pages need.
    load_ptv_code_lists()
    tenancy = load_tenancy()
    demo.load_demo(tenancy=tenancy, stdout=io.StringIO())
    user = UserFactory(email="kaisa@example.test", full_name="Kaisa Koordinaattori")
    Membership.objects.create(user=user, role=Role.COORDINATOR, service_point=tenancy.rovaniemi)
    return user


def test_coordinator_journey__find_edit_and_mark_checked(browser_page, live_server, catalogue_world):
    page = browser_page
    log_in(page, live_server.url, "kaisa@example.test", TEST_PASSWORD)
    page.click("nav.main-nav >> text=Palvelutarjotin")
    assert_accessible(page, context="service list")

    page.fill("#id_q", "verokortti")
    with page.expect_navigation():
        page.click("form[role=search] button[type=submit]")
    assert_accessible(page, context="search results")
    with page.expect_navigation():
        page.click("text=Verokortti ja verotunniste ulkomailta tulleelle")
    assert_accessible(page, context="service detail")

    with page.expect_navigation():
        page.click("main a.button >> text=Muokkaa")
    assert_accessible(page, context="service form")
    page.fill("#id_fi-description", "Hae verokortti OmaVerosta ennen ensimmäistä palkkaa.")
    with page.expect_navigation():
        page.click("main form button[type=submit] >> text=Tallenna")
    assert "Palvelu tallennettiin." in page.inner_text(".messages")
    assert "Hae verokortti OmaVerosta" in page.inner_text("main")
    # The Swedish and English texts now show as older than the Finnish source.
    assert page.is_visible(".catalogue-outdated")

    with page.expect_navigation():
        page.click("main form button >> text=Merkitse tarkistetuksi")
    assert "Merkitty tänään tarkistetuksi." in page.inner_text(".messages")
    service = Service.objects.get(translations__name="Verokortti ja verotunniste ulkomailta tulleelle")
    assert service.last_checked_by == catalogue_world
    assert_accessible(page, context="service detail after check")


def test_coordinator_journey__unchecked_list_and_bad_input(browser_page, live_server, catalogue_world):
    page = browser_page
    log_in(page, live_server.url, "kaisa@example.test", TEST_PASSWORD)
    page.goto(f"{live_server.url}/catalogue/unchecked/")
    assert_accessible(page, context="unchecked list")
    assert "Monikielinen neuvonta ja kielikahvila" in page.inner_text("main")
    with page.expect_navigation():
        page.click("main form button >> nth=0")
    assert "Monikielinen neuvonta ja kielikahvila" not in page.inner_text("main table")

    page.goto(f"{live_server.url}/catalogue/services/new/")
    page.fill("#id_fi-name", "Testi\u202epalvelu")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.is_visible("#error-summary")
    assert_accessible(page, context="service form with errors")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_catalogue_pages__pass_axe_in_every_language(browser_page, live_server, catalogue_world, language):
    page = browser_page
    log_in(page, live_server.url, "kaisa@example.test", TEST_PASSWORD)
    page.select_option("#language-select", language)
    with page.expect_navigation():
        page.click(".language-switch button")
    service = Service.objects.get(uuid=demo.demo_uuid("service", "dvv-registration"))
    location = service.service_at_locations.first().location
    path = ServicePath.objects.get(key="work")
    for url in [
        "/catalogue/",
        "/catalogue/?q=kela&municipality=&organisation=&term=",
        f"/catalogue/services/{service.uuid}/",
        f"/catalogue/services/{service.uuid}/edit/",
        f"/catalogue/services/{service.uuid}/locations/new/",
        f"/catalogue/services/{service.uuid}/locations/{location.uuid}/",
        "/catalogue/unchecked/",
        "/catalogue/paths/",
        f"/catalogue/paths/{path.uuid}/",
        f"/catalogue/paths/{path.uuid}/?municipality=240",
    ]:
        page.goto(f"{live_server.url}{url}")
        assert_accessible(page, context=f"{url} in {language}")
