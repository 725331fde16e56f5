from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from kotopolku.accounts.services import api_token_create
from kotopolku.audit.models import AuditEvent
from kotopolku.clients.models import Client
from kotopolku.contacts.models import Contact, ContactTopic
from kotopolku.contacts.tests.factories import ContactFactory
from kotopolku.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/contacts"


def bearer(user) -> dict[str, str]:
    _token, raw = api_token_create(user=user, name="desk tablet")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def payload(desk, **overrides):
    body = {
        "service_point": str(desk.point.uuid),
        "channel": "walk_in",
        "language": "uk",
        "interpreter": "phone",
        "topics": ["kela", "housing"],
        "client_group": "temporary_protection",
        "duration_minutes": 20,
        "outcome": "guided",
    }
    body.update(overrides)
    return body


def post(client, auth, body):
    return client.post(URL, data=json.dumps(body), content_type="application/json", **auth)


def test_post_contact__returns_201_with_the_uuid(client, desk):
    partner = OrganisationFactory()
    response = post(client, bearer(desk.advisor), payload(desk, organisation=str(partner.uuid)))
    assert response.status_code == 201, response.content
    contact = Contact.objects.get(uuid=response.json()["id"])
    assert contact.logged_by == desk.advisor and contact.organisation == partner and contact.is_anonymous
    assert sorted(contact.topics.values_list("code", flat=True)) == ["housing", "kela"]
    assert AuditEvent.objects.filter(action="contacts.log", target_id=str(contact.uuid)).exists()


def test_post_contact__linked_to_a_client_of_the_same_service_point(client, desk):
    olena = Client.objects.create(service_point=desk.point, given_names="Olena")
    response = post(client, bearer(desk.advisor), payload(desk, client=str(olena.uuid)))
    assert response.status_code == 201
    assert Contact.objects.get().client == olena


def test_post_contact__service_point_where_the_user_does_not_work__is_403_and_audited(client, desk):
    response = post(client, bearer(desk.advisor), payload(desk, service_point=str(desk.other_point.uuid)))
    assert response.status_code == 403
    assert not Contact.objects.exists()
    assert AuditEvent.objects.filter(actor=desk.advisor, action="contacts.log", outcome="denied").exists()


def test_post_contact__without_authentication__is_401(client, desk):
    assert post(client, {}, payload(desk)).status_code == 401


FAR_FUTURE = (timezone.now() + timedelta(days=365)).isoformat()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"topics": ["kela", "horoscopes"]}, "topics"),
        ({"topics": []}, "topics"),
        ({"topics": "kela"}, "topics"),
        ({"happened_at": FAR_FUTURE}, "happened_at"),
        ({"happened_at": "yesterday-ish"}, "happened_at"),
        ({"duration_minutes": -10}, "duration_minutes"),
        ({"duration_minutes": 10**9}, "duration_minutes"),
        ({"duration_minutes": "twenty"}, "duration_minutes"),
        ({"duration_minutes": 12.5}, "duration_minutes"),
        ({"note": "x" * 10_000}, "note"),
        ({"note": "Asiakas \u202eotsikko"}, "note"),
        ({"note": "null\x00byte"}, "note"),
        ({"note": ["not", "text"]}, "note"),
        ({"channel": "<script>alert(1)</script>"}, "channel"),
        ({"language": "elvish"}, "language"),
        ({"outcome": ""}, "outcome"),
        ({"client_group": "martians"}, "client_group"),
        ({"organisation": "00000000-0000-0000-0000-000000000000"}, "organisation"),
        ({"organisation": "not-a-uuid"}, "organisation"),
        ({"client": "00000000-0000-0000-0000-000000000000"}, "client"),
        ({"service_point": "00000000-0000-0000-0000-000000000000"}, "service_point"),
    ],
)
def test_post_contact__bad_field__is_422_per_field_and_nothing_is_written(client, desk, overrides, field):
    response = post(client, bearer(desk.advisor), payload(desk, **overrides))
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"], response.json()
    assert not Contact.objects.exists() and not ContactTopic.objects.exists()


