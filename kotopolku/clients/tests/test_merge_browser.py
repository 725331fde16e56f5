"""Browser journey: from a record's possible duplicates to comparing and merging them, with axe."""

from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.models import Client, ClientLanguage
from kotopolku.clients.tests.matching_support import make_client
from kotopolku.core.testing.browser import assert_accessible, log_in
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_merge_journey__duplicates_page_compare_and_merge(browser_page, live_server, language):
    page = browser_page
    point = ServicePointFactory(name="International House Rovaniemi")
    user = UserFactory(email="aino@example.test", full_name="Aino Neuvoja", language=language)
    Membership.objects.create(user=user, role=Role.ADVISOR, service_point=point)
    keep = make_client(
        point, given_names_latin="Oleksandr", family_name_latin="Shevchenko", birth_year=1990, birth_month=5
    )
    remove = make_client(
        point,
        given_names="Олександр",
        family_name="Шевченко",
        given_names_latin="Aleksandr",
        family_name_latin="Shevchenko",
        birth_year=1990,
        birth_month=5,
        phone="+358401112233",
    )
    ClientLanguage.objects.create(client=remove, language="uk", level="native")
    log_in(page, live_server.url, "aino@example.test", TEST_PASSWORD)

    page.goto(f"{live_server.url}/clients/{keep.uuid}/duplicates/")
    assert_accessible(page, context="possible duplicates")
    with page.expect_navigation():
        page.click(f"a[href='/clients/merge/{keep.uuid}/{remove.uuid}/']")
    assert "Шевченко" in page.inner_text("main")
    assert_accessible(page, context="merge comparison")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith(f"/clients/{keep.uuid}/")
    remove.refresh_from_db()
    keep.refresh_from_db()
    assert remove.status == ClientStatus.MERGED and remove.merged_into_id == keep.pk
    assert keep.phone == "+358401112233"
    assert list(Client.objects.get(pk=keep.pk).languages.values_list("language", flat=True)) == ["uk"]
