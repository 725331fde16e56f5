"""The coordinator's monitoring journey in a browser, with axe on every page: the project's
targets (a bad one first), the common indicators and the people behind a figure, the project
and correction forms with their errors; then the
reporting viewer's desk statistics with hidden small cells."""

from __future__ import annotations

import pytest

from kotopolku.accounts.tests.factories import TEST_PASSWORD
from kotopolku.core.testing.browser import assert_accessible, log_in
from kotopolku.indicators.enums import LabourStatus
from kotopolku.indicators.models import Participant, Target
from kotopolku.indicators.tests.factories import ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_monitoring_journey__targets_indicators_people_and_desk_statistics(browser_page, live_server, office):
    page = browser_page
    for _ in range(6):
        ParticipantFactory(project=office.project, service_point=office.point, gender="woman")
    for _ in range(2):
        ParticipantFactory(
            project=office.project,
            service_point=office.point,
            gender="man",
            labour_status=LabourStatus.INACTIVE,
        )
    log_in(page, live_server.url, office.coordinator.email, TEST_PASSWORD)

    page.goto(f"{live_server.url}/indicators/")
    assert_accessible(page, context="project list")
    page.click("text=International Pointti")
    page.select_option("#id_kind", "satisfaction")
    page.fill("#id_value", "7")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector("#error-summary")
    assert_accessible(page, context="target form with an error")
    assert not Target.objects.exists()
    page.select_option("#id_kind", "participants")
    page.fill("#id_value", "310")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector("svg.kp-chart")
    assert_accessible(page, context="project targets with chart")

    page.goto(f"{live_server.url}/indicators/projects/{office.project.uuid}/indicators/?period=2025")
    assert_accessible(page, context="common indicators")
    page.click("a[href*='code=EECO04'][href*='gender=man']")
    page.wait_for_selector("#people")
    assert page.locator("a[href*='/indicators/participants/']").count() == 2
    assert_accessible(page, context="participants behind a figure")

    page.goto(f"{live_server.url}/indicators/projects/{office.project.uuid}/edit/")
    page.fill("#id_project-ends_on", "2020-01-01")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector("#error-summary")
    assert_accessible(page, context="project form with an error")
    person = Participant.objects.filter(project=office.project).first()
    assert person is not None
    page.goto(f"{live_server.url}/indicators/participants/{person.uuid}/correct/")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector("#error-summary")
    assert_accessible(page, context="correction form without a reason")

    page.context.clear_cookies()
    log_in(page, live_server.url, office.viewer.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/indicators/projects/{office.project.uuid}/indicators/?period=2025")
    # EECO01: the 2 men are "<5", and the 6 women "×", or 8 − 6 would give the men away.
    assert page.locator("abbr").all_inner_texts()[:2] == ["×", "<5"]
    page.goto(f"{live_server.url}/indicators/desk/?period=2025&dimension=language")
    assert_accessible(page, context="desk statistics")
