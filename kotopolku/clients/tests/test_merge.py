"""Merging two records of one person: linked rows follow, empty fields fill, audited, scoped."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kotopolku.accounts.enums import Role
from kotopolku.audit.models import AuditEvent
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.matching.selectors import client_search
from kotopolku.clients.matching.services import client_merge
from kotopolku.clients.models import Client, ClientIdentifier, ClientLanguage, ClientNameKey
from kotopolku.clients.tests.matching_support import make_client, member
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def point():
    return ServicePointFactory()


@pytest.fixture
def advisor(point):
    return member(Role.ADVISOR, point, language="en")


@pytest.fixture
def keep(point):
    client = make_client(
        point, given_names_latin="Oleksandr", family_name_latin="Shevchenko", birth_year=1990, email=""
    )
    ClientLanguage.objects.create(client=client, language="uk", level="native")
    return client


@pytest.fixture
def remove(point):
    client = make_client(
        point,
        given_names="Александр",
        family_name="Шевченко",
        given_names_latin="Aleksandr",
        family_name_latin="Shevchenko",
        birth_year=1990,
        birth_month=5,
        phone="+358401112233",
        email="sasha@example.test",
    )
    ClientLanguage.objects.create(client=client, language="uk", level="C1")
    ClientLanguage.objects.create(client=client, language="ru", level="native")
    ClientIdentifier.objects.create(client=client, kind="passport", value="FA123456")
    return client


def test_client_merge__linked_rows_follow_and_duplicates_are_dropped(advisor, keep, remove):
    client_merge(keep=keep, remove=remove, by=advisor)
    assert sorted(keep.languages.values_list("language", "level")) == [("ru", "native"), ("uk", "native")]
    assert list(keep.identifiers.values_list("value", flat=True)) == ["FA123456"]
    assert not ClientLanguage.objects.filter(client=remove).exists()


def test_client_merge__every_foreign_key_to_client_follows(advisor, keep, remove):
    from kotopolku.contacts.tests.factories import ContactFactory

    contact = ContactFactory(service_point=keep.service_point, client=remove)
    client_merge(keep=keep, remove=remove, by=advisor)
    contact.refresh_from_db()
    assert contact.client_id == keep.pk
    for relation in Client._meta.related_objects:
        if relation.related_model is ClientNameKey or relation.many_to_many:
            continue
        manager = relation.related_model._default_manager
        if relation.related_model is Client:
            continue
        assert not manager.filter(**{relation.field.name: remove}).exists(), relation


def test_client_merge__fills_empty_fields_and_marks_the_removed_record(advisor, keep, remove):
    client_merge(keep=keep, remove=remove, by=advisor)
    keep.refresh_from_db()
    remove.refresh_from_db()
    assert (keep.given_names, keep.phone, keep.email) == ("Александр", "+358401112233", "sasha@example.test")
    assert (keep.given_names_latin, keep.birth_year) == ("Oleksandr", 1990)
    assert (remove.status, remove.merged_into_id) == (ClientStatus.MERGED, keep.pk)


def test_client_merge__keys_are_rebuilt(advisor, keep, remove):
    client_merge(keep=keep, remove=remove, by=advisor)
    assert not ClientNameKey.objects.filter(client=remove).exists()
    assert [m.client for m in client_search(user=advisor, text="040 111 2233")] == [keep]
    assert [m.client for m in client_search(user=advisor, text="FA123456")] == [keep]
    assert remove not in [m.client for m in client_search(user=advisor, text="Aleksandr Shevchenko")]


def test_client_merge__is_audited_with_both_uuids(advisor, keep, remove):
    client_merge(keep=keep, remove=remove, by=advisor)
    event = AuditEvent.objects.get(action="clients.merge")
    assert event.details["kept"] == str(keep.uuid)
    assert event.details["removed"] == str(remove.uuid)
    assert event.actor_id == advisor.pk
    assert "Shevchenko" not in str(event.details)


def test_client_merge__records_merged_earlier_point_to_the_kept_one(advisor, point, keep, remove):
    older = make_client(point, given_names_latin="Sasha", family_name_latin="Shevchenko")
    client_merge(keep=remove, remove=older, by=advisor)
    client_merge(keep=keep, remove=remove, by=advisor)
    older.refresh_from_db()
    assert older.merged_into_id == keep.pk


def test_client_merge__refuses_other_service_point_itself_and_merged(advisor, keep, remove):
    elsewhere = make_client(ServicePointFactory(), given_names_latin="Oleksandr")
    with pytest.raises(ValidationError):
        client_merge(keep=keep, remove=elsewhere, by=advisor)
    with pytest.raises(ValidationError):
        client_merge(keep=keep, remove=keep, by=advisor)
    client_merge(keep=keep, remove=remove, by=advisor)
    with pytest.raises(ValidationError):
        client_merge(keep=keep, remove=remove, by=advisor)


def test_client_merge__without_permission__denied_and_nothing_changes(point, keep, remove):
    expert = member(Role.PERMIT_EXPERT, point)  # may view, may not merge
    with pytest.raises(PermissionDenied):
        client_merge(keep=keep, remove=remove, by=expert)
    remove.refresh_from_db()
    assert remove.status == ClientStatus.ACTIVE


# --- views -----------------------------------------------------------------------------------


@pytest.fixture
def browser(client, advisor):
    client.force_login(advisor)
    return client


def test_merge_page__compares_side_by_side_and_audits_the_view(browser, keep, remove):
    response = browser.get(reverse("clients:merge", args=[keep.uuid, remove.uuid]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Oleksandr" in body and "Aleksandr" in body and "Александр" in body
    viewed = AuditEvent.objects.filter(action="clients.view", purpose="duplicate records")
    assert set(viewed.values_list("target_id", flat=True)) == {str(keep.uuid), str(remove.uuid)}


def test_merge_page__post_merges_and_redirects_to_the_kept_record(browser, keep, remove):
    response = browser.post(reverse("clients:merge", args=[keep.uuid, remove.uuid]))
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:profile", args=[keep.uuid])
    remove.refresh_from_db()
    assert remove.merged_into_id == keep.pk


def test_merge_page__another_service_points_record__denied_and_audited(browser, keep):
    other_point = ServicePointFactory()
    stranger = make_client(other_point, given_names_latin="Oleksandr", family_name_latin="Shevchenko")
    for method in ("get", "post"):
        response = getattr(browser, method)(reverse("clients:merge", args=[keep.uuid, stranger.uuid]))
        assert response.status_code == 403
    denied = AuditEvent.objects.filter(action="clients.merge", outcome="denied", target_id=str(stranger.uuid))
    assert denied.count() == 2
    stranger.refresh_from_db()
    assert stranger.status == ClientStatus.ACTIVE


def test_merge_page__user_who_may_only_view__is_denied(client, point, keep, remove):
    expert = member(Role.PERMIT_EXPERT, point)
    client.force_login(expert)
    response = client.post(reverse("clients:merge", args=[keep.uuid, remove.uuid]))
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action="clients.merge", outcome="denied").exists()


def test_merge_page__same_record_twice__explains_and_does_not_merge(browser, keep):
    response = browser.post(reverse("clients:merge", args=[keep.uuid, keep.uuid]))
    assert response.status_code == 400
    body = response.content.decode()
    assert "hds-notification--error" in body
    assert "Tietuetta ei voi yhdistää itseensä." in body or "cannot be merged with itself" in body
    keep.refresh_from_db()
    assert keep.status == ClientStatus.ACTIVE


def test_merge_page__unknown_uuid__404(browser, keep):
    response = browser.get(reverse("clients:merge", args=[keep.uuid, "00000000-0000-4000-8000-000000000000"]))
    assert response.status_code == 404


def test_duplicates_page__lists_duplicates_with_merge_links(
    browser, keep, remove, django_assert_max_num_queries
):
    url = reverse("clients:client_duplicates", args=[keep.uuid])
    with django_assert_max_num_queries(20):
        response = browser.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("clients:merge", args=[keep.uuid, remove.uuid]) in body


def test_duplicates_fragment__for_the_registration_form(browser, point, remove):
    params = {
        "given_names_latin": "Oleksandr",
        "family_name_latin": "Shevchenko",
        "birth_year": "1990",
        "service_point": str(point.uuid),
    }
    response = browser.get(reverse("clients:duplicates"), params, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert reverse("clients:profile", args=[remove.uuid]) in body


@pytest.mark.parametrize(
    "params",
    [
        {"given_names": "x" * 10_000, "birth_year": "abc", "birth_month": "99", "birth_day": "-1"},
        {"family_name": "\x00\u202e<script>", "phone": "()()", "personal_identity_code": "\x00" * 50},
        {"service_point": "not-a-uuid", "given_names": "Aleksandr"},
        {"service_point": "00000000-0000-4000-8000-000000000000", "given_names": "Aleksandr"},
        {},
    ],
)
def test_duplicates_fragment__bad_input__empty_fragment_not_500(browser, remove, params):
    response = browser.get(reverse("clients:duplicates"), params)
    assert response.status_code == 200
    assert reverse("clients:profile", args=[remove.uuid]) not in response.content.decode()


def test_duplicates_fragment__anonymous__redirected_to_login(client):
    response = client.get(reverse("clients:duplicates"))
    assert response.status_code == 302
