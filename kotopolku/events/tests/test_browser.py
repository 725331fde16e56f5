"""The event journey in a browser, with axe on every page: a person registers on the public
page (the last place), the next one lands on the waiting list; the advisor marks attendance."""

from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.core.testing.browser import assert_accessible, log_in
from kotopolku.events.models import Registration
from kotopolku.events.tests.factories import EventFactory
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _register(page, url: str, name: str, email: str) -> None:
    page.goto(url)
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.select_option("#id_language", "uk")
    page.click("form.kp-form button[type=submit]")


def test_event_journey__public_registration_waiting_list_and_attendance(browser_page, live_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    page = browser_page
    point = ServicePointFactory(name="International House Rovaniemi")
    event = EventFactory(service_point=point, capacity=1, title="Tervetuloa Rovaniemelle")
    url = f"{live_server.url}/events/public/{event.uuid}/"

    page.goto(url)
    assert_accessible(page, context="public event page")
    _register(page, url, "Olena", "olena@example.test")
    page.wait_for_selector("[role=status], .hds-notification")
    assert_accessible(page, context="registered")
    _register(page, url, "Mykola", "mykola@example.test")
    page.wait_for_selector("[role=status], .hds-notification")
    statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {"Olena": "registered", "Mykola": "waiting"}

    user = UserFactory(email="aino@example.test", full_name="Aino Neuvoja")
    Membership.objects.create(user=user, role=Role.ADVISOR, service_point=point)
    log_in(page, live_server.url, "aino@example.test", TEST_PASSWORD)
    page.goto(f"{live_server.url}/events/")
    assert_accessible(page, context="staff event list")
    page.click("text=Tervetuloa Rovaniemelle")
    assert_accessible(page, context="staff event page")
    olena = Registration.objects.get(name="Olena")
    page.click(f'label[for="attendance-{olena.uuid}-attendance_0"]')
    page.click(f"form[action$='{olena.uuid}/attendance/'] button[type=submit]")
    page.wait_for_load_state()
    olena.refresh_from_db()
    assert olena.attendance == "present"
