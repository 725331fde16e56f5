from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.audit.enums import Outcome
from kotopolku.audit.services import audit_record
from kotopolku.core.testing.browser import assert_accessible, log_in
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_audit_log__coordinator_reads_sentences_in_a_table_that_fits_the_page(browser_page, live_server):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    point = ServicePointFactory(name="International Pointti Kemi")
    coordinator = UserFactory(email="kaisa@example.test")
    Membership.objects.create(user=coordinator, role=Role.COORDINATOR, service_point=point)
    advisor = UserFactory(email="a.very.long.address.of.an.advisor@kemi.example.test")
    Membership.objects.create(user=advisor, role=Role.ADVISOR, service_point=point)
    for _ in range(3):
        audit_record(
            actor=advisor,
            action="contacts.link_client",
            target_type="clients.client",
            target_id="0f8fad5b-d9cb-469f-a165-70867728950e",
            purpose="desk contact",
            outcome=Outcome.DENIED,
            service_point_id=point.id,
        )
    log_in(page, live_server.url, "kaisa@example.test", TEST_PASSWORD)
    page.goto(f"{live_server.url}/audit/")
    assert_accessible(page, context="audit log")
    rows = page.inner_text("tbody")
    assert "yritti liittää asioinnin asiakkaaseen, jonka tietoihin hänellä ei ole oikeutta." in rows
    assert "0f8fad5b" not in rows and "contacts.link_client" not in rows
    assert "Estetty" in rows
    assert page.inner_text("thead").count("IP-osoite") == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
