"""The referral journey in a browser: an advisor refers a client to Kela with consent, Kela's
staff open it in their inbox and accept it, and the advisor sees it opened and accepted. Every
page is checked with axe."""

from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.browser import assert_accessible, log_in
from kotopolku.organisations.tests.factories import OrganisationFactory, ServicePointFactory
from kotopolku.referrals.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_referral_journey__advisor_sends__partner_opens_and_accepts(browser_page, live_server):
    page = browser_page
    point = ServicePointFactory(name="International House Rovaniemi")
    kela = OrganisationFactory(name="Kela", short_name="Kela")
    advisor = UserFactory(email="aino@example.test", full_name="Aino Neuvoja")
    Membership.objects.create(user=advisor, role=Role.ADVISOR, service_point=point)
    partner = UserFactory(email="pekka@example.test", full_name="Pekka Kelalainen")
    Membership.objects.create(user=partner, role=Role.PARTNER_STAFF, organisation=kela)
    client = ClientFactory(
        service_point=point,
        given_names="Iryna",
        family_name="Shevchenko",
        given_names_latin="Iryna",
        family_name_latin="Shevchenko",
        phone="+358401234567",
    )

    log_in(page, live_server.url, "aino@example.test", TEST_PASSWORD)
    page.goto(f"{live_server.url}/referrals/new/?q=Iryna Shevchenko")
    assert_accessible(page, context="choose the client")
    page.click(f"a[href='?client={client.uuid}']")
    assert_accessible(page, context="new referral form")
    page.select_option("#id_organisation", str(kela.uuid))
    page.fill("#id_reason", "Family benefit application")
    page.check("#id_consent_now")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector("text=Ohjaus tallennettiin")
    assert_accessible(page, context="referral detail")
    referral = Referral.objects.get()
    assert referral.status == "sent"

    page.goto(f"{live_server.url}/referrals/?waiting=0")
    assert_accessible(page, context="referral list")

    page.context.clear_cookies()
    log_in(page, live_server.url, "pekka@example.test", TEST_PASSWORD)
    page.goto(f"{live_server.url}/referrals/inbox/")
    assert_accessible(page, context="partner inbox")
    page.click(f"a[href='/referrals/inbox/{referral.uuid}/']")
    assert page.locator("text=Iryna Shevchenko").count() >= 1
    assert page.locator("text=+358401234567").count() == 0  # not shared
    assert_accessible(page, context="partner's view of the referral")
    page.click("button[value=accept]")
    page.wait_for_selector("text=Vastauksesi tallennettiin")
    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.opened_at is not None
