"""A role held through a network sees a member service point's desk contacts only for the clients
the user works with, as it sees those clients only."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import timezone

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.permissions import can
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.clients.models import Client, ClientTeamMember
from kotopolku.contacts.tests.factories import ContactFactory
from kotopolku.contacts.tests.test_api import bearer
from kotopolku.organisations.tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(desk):  # type: ignore[no-untyped-def]
    network = NetworkFactory(lead=desk.point, members=[desk.point, desk.other_point])
    expert = UserFactory(full_name="Leena Lupa", language="en")
    Membership.objects.create(user=expert, role=Role.PERMIT_EXPERT, network=network)
    worked_with = Client.objects.create(service_point=desk.other_point, given_names="Nadia")
    ClientTeamMember.objects.create(client=worked_with, user=expert, added_at=timezone.now())
    responsible_for = Client.objects.create(
        service_point=desk.other_point, given_names="Omar", responsible_worker=expert
    )
    stranger = Client.objects.create(service_point=desk.other_point, given_names="Ivan")
    contacts = {
        "worked_with": ContactFactory(service_point=desk.other_point, client=worked_with, note="permit"),
        "responsible_for": ContactFactory(service_point=desk.other_point, client=responsible_for),
        "stranger": ContactFactory(service_point=desk.other_point, client=stranger, note="private"),
        "anonymous": ContactFactory(service_point=desk.other_point, note="walk-in"),
        "lead_point": ContactFactory(
            service_point=desk.point,
            client=Client.objects.create(service_point=desk.point, given_names="Olena"),
        ),
    }
    return expert, contacts


def test_api_contacts__network_expert__only_the_contacts_of_clients_they_work_with(
    client, region, django_assert_max_num_queries
):
    expert, contacts = region
    auth = bearer(expert)
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/contacts", **auth)
    assert response.status_code == 200
    listed = {item["id"] for item in response.json()["items"]}
    assert listed == {str(contacts["worked_with"].uuid), str(contacts["responsible_for"].uuid)}
    assert response.json()["count"] == 2


def test_api_contacts__network_expert__filtered_by_a_member_point__still_narrowed(client, region, desk):
    expert, contacts = region
    response = client.get(f"/api/v1/contacts?service_point={desk.other_point.uuid}", **bearer(expert))
    assert response.status_code == 200
    assert {item["id"] for item in response.json()["items"]} == {
        str(contacts["worked_with"].uuid),
        str(contacts["responsible_for"].uuid),
    }


def test_contacts_view__network_expert__can_agrees_with_the_list(region):
    expert, contacts = region
    assert can(expert, "contacts.view", contacts["worked_with"])
    assert not can(expert, "contacts.view", contacts["stranger"])
    assert not can(expert, "contacts.view", contacts["anonymous"])


def test_contacts_view__staff_of_the_point__still_see_every_contact_there(client, region, desk):
    _expert, contacts = region
    response = client.get("/api/v1/contacts", **bearer(desk.outsider))  # an advisor at the member point
    listed = {item["id"] for item in response.json()["items"]}
    assert {str(contacts[name].uuid) for name in ("worked_with", "stranger", "anonymous")} <= listed


def test_contact_list_page__network_expert__does_not_show_other_clients_contacts(client, region):
    expert, contacts = region
    client.force_login(expert)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/contacts/all/")
    assert response.status_code == 200
    shown = {contact.pk for contact in response.context["page"]}
    assert shown == {contacts["worked_with"].pk, contacts["responsible_for"].pk}