def test_post_contact__several_bad_fields__are_all_reported_in_the_users_language(client, desk):
    desk.advisor.language = "fi"
    response = post(
        client,
        {**bearer(desk.advisor), "HTTP_ACCEPT_LANGUAGE": "fi"},
        payload(desk, topics=["nope"], duration_minutes=0, language="zz"),
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"topics", "duration_minutes", "language"} <= set(errors)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fi",
            {
                "duration_minutes": ["Anna kokonaisluku."],
                "topics": ["Anna luettelo."],
                "channel": ["Anna enintään 40 merkkiä."],
                "happened_at": [
                    "Anna päivämäärä ja kellonaika aikavyöhykkeen kanssa muodossa VVVV-KK-PPTHH:MM+02:00."
                ],
                "outcome": ["Tämä kenttä on pakollinen."],
                "service_point": ["Anna UUID-tunniste."],
            },
        ),
        (
            "sv",
            {
                "duration_minutes": ["Ange ett heltal."],
                "topics": ["Ange en lista."],
                "channel": ["Ange högst 40 tecken."],
                "happened_at": ["Ange datum och tid med tidszon, som ÅÅÅÅ-MM-DDTHH:MM+02:00."],
                "outcome": ["Det här fältet är obligatoriskt."],
                "service_point": ["Ange en UUID."],
            },
        ),
    ],
)
def test_post_contact__wrong_types__get_messages_in_the_users_language(client, desk, language, expected):
    body = payload(
        desk,
        duration_minutes="twenty",
        topics="kela",
        channel="x" * 41,
        happened_at="yesterday",
        service_point="Rovaniemi",
    )
    del body["outcome"]
    response = post(client, {**bearer(desk.advisor), "HTTP_ACCEPT_LANGUAGE": language}, body)
    assert response.status_code == 422
    assert response.json()["errors"] == expected
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("language", "detail", "date_message"),
    [
        ("fi", "Pyynnön sisältö ei ole kelvollista JSONia.", "Anna päivämäärä muodossa VVVV-KK-PP."),
        ("sv", "Begärans innehåll är inte giltig JSON.", "Ange ett datum som ÅÅÅÅ-MM-DD."),
    ],
)
def test_contacts_api__malformed_json_and_bad_filters__in_the_users_language(
    client, desk, language, detail, date_message
):
    auth = {**bearer(desk.advisor), "HTTP_ACCEPT_LANGUAGE": language}
    response = client.post(URL, data="{not json", content_type="application/json", **auth)
    assert (response.status_code, response.json()) == (400, {"detail": detail})
    response = client.get(URL, {"date_from": "31.12.2026"}, **auth)
    assert response.status_code == 422
    assert response.json()["errors"] == {"date_from": [date_message]}


def test_post_contact__malformed_json__is_4xx_not_500(client, desk):
    response = client.post(URL, data="{not json", content_type="application/json", **bearer(desk.advisor))
    assert 400 <= response.status_code < 500


def test_post_contact__client_of_another_service_point__is_refused(client, desk):
    stranger = Client.objects.create(service_point=desk.other_point, given_names="Ahmed")
    response = post(client, bearer(desk.advisor), payload(desk, client=str(stranger.uuid)))
    assert response.status_code == 422
    assert "client" in response.json()["errors"]


def test_get_contacts__scoped_to_the_users_service_points(client, desk):
    mine = ContactFactory(service_point=desk.point)
    ContactFactory(service_point=desk.other_point)
    response = client.get(URL, **bearer(desk.advisor))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and [item["id"] for item in body["items"]] == [str(mine.uuid)]
    assert body["items"][0]["service_point"] == str(desk.point.uuid)


def test_get_contacts__filters_by_period_topic_language_channel_and_service_point(client, desk):
    now = timezone.now()
    match = ContactFactory(service_point=desk.point, language="so", channel="phone", topic_codes=["taxes"])
    ContactFactory(service_point=desk.point, language="so", channel="phone", topic_codes=["kela"])
    ContactFactory(service_point=desk.point, language="ar", channel="phone", topic_codes=["taxes"])
    ContactFactory(service_point=desk.point, language="so", channel="email", topic_codes=["taxes"])
    ContactFactory(
        service_point=desk.point,
        language="so",
        channel="phone",
        topic_codes=["taxes"],
        happened_at=now - timedelta(days=40),
    )
    today = timezone.localdate().isoformat()
    response = client.get(
        URL,
        {
            "date_from": (timezone.localdate() - timedelta(days=7)).isoformat(),
            "date_to": today,
            "topic": "taxes",
            "language": "so",
            "channel": "phone",
            "service_point": str(desk.point.uuid),
        },
        **bearer(desk.coordinator),
    )
    assert response.status_code == 200, response.content
    assert [item["id"] for item in response.json()["items"]] == [str(match.uuid)]


