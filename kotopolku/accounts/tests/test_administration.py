from __future__ import annotations

import pytest
from django.urls import reverse

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.audit.models import AuditEvent
from kotopolku.contacts.models import Topic
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def point():
    return ServicePointFactory(name="International House Testi")


@pytest.fixture
def admin(client, point):
    user = UserFactory(full_name="Antti Admin")
    Membership.objects.create(user=user, role=Role.ADMINISTRATOR, service_point=point)
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return user


def test_users__administrator_creates_a_user_gives_a_role_ends_it_and_deactivates(client, admin, point):
    response = client.post(
        reverse("accounts:user_create"),
        {
            "user-full_name": "Uusi Neuvoja",
            "user-email": "Uusi@Example.test",
            "user-language": "sv",
            "user-is_active": "on",
        },
    )
    assert response.status_code == 302
    new = User.objects.get(email="uusi@example.test")
    assert (new.full_name, new.language, new.is_active, new.has_usable_password()) == (
        "Uusi Neuvoja",
        "sv",
        True,
        False,
    )
    client.post(
        reverse("accounts:membership_create", args=[new.uuid]),
        {"membership-role": "advisor", "membership-service_point": point.pk},
    )
    membership = Membership.objects.get(user=new)
    assert (membership.role, membership.service_point) == ("advisor", point)
    end_url = reverse("accounts:membership_remove", args=[new.uuid, membership.pk])
    assert client.post(end_url).status_code == 200  # asks first
    assert Membership.objects.filter(user=new).exists()
    assert client.post(end_url, {"confirmed": "1"}).status_code == 302
    assert not Membership.objects.filter(user=new).exists()
    client.post(
        reverse("accounts:user_edit", args=[new.uuid]),
        {
            "user-full_name": "Uusi Neuvoja",
            "user-email": "uusi@example.test",
            "user-language": "sv",
            "version": new.version,
        },
    )
    new.refresh_from_db()
    assert new.is_active is False  # the box left unticked deactivates
    actions = set(AuditEvent.objects.filter(actor=admin).values_list("action", flat=True))
    assert {"accounts.user_created", "accounts.membership_added", "accounts.membership_ended"} <= actions


def test_users__list_shows_only_the_administrators_service_points_in_bounded_queries(
    client, admin, point, django_assert_max_num_queries
):
    for n in range(20):
        Membership.objects.create(
            user=UserFactory(full_name=f"Oma {n}"), role=Role.ADVISOR, service_point=point
        )
    Membership.objects.create(
        user=UserFactory(full_name="Vieras"), role=Role.ADVISOR, service_point=ServicePointFactory()
    )
    with django_assert_max_num_queries(10):
        page = client.get(reverse("accounts:user_list")).content.decode()
    assert "Oma 19" in page and "Vieras" not in page
    stranger = User.objects.get(full_name="Vieras")
    assert client.get(reverse("accounts:user_edit", args=[stranger.uuid])).status_code == 403


def test_users__bad_input__messages_per_field_and_nothing_saved(client, admin):
    UserFactory(email="taken@example.test")
    response = client.post(
        reverse("accounts:user_create"),
        {"user-full_name": "", "user-email": "taken@example.test", "user-language": "xx"},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"full_name", "email", "language"}
    assert User.objects.count() == 2


def test_users__advisor__is_refused_and_audited(client, point):
    advisor = UserFactory()
    Membership.objects.create(user=advisor, role=Role.ADVISOR, service_point=point)
    client.force_login(advisor)
    assert client.get(reverse("accounts:user_list")).status_code == 403
    assert AuditEvent.objects.filter(actor=advisor, action="accounts.administer", outcome="denied").exists()


