from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.casework.models import Case, Plan, Step
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.browser import assert_accessible, log_in
from kotopolku.organisations.tests.factories import OrganisationFactory, ServicePointFactory, municipality

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_advisor_journey__case_plan_goal_step_and_work_list(browser_page, live_server):
    """Open a case, draft a plan with a partner, add a goal and a step due tomorrow, and find
    it on the work list; every page passes axe."""
    from kotopolku.casework.codelists import code_lists_load
    from kotopolku.casework.models import CodeListItem

    code_lists_load(CodeListItem)  # a transactional test empties what migrations loaded
    page = browser_page
    point = ServicePointFactory(name="International House Rovaniemi", municipality=municipality("698"))
    kela = OrganisationFactory(name="Kela")
    user = UserFactory(email="aino@example.test", full_name="Aino Neuvoja", language="en")
    Membership.objects.create(user=user, role=Role.ADVISOR, service_point=point)
    client = ClientFactory(service_point=point, given_names_latin="Olena", family_name_latin="Kovalenko")
    log_in(page, live_server.url, "aino@example.test", TEST_PASSWORD)

    page.goto(f"{live_server.url}/casework/clients/{client.uuid}/")
    assert_accessible(page, context="client's case work")
    page.select_option("#id_opened_because", "desk")
    with page.expect_navigation():
        page.click("form[action$='/cases/open/'] button[type=submit]")
    assert Case.objects.filter(client=client, status="open").exists()

    page.goto(f"{live_server.url}/casework/clients/{client.uuid}/assessments/new/")
    assert_accessible(page, context="assessment form")

    page.goto(f"{live_server.url}/casework/clients/{client.uuid}/plans/new/")
    assert_accessible(page, context="new plan")
    today = timezone.localdate()
    page.select_option("#id_kind", "integration")
    page.fill("#id_starts_on", today.isoformat())
    page.fill("#id_ends_on", (today + dt.timedelta(days=300)).isoformat())
    page.check(f"input[name=partners][value='{kela.uuid}']")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    plan = Plan.objects.get(client=client)

    page.fill("form[action$='/goals/'] #id_text", "Finnish to B1")
    page.click("form[action$='/goals/'] button[type=submit]")
    page.wait_for_selector("text=Finnish to B1")
    page.fill("form[action$='/steps/'] #id_text", "Apply for the integration course")
    page.select_option("form[action$='/steps/'] #id_owner", "advisor")
    page.fill("form[action$='/steps/'] #id_due_on", (today + dt.timedelta(days=1)).isoformat())
    page.click("form[action$='/steps/'] button[type=submit]")
    page.wait_for_selector("text=Apply for the integration course")
    assert Step.objects.filter(plan=plan).count() == 1
    assert_accessible(page, context="plan")
    if os.environ.get("KOTOPOLKU_SCREENSHOTS"):
        page.screenshot(
            path=os.path.join(os.environ["KOTOPOLKU_SCREENSHOTS"], "casework-plan.png"), full_page=True
        )

    page.goto(f"{live_server.url}/casework/")
    page.wait_for_selector("text=Apply for the integration course")
    assert_accessible(page, context="work list")