def test_get_contacts__service_point_of_others__is_403(client, desk):
    response = client.get(URL, {"service_point": str(desk.other_point.uuid)}, **bearer(desk.advisor))
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"topic": "astrology"}, "topic"),
        ({"language": "12"}, "language"),
        ({"channel": "fax"}, "channel"),
        ({"date_from": "2026-02-30"}, "date_from"),
        ({"date_from": "2026-03-01", "date_to": "2026-02-01"}, "date_to"),
        ({"page_size": "5000"}, "page_size"),
        ({"page": "0"}, "page"),
        ({"service_point": "x"}, "service_point"),
    ],
)
def test_get_contacts__bad_filter__is_422_per_field(client, desk, params, field):
    response = client.get(URL, params, **bearer(desk.advisor))
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]


def test_get_contacts__query_count_does_not_grow_with_page_size(client, desk, django_assert_max_num_queries):
    for _ in range(60):
        ContactFactory(service_point=desk.point, topic_codes=["kela", "work"])
    auth = bearer(desk.advisor)
    client.get(URL, **auth)  # the token's last use is stamped once a minute
    counts = []
    for size in (5, 50):
        with django_assert_max_num_queries(6) as captured:
            response = client.get(URL, {"page_size": size}, **auth)
        assert len(response.json()["items"]) == size
        assert response.json()["count"] == 60
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_get_contacts__beyond_the_count_limit__says_at_least(client, desk, monkeypatch):
    from kotopolku.contacts import api

    monkeypatch.setattr(api, "COUNT_LIMIT", 10)
    for _ in range(15):
        ContactFactory(service_point=desk.point)
    body = client.get(URL, {"page_size": 2}, **bearer(desk.advisor)).json()
    assert (body["count"], body["count_is_exact"]) == (10, False)
    body = client.get(URL, {"page_size": 20}, **bearer(desk.advisor)).json()
    assert (body["count"], body["count_is_exact"]) == (15, True)


def test_post_contact__a_network_role_links_only_clients_it_works_with(client, desk):
    from kotopolku.accounts.enums import Role
    from kotopolku.accounts.models import Membership
    from kotopolku.clients.services import client_team_add
    from kotopolku.organisations.models import Network

    network = Network.objects.create(name="Lapland", slug="lapland-api", lead=desk.point)
    network.service_points.set([desk.point, desk.other_point])
    expert = Membership.objects.create(user=desk.colleague, role=Role.PERMIT_EXPERT, network=network).user
    Membership.objects.filter(user=expert, service_point__isnull=False).delete()
    olena = Client.objects.create(service_point=desk.other_point, given_names="Olena")
    auth = bearer(expert)
    body = payload(desk, service_point=str(desk.other_point.uuid), client=str(olena.uuid))

    response = post(client, auth, body)
    assert response.status_code == 422
    assert "client" in json.dumps(response.json())
    assert not Contact.objects.exists()

    client_team_add(client=olena, user=expert, by=desk.outsider, reason="residence permit")
    response = post(client, auth, body)
    assert response.status_code == 201, response.content
    assert Contact.objects.get().client == olena


def test_post_contact__kemi_advisor_linking_a_rovaniemi_client__is_422_and_audited_as_denied(client, desk):
    rovaniemi_client = Client.objects.create(service_point=desk.point, given_names="Olena")
    body = payload(desk, service_point=str(desk.other_point.uuid), client=str(rovaniemi_client.uuid))
    response = post(client, bearer(desk.outsider), body)
    assert response.status_code == 422
    assert "client" in response.json()["errors"]
    assert not Contact.objects.exists()
    event = AuditEvent.objects.get(actor=desk.outsider, action="contacts.link_client")
    assert event.outcome == "denied"
    assert event.target_id == str(rovaniemi_client.uuid) and event.service_point_id == desk.point.id


def test_post_contact__unknown_client_uuid__is_422_and_audited_as_denied(client, desk):
    unknown = "00000000-0000-4000-8000-000000000000"
    response = post(client, bearer(desk.advisor), payload(desk, client=unknown))
    assert response.status_code == 422
    event = AuditEvent.objects.get(action="contacts.link_client")
    assert (event.outcome, event.target_id, event.details["found"]) == ("denied", unknown, False)
