"""The retention page with its "run now" button, and the confirmation after it, pass axe-core."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.browser import assert_accessible, log_in
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_retention_run_now__page_and_confirmation__pass_axe(browser_page, live_server, language):
    page = browser_page
    point = ServicePointFactory(name="International Pointti Kemi")
    user = UserFactory(email="kaisa@example.test", full_name="Kaisa Koordinaattori")
    Membership.objects.create(user=user, role=Role.COORDINATOR, service_point=point)
    ClientFactory(service_point=point, status="closed", closed_at=timezone.now() - dt.timedelta(days=2_500))
    log_in(page, live_server.url, "kaisa@example.test", TEST_PASSWORD)
    page.select_option("#language-select", language)
    with page.expect_navigation():
        page.click(".language-switch button")
    page.goto(f"{live_server.url}/clients/retention/")
    assert_accessible(page, context=f"retention page with its run button in {language}")
    with page.expect_navigation():
        page.click("form.retention-run button[type=submit]")
    assert page.is_visible(".message--success")
    assert_accessible(page, context=f"retention run confirmation in {language}")
    assert DBTaskResult.objects.count() == 1