def test_topics__administrator_edits_names_and_retires_a_topic(client, admin):
    topic = Topic.objects.get(code="housing")
    response = client.post(
        reverse("contacts:topic_edit", args=[topic.pk]),
        {
            "name_fi": "Asuminen",
            "name_sv": "Boende",
            "name_en": "Housing and home",
            "order": 3,
            "version": topic.version,
        },
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert (topic.name_en, topic.active, topic.code) == ("Housing and home", False, "housing")
    assert AuditEvent.objects.filter(action="contacts.topic_changed", actor=admin).exists()
    bad = client.post(reverse("contacts:topic_create"), {"code": "no spaces", "name_fi": "", "order": "x"})
    assert bad.status_code == 400 and {"code", "name_fi", "name_sv", "name_en", "order"} <= set(
        bad.context["form"].errors
    )


def test_home__each_role_sees_its_own_panels(client, admin, point):
    page = client.get(reverse("core:home")).content.decode()
    assert "Users and code lists" in page and "Today at the desk" not in page
    advisor = UserFactory()
    Membership.objects.create(user=advisor, role=Role.ADVISOR, service_point=point)
    client.force_login(advisor)
    page = client.get(reverse("core:home")).content.decode()
    assert "Today at the desk" in page and "Your clients" in page and "Users and code lists" not in page
    coordinator = UserFactory()
    Membership.objects.create(user=coordinator, role=Role.COORDINATOR, service_point=point)
    client.force_login(coordinator)
    page = client.get(reverse("core:home")).content.decode()
    assert "Contacts today at your service points" in page and "Client data to check" in page
    partner = UserFactory()
    from kotopolku.organisations.tests.factories import OrganisationFactory

    Membership.objects.create(user=partner, role=Role.PARTNER_STAFF, organisation=OrganisationFactory())
    client.force_login(partner)
    page = client.get(reverse("core:home")).content.decode()
    assert 'class="kp-panel"' not in page  # no inbox until the referrals app adds one


def _form_fields(page: str) -> dict[str, str]:
    import re

    return dict(re.findall(r'<input type="hidden" name="(version|snapshot)" value="([^"]+)"', page))


def test_users__two_administrators_save_at_once__the_second_gets_409_with_their_change_and_keeps_theirs(
    client, admin, point
):
    edited = UserFactory(full_name="Aino Alku", email="aino@example.test")
    Membership.objects.create(user=edited, role=Role.ADVISOR, service_point=point)
    url = reverse("accounts:user_edit", args=[edited.uuid])
    hidden = _form_fields(client.get(url).content.decode())  # both opened the form at version 1
    fields = {"user-email": "aino@example.test", "user-language": "fi", "user-is_active": "on"}
    first = client.post(url, {**fields, **hidden, "user-full_name": "Aino Virtanen"})
    assert first.status_code == 302
    second = client.post(url, {**fields, **hidden, "user-full_name": "Aino Korhonen", "user-language": "sv"})
    assert second.status_code == 409
    page = second.content.decode()
    assert "Someone else saved this record" in page and "Aino Virtanen" in page
    edited.refresh_from_db()
    assert (edited.full_name, edited.language, edited.version) == ("Aino Virtanen", "fi", 2)
    form = second.context["form"]
    assert form.initial["language"] == "sv"  # the second administrator's own change kept in the form
    event = AuditEvent.objects.get(action="accounts.user_changed", target_id=str(edited.uuid))
    assert event.details == {"fields": ["full_name"], "version": 2}


def test_topics__stale_save__409_and_nothing_overwritten(client, admin):
    topic = Topic.objects.get(code="housing")
    url = reverse("contacts:topic_edit", args=[topic.pk])
    hidden = _form_fields(client.get(url).content.decode())
    names = {"name_fi": "Asuminen", "name_sv": "Boende", "order": 3, "active": "on"}
    assert client.post(url, {**names, **hidden, "name_en": "Housing and home"}).status_code == 302
    stale = client.post(url, {**names, **hidden, "name_en": "Homes"})
    assert stale.status_code == 409
    topic.refresh_from_db()
    assert topic.name_en == "Housing and home"
    assert client.post(url, {**names, "name_en": "Homes", "version": "garbage"}).status_code == 409
