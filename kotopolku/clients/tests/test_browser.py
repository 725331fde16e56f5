from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.clients.models import Client
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.browser import assert_accessible, log_in
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_registration_journey__list_form_errors_profile_export__pass_axe(browser_page, live_server):
    page = browser_page
    point = ServicePointFactory(name="International House Rovaniemi")
    user = UserFactory(email="aino@example.test", full_name="Aino Neuvoja")
    Membership.objects.create(user=user, role=Role.ADVISOR, service_point=point)
    ClientFactory(
        service_point=point, given_names="Мария", given_names_latin="Mariia", family_name_latin="Ivanova"
    )
    log_in(page, live_server.url, "aino@example.test", TEST_PASSWORD)

    page.goto(f"{live_server.url}/clients/")
    assert "Mariia Ivanova" in page.inner_text("main")
    assert_accessible(page, context="client list")

    page.click("text=Rekisteröi asiakas")
    assert_accessible(page, context="registration form")
    page.fill("#id_given_names", "Олександр")
    page.fill("#id_family_name", "Коваленко")
    page.fill("#id_given_names_latin", "Oleksandr")
    page.fill("#id_family_name_latin", "Kovalenko")
    page.fill("#id_birth_year", "1986")
    page.fill("#id_phone", "+358 1")
    page.fill("#id_citizenships_0", "Ukraina")
    page.select_option("#id_languages-0-language", "uk")
    page.select_option("#id_languages-0-level", "native")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.is_visible("#error-summary")
    assert "puhelinnumero" in page.inner_text("#error-summary")
    assert not Client.objects.filter(given_names_latin="Oleksandr").exists()
    assert_accessible(page, context="registration form with errors")

    page.fill("#id_phone", "040 123 4567")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    if page.is_visible(".clients-duplicates"):  # the duplicate check may ask first
        page.check("input[name=confirm_new_person]")
        with page.expect_navigation():
            page.click("main button[type=submit]")
    assert "Oleksandr Kovalenko" in page.inner_text("h1")
    assert "+358401234567" in page.inner_text("main")
    assert "Rekisteröity asiakkaaksi" in page.inner_text("main")
    assert_accessible(page, context="client profile")

    page.select_option("#id_purpose", "record_keeping")
    with page.expect_navigation():
        page.click("text=Kirjaa suostumus")
    assert "Suostumus kirjattu" in page.inner_text("main")

    page.click("text=Vie tiedot")
    # The client reads Ukrainian: the document opens in it, inside the Finnish staff page.
    assert "Ваші дані в реєстрі клієнтів" in page.inner_text("h1")
    assert_accessible(page, context="export page in the client's language")
    page.click("text=Suomeksi")
    assert "Tietosi asiakasrekisterissä" in page.inner_text("h1")
    assert_accessible(page, context="export page in Finnish")
    page.click("text=In English")
    assert "Your data in the client register" in page.inner_text("h1")
    assert_accessible(page, context="export page in English")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_coordinator_pages__edit_anonymise_retention__pass_axe(browser_page, live_server, language):
    import datetime as dt

    from django.utils import timezone

    page = browser_page
    point = ServicePointFactory(name="International Pointti Kemi")
    user = UserFactory(email="kaisa@example.test", full_name="Kaisa Koordinaattori")
    Membership.objects.create(user=user, role=Role.COORDINATOR, service_point=point)
    client = ClientFactory(service_point=point, given_names="Ахмед", given_names_latin="Ahmed")
    ClientFactory(service_point=point, status="closed", closed_at=timezone.now() - dt.timedelta(days=2_500))
    log_in(page, live_server.url, "kaisa@example.test", TEST_PASSWORD)
    page.select_option("#language-select", language)
    with page.expect_navigation():
        page.click(".language-switch button")
    for path in (
        f"/clients/{client.uuid}/edit/",
        f"/clients/{client.uuid}/anonymise/",
        "/clients/retention/",
        f"/clients/{client.uuid}/",
        "/clients/?q=Ahmed",
    ):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, context=f"{path} in {language}")
    page.goto(f"{live_server.url}/clients/{client.uuid}/anonymise/")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.is_visible("#error-summary")
    assert_accessible(page, context=f"anonymise without confirmation in {language}")
    page.check("#id_confirm")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    client.refresh_from_db()
    assert client.status == "anonymised"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_team__advisor_brings_in_the_network_expert_by_keyboard__pass_axe(
    browser_page, live_server, language
):
    from kotopolku.clients.models import ClientTeamMember
    from kotopolku.organisations.tests.factories import NetworkFactory

    page = browser_page
    kemi = ServicePointFactory(name="International Pointti Kemi")
    rovaniemi = ServicePointFactory(name="International House Rovaniemi")
    network = NetworkFactory(lead=rovaniemi, members=[rovaniemi, kemi])
    advisor = UserFactory(email="kalle@example.test", full_name="Kalle Ohjaaja")
    Membership.objects.create(user=advisor, role=Role.ADVISOR, service_point=kemi)
    expert = UserFactory(email="leena@example.test", full_name="Leena Lupa")
    Membership.objects.create(user=expert, role=Role.PERMIT_EXPERT, network=network)
    client = ClientFactory(service_point=kemi, given_names_latin="Nadia", family_name_latin="Haddad")
    log_in(page, live_server.url, "kalle@example.test", TEST_PASSWORD)
    page.select_option("#language-select", language)
    with page.expect_navigation():
        page.click(".language-switch button")

    page.goto(f"{live_server.url}/clients/{client.uuid}/")
    assert_accessible(page, context=f"profile with an empty team in {language}")
    page.focus("#id_user")
    page.select_option("#id_user", str(expert.uuid))
    page.keyboard.press("Tab")
    page.keyboard.type("oleskelulupa")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert ClientTeamMember.objects.current().filter(client=client, user=expert).exists()
    team = page.inner_text("section[aria-labelledby=team-heading] table")
    assert "Leena Lupa" in team and "oleskelulupa" in team
    assert_accessible(page, context=f"profile with a team member in {language}")

    page.goto(f"{live_server.url}/clients/{client.uuid}/")
    remove = page.locator("section[aria-labelledby=team-heading] table button")
    remove.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert not ClientTeamMember.objects.current().filter(client=client).exists()
    assert "Leena Lupa" not in page.inner_text("section[aria-labelledby=team-heading] table")
