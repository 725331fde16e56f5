"""The coordinator's review journey in a browser, with axe on every page: start a sweep, watch its
progress on the page without reloading, review the pairs it found, mark one as different people
and open the other's side-by-side merge."""

from __future__ import annotations

import pytest
from django.db.models import Q

from kotopolku.accounts.tests.factories import TEST_PASSWORD
from kotopolku.core.testing.browser import assert_accessible, log_in
from kotopolku.duplicates.models import DuplicatePair, PairStatus, Sweep
from kotopolku.duplicates.tasks import duplicates_sweep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_review_journey__sweep_progress_queue_different_and_merge(
    browser_page, live_server, point, registry, coordinator
):
    page = browser_page
    log_in(page, live_server.url, coordinator.email, TEST_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])

    page.goto(f"{live_server.url}/duplicates/")
    assert "No pairs to review." in page.inner_text("main")
    assert_accessible(page, context="empty queue")
    page.select_option("#id_scope", f"point:{point.uuid}")
    with page.expect_navigation():
        page.click("section[aria-labelledby=sweep-heading] button[type=submit]")
    assert "A sweep is running: 0 % done." in page.inner_text("main")
    assert_accessible(page, context="queue with a sweep waiting")

    # The worker runs the sweep; the page, still open, follows it by itself.
    duplicates_sweep.call(sweep_id=Sweep.objects.get().pk)
    page.wait_for_selector("[data-sweep-done]:not([hidden])")
    assert "found 2 likely duplicates" in page.inner_text("main")
    assert page.locator("progress").count() == 0
    assert_accessible(page, context="queue after the sweep, updated in place")

    with page.expect_navigation():
        page.click("[data-sweep-done] a")
    rows = page.locator("main tbody tr")
    assert rows.count() == 2
    assert "birth dates one typo apart" in page.inner_text("main")
    assert_accessible(page, context="queue with the pairs found")

    olena = DuplicatePair.objects.get(Q(first=registry["olena"]) | Q(second=registry["olena"]))
    with page.expect_navigation():
        page.click(f"form[action$='/pairs/{olena.uuid}/different/'] button")
    assert "This pair will not be offered again." in page.inner_text("main")
    assert page.locator("main tbody tr").count() == 1
    olena.refresh_from_db()
    assert olena.status == PairStatus.DIFFERENT

    with page.expect_navigation():
        page.click("main a:has-text('Compare and merge')")
    assert "/clients/merge/" in page.url and "Shevchenko" in page.inner_text("main")
    assert_accessible(page, context="merge comparison from the queue")
