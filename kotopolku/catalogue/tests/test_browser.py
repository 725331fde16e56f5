"""The coordinator's journey in the service catalogue, with axe-core on every catalogue page."""

from __future__ import annotations

import io
from datetime import time
from decimal import Decimal

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.catalogue import demo
from kotopolku.catalogue.codelists import load_ptv_code_lists
from kotopolku.catalogue.models import Contact, CostOption, Phone, Schedule, Service, ServicePath
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
        page.click("main a.hds-button >> text=Muokkaa")
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
    link = service.service_at_locations.first()
    location = link.location
    path = ServicePath.objects.get(key="work")
    contact = Contact.objects.create(service=service, name="Aino Asiakas", email="aino@example.fi")
    phone = Phone.objects.create(
        contact=contact, number="+358 40 1234567", texts={"fi": {"description": "ma–pe"}}
    )
    cost = CostOption.objects.create(
        service=service, amount=Decimal("12.50"), texts={"fi": {"option": "Todistus"}}
    )
    hours = Schedule.objects.create(
        service_at_location=link,
        kind="regular",
        freq="WEEKLY",
        byday="TU",
        opens_at=time(12),
        closes_at=time(15),
    )
    items = f"/catalogue/services/{service.uuid}"
    for url in [
        f"{items}/phones/new/?owner=place:{link.uuid}",
        f"{items}/phones/{phone.uuid}/",
        f"{items}/contacts/new/",
        f"{items}/contacts/{contact.uuid}/",
        f"{items}/prices/new/",
        f"{items}/prices/{cost.uuid}/",
        f"{items}/hours/?owner=place:{link.uuid}",
        f"{items}/hours/{hours.uuid}/",
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

    # The item forms with errors: per field, in the page's language.
    for url, field, bad in [
        (f"{items}/phones/new/", "#id_number", "12"),
        (f"{items}/contacts/new/", "#id_email", "not an e-mail"),
        (f"{items}/prices/new/", "#id_amount", "-5"),
    ]:
        page.goto(f"{live_server.url}{url}")
        page.fill(field, bad)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        assert page.is_visible("#error-summary")
        assert page.is_visible(f"{field}_error")
        assert_accessible(page, context=f"{url} with errors in {language}")


def test_coordinator_journey__phone_contact_price_and_hours_by_keyboard(
    browser_page, live_server, catalogue_world
):
    page = browser_page
    log_in(page, live_server.url, "kaisa@example.test", TEST_PASSWORD)
    service = Service.objects.get(uuid=demo.demo_uuid("service", "dvv-registration"))
    link = service.service_at_locations.first()
    page.goto(f"{live_server.url}/catalogue/services/{service.uuid}/")

    # A phone number for this service at one location: link, fields and submit by keyboard only.
    page.focus(f"a[href$='?owner=place:{link.uuid}'] >> nth=0")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.input_value("#id_owner") == f"place:{link.uuid}"
    page.focus("#id_number")
    page.keyboard.type("016 322 2500")
    page.keyboard.press("Tab")
    page.keyboard.type("12")
    page.focus("#id_description_fi")
    page.keyboard.type("Ajanvaraus")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Puhelinnumero tallennettiin." in page.inner_text(".messages")
    assert "+358 16 3222500" in page.inner_text("main")
    assert Phone.objects.get(number="+358 16 3222500").service_at_location == link

    page.goto(f"{live_server.url}/catalogue/services/{service.uuid}/contacts/new/")
    page.fill("#id_name", "Aino Asiakas")
    page.fill("#id_email", "aino@example.fi")
    with page.expect_navigation():
        page.press("#id_email", "Enter")
    assert "Aino Asiakas" in page.inner_text("main")
    assert_accessible(page, context="service detail with a contact")

    page.goto(f"{live_server.url}/catalogue/services/{service.uuid}/prices/new/")
    page.fill("#id_amount", "12,50")
    page.fill("#id_option_fi", "Todistus")
    with page.expect_navigation():
        page.press("#id_amount", "Enter")
    assert CostOption.objects.get(service=service, texts__fi__option="Todistus").amount == Decimal("12.50")
    assert "12,50 EUR" in page.inner_text("main")


def test_search_with_many_matches__more_than_the_cap__pages_by_next_links(
    browser_page, live_server, catalogue_world, monkeypatch
):
    from kotopolku.catalogue.selectors import search

    monkeypatch.setattr(search, "COUNT_CAP", 2)  # the live server runs in this process
    monkeypatch.setattr(search, "DENSE_SHARE", 0.0)  # counted up to the cap on PostgreSQL too
    monkeypatch.setattr("kotopolku.catalogue.views.services.PAGE_SIZE", 2)
    page = browser_page
    log_in(page, live_server.url, "kaisa@example.test", TEST_PASSWORD)
    page.goto(f"{live_server.url}/catalogue/?q=neuvonta")
    assert page.inner_text("main p.kp-meta[role=status]") == "Yli 2 palvelua"
    assert page.inner_text("nav.pagination [aria-current=page]") == "Sivu 1"
    assert_accessible(page, context="search with more matches than the cap")
    first = page.inner_text("main table tbody")
    with page.expect_navigation():
        page.click("nav.pagination a[rel=next]")
    assert page.inner_text("nav.pagination [aria-current=page]") == "Sivu 2"
    assert page.inner_text("main table tbody") != first
    assert page.is_visible("nav.pagination a[rel=prev]")
    assert_accessible(page, context="second page of a capped search")


@pytest.mark.parametrize("width", [1366, 390])
def test_service_form__language_columns_never_overlap_and_names_are_not_cut_short(
    browser_page, live_server, catalogue_world, width
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, "kaisa@example.test", TEST_PASSWORD)
    service = Service.objects.filter(translations__language="fi").first()
    page.goto(f"{live_server.url}/catalogue/services/{service.uuid}/edit/")
    columns = page.evaluate(
        """() => Array.from(document.querySelectorAll('main form fieldset[lang]')).map((set) => {
            const box = set.getBoundingClientRect();
            const name = set.querySelector('input[name$="-name"]').getBoundingClientRect();
            return {left: box.left, right: box.right, top: box.top, bottom: box.bottom,
                    nameLeft: name.left, nameRight: name.right};
        })"""
    )
    assert len(columns) == 3
    for index, one in enumerate(columns):
        # The name field fills its column and stays inside it.
        assert one["nameLeft"] >= one["left"] - 1 and one["nameRight"] <= one["right"] + 1
        assert one["nameRight"] - one["nameLeft"] >= 0.9 * (one["right"] - one["left"]) - 2
        for other in columns[index + 1 :]:
            apart = one["right"] <= other["left"] + 1 or other["right"] <= one["left"] + 1
            stacked = one["bottom"] <= other["top"] + 1 or other["bottom"] <= one["top"] + 1
            assert apart or stacked, f"language columns overlap at {width} px: {one} {other}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
