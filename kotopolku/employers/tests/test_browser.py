"""The employer journey in a browser, with axe on every page: add a company (a wrong business ID
first), record a visit, add a job opening where English is enough, see the matching client with
the reasons and propose them with their consent."""

from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.clients.models import ClientLanguage
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.browser import assert_accessible, log_in
from kotopolku.employers.models import Employer, JobOpening, Proposal
from kotopolku.employers.tests.factories import occupation
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_employer_journey__company_visit_opening_match_and_proposal(browser_page, live_server):
    page = browser_page
    point = ServicePointFactory(name="International House Rovaniemi")
    user = UserFactory(email="aino@example.test", full_name="Aino Neuvoja")
    Membership.objects.create(user=user, role=Role.ADVISOR, service_point=point)
    seeker = ClientFactory(service_point=point, given_names_latin="Amina", family_name_latin="Hassan")
    ClientLanguage.objects.create(client=seeker, language="en", level="B2")
    log_in(page, live_server.url, "aino@example.test", TEST_PASSWORD)

    page.goto(f"{live_server.url}/employers/")
    assert_accessible(page, context="employer list")
    page.click("text=Lisää yritys")
    page.fill("#id_name", "Revontuli Hotels Oy")
    page.fill("#id_business_id", "2617416-5")
    page.select_option("#id_size_class", "medium")
    page.select_option("#id_municipality", str(point.municipality_id))
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector("#error-summary")
    assert_accessible(page, context="company form with an error")
    assert not Employer.objects.exists()
    page.fill("#id_business_id", "2617416-4")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector("text=Revontuli Hotels Oy")
    employer = Employer.objects.get()
    assert employer.business_id == "2617416-4"
    assert_accessible(page, context="company page")

    page.click("text=Kirjaa toiminta")
    page.select_option("#id_kind", "visit")
    page.fill("#id_outcome", "Tarvitsevat kokkeja, englanti riittää.")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector("text=Tarvitsevat kokkeja")

    page.click("text=Lisää työpaikka")
    page.fill("#id_title", "Kokki")
    cook = occupation("5120")
    page.select_option("#id_occupation", label=f"5120 {cook.label_fi}")
    page.select_option("#id_hours", "full_time")
    page.uncheck("#id_finnish_required")
    page.select_option("#id_other_languages", "en")
    page.select_option("#id_visibility", "advertised")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector("text=Amina Hassan")
    assert JobOpening.objects.get().finnish_required is False
    assert_accessible(page, context="opening with matches")
    page.click(f"#propose-{seeker.uuid}-consent_given_on")
    page.click("button:has-text('Ehdota työnantajalle')")
    page.wait_for_selector("text=Ehdotetut asiakkaat")
    assert Proposal.objects.get().client == seeker
    assert_accessible(page, context="opening after the proposal")
