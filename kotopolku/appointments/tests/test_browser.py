"""The booking journey in a browser: the advisor opens the week calendar, picks a free slot,
finds the client, books, and cancels with a reason. Every page is checked with axe."""

from __future__ import annotations

import pytest

from kotopolku.accounts.tests.factories import TEST_PASSWORD
from kotopolku.appointments.models import Appointment
from kotopolku.core.testing.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_booking_journey__calendar_slot_to_booking_to_cancellation(browser_page, live_server, world):
    page = browser_page
    world.advisor.email = "aino@example.test"
    world.advisor.save()
    log_in(page, live_server.url, "aino@example.test", TEST_PASSWORD)
    page.goto(f"{live_server.url}/appointments/?service_point={world.lead.uuid}&date={world.monday}")
    assert_accessible(page, context="week calendar")
    page.locator(".kp-slot--free a").first.click()
    assert_accessible(page, context="booking form")
    page.fill("#q", "Ivanova")
    page.press("#q", "Enter")
    page.locator(f"a[href^='?client={world.client.uuid}']").click()
    page.select_option("#id_worker", str(world.advisor.uuid))
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector("text=Aika varattiin")
    assert_accessible(page, context="appointment")
    appointment = Appointment.objects.get()
    assert appointment.client == world.client and appointment.status == "booked"

    page.select_option("#id_cancel-reason", "client_ill")
    page.click("form[action$='/cancel/'] button[type=submit]")
    page.wait_for_selector("text=Aika päivitettiin")
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"

    page.goto(f"{live_server.url}/appointments/mine/")
    assert_accessible(page, context="availability and feed")
    page.goto(f"{live_server.url}/appointments/request/")
    assert_accessible(page, context="public request form")
