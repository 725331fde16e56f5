from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.contacts.models import Contact
from kotopolku.core.testing.browser import assert_accessible, log_in
from kotopolku.organisations.tests.factories import OrganisationFactory, ServicePointFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("code_lists"),
]

SAVED = {"fi": "Asiointi tallennettiin", "en": "The contact was saved"}


def _switch_language(page, language: str) -> None:
    page.select_option("#language-select", language)
    with page.expect_navigation():
        page.click(".language-switch button")


@pytest.mark.parametrize("language", ["fi", "en"])
def test_desk_journey__keyboard_only__logs_two_contacts_and_edits_one(browser_page, live_server, language):
    page = browser_page
    point = ServicePointFactory(name="International House Rovaniemi")
    OrganisationFactory(name="Kansaneläkelaitos")
    user = UserFactory(email="aino@example.test", full_name="Aino Neuvoja")
    Membership.objects.create(user=user, role=Role.ADVISOR, service_point=point)
    log_in(page, live_server.url, "aino@example.test", TEST_PASSWORD)
    _switch_language(page, language)
    page.goto(f"{live_server.url}/contacts/")
    assert_accessible(page, context=f"desk in {language}")
    assert page.evaluate("document.activeElement.name") == "channel"  # autofocus on the first field

    # Channel: phone; language: Russian, by type-ahead in the lists; then the first two topics.
    page.keyboard.press("End")  # event, the last channel
    page.keyboard.press("Tab")
    page.keyboard.type("ru" if language == "en" else "ve")
    # On to the topics (past the interpreter field): the topics are one Tab stop, arrows move inside.
    for _press in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "topics":
            break
    assert page.evaluate("document.activeElement.id") == "id_topics_0"
    page.keyboard.press("Space")  # first topic
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")  # second topic
    page.keyboard.press("Enter")
    page.wait_for_selector(f"text={SAVED[language]}")
    # htmx moves the focus when the swapped page settles, a moment after it shows.
    _wait_for_focus(page, "document.activeElement.name === 'channel'")
    assert page.evaluate("document.activeElement.name") == "channel"
    contact = Contact.objects.get()
    assert (contact.channel, contact.language) == ("event", "ru")
    assert sorted(contact.topics.values_list("code", flat=True)) == ["registration", "residence_permits"]
    assert page.locator("table.contacts-table tbody tr").count() == 1

    # The next contact starts from the same channel and language: only a topic and Enter.
    assert page.eval_on_selector("#id_channel", "el => el.value") == "event"
    assert page.eval_on_selector("#id_language", "el => el.value") == "ru"
    page.focus("#id_topics_4")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('table.contacts-table tbody tr').length === 2")
    assert Contact.objects.count() == 2
    assert_accessible(page, context=f"desk after saving in {language}")

    # Errors: no topic chosen gives a focused, accessible error summary and saves nothing.
    page.focus("#id_duration_minutes")
    page.keyboard.press("Enter")
    page.wait_for_selector("#error-summary")
    _wait_for_focus(page, "document.activeElement.id === 'error-summary'")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert Contact.objects.count() == 2
    assert_accessible(page, context=f"desk with errors in {language}")

    page.click("table.contacts-table tbody tr:first-child a")
    page.wait_for_selector("#id_duration_minutes")
    assert_accessible(page, context=f"edit page in {language}")
    page.fill("#id_duration_minutes", "25")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=My contacts today" if language == "en" else "text=Omat asiointini tänään")
    assert Contact.objects.filter(duration_minutes=25).count() == 1


@pytest.mark.parametrize("language", ["fi", "en"])
def test_contact_list_and_removal__coordinator__pass_axe(browser_page, live_server, language):
    page = browser_page
    point = ServicePointFactory(name="International House Rovaniemi")
    user = UserFactory(email="kaisa@example.test", full_name="Kaisa Koordinaattori")
    Membership.objects.create(user=user, role=Role.COORDINATOR, service_point=point)
    from kotopolku.contacts.tests.factories import ContactFactory

    contact = ContactFactory(service_point=point, logged_by=user, topic_codes=["kela", "taxes"])
    log_in(page, live_server.url, "kaisa@example.test", TEST_PASSWORD)
    _switch_language(page, language)
    for path in [
        "/contacts/all/",
        "/contacts/all/?language=so&channel=phone",
        f"/contacts/{contact.uuid}/remove/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, context=f"{path} in {language}")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert not Contact.objects.exists()


def _wait_for_focus(page, condition):
    """Wait (a second at most) for the focus to land; the assertion after it says where."""
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(f"document.activeElement && {condition}", timeout=1000)
