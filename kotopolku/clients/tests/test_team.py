"""Network roles reach the clients of member service points only where they work with them: as the
responsible worker or on the client's team, which the client's own service point keeps."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.permissions import can, require, scope_condition
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent
from kotopolku.clients import services
from kotopolku.clients.matching.selectors import client_duplicate_candidates, client_search
from kotopolku.clients.matching.services import client_merge
from kotopolku.clients.models import Client, ClientTeamMember
from kotopolku.clients.selectors import client_list, client_timeline, clients_visible, retention_listing
from kotopolku.clients.tests.conftest import staff
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.clients.tests.matching_support import make_client
from kotopolku.organisations.tests.factories import NetworkFactory, ServicePointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lapland(rovaniemi, kemi):  # type: ignore[no-untyped-def]
    return NetworkFactory(lead=rovaniemi, members=[rovaniemi, kemi])


def network_member(network, role=Role.PERMIT_EXPERT, **kwargs):  # type: ignore[no-untyped-def]
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, role=role, network=network)
    return user


@pytest.fixture
def expert(lapland):  # type: ignore[no-untyped-def]
    return network_member(lapland, full_name="Leena Lupa", language="en")


@pytest.fixture
def nadia(kemi):  # type: ignore[no-untyped-def]
    return make_client(
        kemi,
        given_names_latin="Nadia",
        family_name_latin="Haddad",
        birth_year=1991,
        birth_month=5,
        birth_day=2,
    )


def logged_in(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def denied(user, action: str) -> bool:  # type: ignore[no-untyped-def]
    return AuditEvent.objects.filter(actor=user, action=action, outcome=Outcome.DENIED).exists()


# --- the rule ------------------------------------------------------------------------------------


def test_network_user__not_on_the_team__cannot_view_and_the_attempt_is_audited(expert, nadia):
    assert not can(expert, "clients.view", nadia)
    with pytest.raises(PermissionDenied):
        require(expert, "clients.view", nadia)
    assert denied(expert, "clients.view")
    assert list(clients_visible(user=expert)) == []


def test_network_user__added_then_removed__reaches_the_client_only_meanwhile(expert, kemi_advisor, nadia):
    member = services.client_team_add(client=nadia, user=expert, by=kemi_advisor, reason="permit renewal")
    assert can(expert, "clients.view", nadia) and can(expert, "clients.change", nadia)
    assert list(clients_visible(user=expert)) == [nadia]
    services.client_team_remove(member=member, by=kemi_advisor)
    assert not can(expert, "clients.view", nadia)
    assert list(clients_visible(user=expert)) == []
    member.refresh_from_db()
    assert member.removed_at is not None and member.removed_by == kemi_advisor
    actions = list(
        AuditEvent.objects.filter(target_id=str(nadia.uuid), actor=kemi_advisor)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["clients.team_add", "clients.team_remove"]
    # A new addition is a new row; the removed one stays on record.
    services.client_team_add(client=nadia, user=expert, by=kemi_advisor)
    assert ClientTeamMember.objects.filter(client=nadia, user=expert).count() == 2
    assert can(expert, "clients.view", Client.objects.get(pk=nadia.pk))


def test_network_user__as_responsible_worker__reaches_the_client(expert, nadia):
    nadia.responsible_worker = expert
    nadia.save()
    assert can(expert, "clients.view", nadia)
    assert list(clients_visible(user=expert)) == [nadia]


def test_team__does_not_widen_a_role(expert, kemi_advisor, nadia):
    """The permit expert on the team may view and correct, but not export or erase."""
    services.client_team_add(client=nadia, user=expert, by=kemi_advisor)
    assert not can(expert, "clients.export", nadia)
    assert not can(expert, "clients.erase", nadia)
    assert not can(expert, "clients.team", nadia)


def test_network_advisor__export__only_for_a_client_they_work_with(lapland, kemi_advisor, nadia):
    advisor = network_member(lapland, role=Role.ADVISOR)
    assert not can(advisor, "clients.export", nadia)
    services.client_team_add(client=nadia, user=advisor, by=kemi_advisor)
    assert can(advisor, "clients.export", nadia)


def test_direct_role__reaches_every_client_of_its_point_without_a_team(kemi_advisor, nadia, kemi):
    other = ClientFactory(service_point=kemi)
    assert can(kemi_advisor, "clients.view", nadia) and can(kemi_advisor, "clients.export", other)
    assert set(clients_visible(user=kemi_advisor)) == {nadia, other}


def test_direct_role_at_one_point_and_network_role__full_reach_there_team_reach_elsewhere(
    lapland, rovaniemi, kemi, kemi_advisor, nadia
):
    user = staff(Role.ADVISOR, rovaniemi)
    Membership.objects.create(user=user, role=Role.ADVISOR, network=lapland)
    at_home = ClientFactory(service_point=rovaniemi)
    ClientFactory(service_point=kemi)
    assert set(clients_visible(user=user)) == {at_home}
    services.client_team_add(client=nadia, user=user, by=kemi_advisor)
    assert set(clients_visible(user=user)) == {at_home, nadia}


def test_team__outside_the_users_reach__grants_nothing(expert, nadia):
    """A team row at a point the user no longer reaches (the network membership ended)."""
    ClientTeamMember.objects.create(client=nadia, user=expert, added_at=timezone.now())
    Membership.objects.filter(user=expert).delete()
    expert = type(expert).objects.get(pk=expert.pk)
    assert not can(expert, "clients.view", nadia)
    assert list(clients_visible(user=expert)) == []


def test_clients_visible__network_user__one_query_whatever_the_number_of_clients(
    expert, kemi_advisor, kemi, rovaniemi, django_assert_num_queries
):
    for index in range(12):
        client = ClientFactory(service_point=kemi if index % 2 else rovaniemi)
        if index % 3 == 0:
            ClientTeamMember.objects.create(client=client, user=expert, added_at=timezone.now())
            ClientTeamMember.objects.create(client=client, user=kemi_advisor, added_at=timezone.now())
    can(expert, "clients.view")  # the grants, loaded once per request
    with django_assert_num_queries(1):
        visible = list(client_list(user=expert))
    assert len(visible) == 4  # no row repeated for a client with several team members


def test_client_list_page__network_user__bounded_queries(client, expert, kemi, django_assert_max_num_queries):
    for client_record in ClientFactory.create_batch(15, service_point=kemi, family_name_latin="Tiimilainen"):
        ClientTeamMember.objects.create(client=client_record, user=expert, added_at=timezone.now())
    ClientFactory.create_batch(5, service_point=kemi, family_name_latin="Muukalainen")
    logged_in(client, expert)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("clients:list")).content.decode()
    assert body.count("Tiimilainen") == 15 and "Muukalainen" not in body


def test_scope_condition__agrees_with_can(expert, kemi_advisor, nadia, kemi, rovaniemi):
    services.client_team_add(client=nadia, user=expert, by=kemi_advisor)
    clients = [nadia, ClientFactory(service_point=kemi), ClientFactory(service_point=rovaniemi)]
    for action in ("clients.view", "clients.change", "clients.export"):
        in_scope = set(Client.objects.filter(scope_condition(expert, action)))
        assert in_scope == {c for c in clients if can(expert, action, Client.objects.get(pk=c.pk))}, action


def test_scope_of__equal_for_users_it_filters_alike__a_network_user_is_named(
    expert, kemi_advisor, nadia, kemi, lapland
):
    from kotopolku.accounts.permissions import scope_of

    colleague = staff(Role.ADVISOR, kemi, full_name="Kaisa Kollega")
    assert scope_of(kemi_advisor, "clients.view") == scope_of(colleague, "clients.view")
    assert scope_of(kemi_advisor, "clients.view").user_id is None
    other_expert = network_member(lapland, full_name="Outi Toinen")
    assert scope_of(expert, "clients.view").user_id == expert.pk
    assert scope_of(expert, "clients.view") != scope_of(other_expert, "clients.view")
    services.client_team_add(client=nadia, user=expert, by=kemi_advisor)
    condition = scope_of(expert, "clients.view").condition()
    assert list(Client.objects.filter(condition)) == list(
        Client.objects.filter(scope_condition(expert, "clients.view"))
    )
    assert list(Client.objects.filter(condition)) == [nadia]


# --- search and duplicates ------------------------------------------------------------------------


def test_search__network_user__finds_the_client_only_on_the_team(expert, kemi_advisor, nadia):
    assert client_search(user=expert, text="Nadia Haddad") == []
    services.client_team_add(client=nadia, user=expert, by=kemi_advisor)
    assert [m.client for m in client_search(user=expert, text="Nadia Haddad")] == [nadia]


def test_search__network_user__namesakes_they_may_not_see_do_not_crowd_out_their_client(
    expert, kemi_advisor, kemi, django_assert_max_num_queries
):
    """The lookup's caps count only the key rows the user may see: the client they work with is
    found among more namesakes than a key reads."""
    from kotopolku.clients.matching.selectors import BROAD_KEY_CAP

    for index in range(BROAD_KEY_CAP + 5):
        make_client(kemi, given_names_latin="Mohammed", family_name_latin=f"Nimi{index}", birth_year=1980)
    theirs = make_client(kemi, given_names_latin="Mohammed", family_name_latin="Oma", birth_year=1980)
    services.client_team_add(client=theirs, user=expert, by=kemi_advisor)
    can(expert, "clients.view")  # the grants, loaded once per request
    with django_assert_max_num_queries(3):
        found = [m.client for m in client_search(user=expert, text="Mohammed", limit=20)]
    assert found == [theirs]


def test_search_page__network_user__does_not_show_a_client_they_do_not_work_with(client, expert, nadia):
    response = logged_in(client, expert).get(reverse("clients:list"), {"q": "Nadia Haddad"})
    assert response.context["hits"] == []
    assert str(nadia.uuid) not in response.content.decode()


def test_duplicate_check__network_user__finds_the_client_only_on_the_team(expert, kemi_advisor, kemi, nadia):
    fields = {"given_names_latin": "Nadia", "family_name_latin": "Haddad", "birth_year": 1991}
    fields |= {"birth_month": 5, "birth_day": 2}
    assert client_duplicate_candidates(user=expert, service_point=kemi, **fields) == []
    services.client_team_add(client=nadia, user=expert, by=kemi_advisor)
    assert [m.client for m in client_duplicate_candidates(user=expert, service_point=kemi, **fields)] == [
        nadia
    ]


def test_registration_by_network_user__a_record_they_may_not_see__is_not_shown_or_hinted(
    client, expert, kemi, nadia
):
    """A likely duplicate the network user may not see leaks nothing, not even that it exists;
    the member point's staff find the pair on the record's "possible duplicates" and merge it."""
    logged_in(client, expert)
    data = {
        "gender": "not_told",
        "residence_basis": "unknown",
        "languages-TOTAL_FORMS": "0",
        "languages-INITIAL_FORMS": "0",
        "identifiers-TOTAL_FORMS": "0",
        "identifiers-INITIAL_FORMS": "0",
        "service_point": str(kemi.uuid),
        "given_names_latin": "Nadia",
        "family_name_latin": "Haddad",
        "birth_year": "1991",
        "birth_month": "5",
        "birth_day": "2",
    }
    fragment = client.get(
        reverse("clients:duplicates"),
        {"service_point": str(kemi.uuid), "given_names_latin": "Nadia", "family_name_latin": "Haddad"},
    )
    assert str(nadia.uuid) not in fragment.content.decode()
    response = client.post(reverse("clients:register"), data)
    assert response.status_code == 302
    registered = Client.objects.exclude(pk=nadia.pk).get(family_name_latin="Haddad")
    assert response.url == reverse("clients:profile", args=[registered.uuid])


def test_registration_by_network_user__puts_them_on_the_team(client, expert, kemi):
    response = logged_in(client, expert).post(
        reverse("clients:register"),
        {
            "gender": "not_told",
            "residence_basis": "unknown",
            "languages-TOTAL_FORMS": "0",
            "languages-INITIAL_FORMS": "0",
            "identifiers-TOTAL_FORMS": "0",
            "identifiers-INITIAL_FORMS": "0",
            "service_point": str(kemi.uuid),
            "given_names_latin": "Kofi",
            "family_name_latin": "Mensah",
        },
    )
    assert response.status_code == 302
    registered = Client.objects.get(family_name_latin="Mensah")
    assert registered.service_point == kemi
    assert ClientTeamMember.objects.current().filter(client=registered, user=expert).exists()
    assert AuditEvent.objects.filter(action="clients.team_add", target_id=str(registered.uuid)).exists()
    assert client.get(response.url).status_code == 200


def test_registration_by_direct_staff__adds_no_one_to_the_team(kemi_advisor, kemi):
    registered = services.client_register(
        service_point=kemi, fields={"family_name_latin": "X"}, by=kemi_advisor
    )
    assert not ClientTeamMember.objects.filter(client=registered).exists()


# --- pages ---------------------------------------------------------------------------------------


def test_profile_export_and_api__network_user_not_on_the_team__403_and_audited(client, expert, nadia):
    logged_in(client, expert)
    assert client.get(reverse("clients:profile", args=[nadia.uuid])).status_code == 403
    assert client.get(f"/api/v1/clients/{nadia.uuid}").status_code == 403
    assert client.post(reverse("clients:edit", args=[nadia.uuid]), {}).status_code == 403
    events = AuditEvent.objects.filter(actor=expert, outcome=Outcome.DENIED, target_id=str(nadia.uuid))
    assert set(events.values_list("action", flat=True)) == {"clients.view", "clients.change"}
    assert not AuditEvent.objects.filter(
        actor=expert, outcome=Outcome.DONE, target_id=str(nadia.uuid)
    ).exists()


def test_export__network_advisor_not_on_the_team__403_and_audited(client, lapland, nadia):
    advisor = network_member(lapland, role=Role.ADVISOR)
    logged_in(client, advisor)
    assert client.get(reverse("clients:export_json", args=[nadia.uuid])).status_code == 403
    assert denied(advisor, "clients.export")


def test_team_add_page__staff_of_the_point_brings_in_the_expert(client, kemi_advisor, expert, nadia):
    logged_in(client, kemi_advisor)
    profile = client.get(reverse("clients:profile", args=[nadia.uuid]))
    assert "Leena Lupa" in profile.content.decode()  # offered in the staff member list
    response = client.post(
        reverse("clients:team_add", args=[nadia.uuid]), {"user": str(expert.uuid), "reason": "permit renewal"}
    )
    assert response.status_code == 302
    member = ClientTeamMember.objects.current().get(client=nadia)
    assert (member.user, member.added_by, member.reason) == (expert, kemi_advisor, "permit renewal")
    body = client.get(reverse("clients:profile", args=[nadia.uuid])).content.decode()
    assert "Added to the client&#x27;s team" in body and "permit renewal" in body
    api = client.get(f"/api/v1/clients/{nadia.uuid}").json()
    assert api["team"] == [
        {
            "user": str(expert.uuid),
            "name": "Leena Lupa",
            "added_at": api["team"][0]["added_at"],
            "reason": "permit renewal",
        }
    ]
    logged_in(client, expert)
    assert client.get(reverse("clients:profile", args=[nadia.uuid])).status_code == 200


def test_team_form__lists_the_points_and_networks_staff_not_on_this_clients_team(
    kemi_advisor, expert, nadia, kemi
):
    from kotopolku.clients.team_forms import TeamMemberForm

    other = ClientFactory(service_point=kemi)
    stranger = staff(Role.ADVISOR, ServicePointFactory(), full_name="Vieras")
    services.client_team_add(client=nadia, user=expert, by=kemi_advisor)

    def offered(person):  # type: ignore[no-untyped-def]
        return [label for value, label in TeamMemberForm(client=person).fields["user"].choices if value]

    assert offered(nadia) == [f"Kalle Ohjaaja ({kemi_advisor.email})"]
    assert offered(other) == [f"Kalle Ohjaaja ({kemi_advisor.email})", f"Leena Lupa ({expert.email})"]
    assert all("Vieras" not in label for label in offered(other))
    form = TeamMemberForm({"user": str(expert.uuid)}, client=other)
    assert form.is_valid() and form.cleaned_data["user"] == expert
    assert not TeamMemberForm({"user": str(expert.uuid)}, client=nadia).is_valid()  # already on it
    assert not TeamMemberForm({"user": str(stranger.uuid)}, client=other).is_valid()


def test_team_add_page__someone_outside_the_point_and_its_networks__400_with_a_field_message(
    client, kemi_advisor, nadia
):
    stranger = staff(Role.PERMIT_EXPERT, ServicePointFactory())
    response = logged_in(client, kemi_advisor).post(
        reverse("clients:team_add", args=[nadia.uuid]), {"user": str(stranger.uuid)}
    )
    assert response.status_code == 400
    assert response.context["team_form"].errors["user"] == ["Choose a staff member from the list."]
    assert not ClientTeamMember.objects.exists()
    garbage = client.post(
        reverse("clients:team_add", args=[nadia.uuid]), {"user": "not-a-uuid", "reason": "x" * 300}
    )
    assert garbage.status_code == 400
    assert set(garbage.context["team_form"].errors) == {"user", "reason"}


def test_team_add_service__ineligible_or_twice__refused(kemi_advisor, expert, nadia):
    stranger = staff(Role.ADVISOR, ServicePointFactory())
    with pytest.raises(ValidationError):
        services.client_team_add(client=nadia, user=stranger, by=kemi_advisor)
    services.client_team_add(client=nadia, user=expert, by=kemi_advisor)
    with pytest.raises(ValidationError):
        services.client_team_add(client=nadia, user=expert, by=kemi_advisor)


def test_team_pages__network_user_cannot_change_the_team__403_and_audited(
    client, expert, kemi_advisor, nadia
):
    member = services.client_team_add(client=nadia, user=expert, by=kemi_advisor)
    logged_in(client, expert)
    body = client.get(reverse("clients:profile", args=[nadia.uuid])).content.decode()
    assert "Leena Lupa" in body and reverse("clients:team_add", args=[nadia.uuid]) not in body
    assert client.post(reverse("clients:team_remove", args=[nadia.uuid, member.uuid])).status_code == 403
    assert (
        client.post(reverse("clients:team_add", args=[nadia.uuid]), {"user": str(expert.uuid)}).status_code
        == 403
    )
    assert denied(expert, "clients.team")
    assert ClientTeamMember.objects.current().filter(pk=member.pk).exists()


def test_team_remove_page__removes_audits_and_shows_on_the_timeline(client, kemi_advisor, expert, nadia):
    member = services.client_team_add(client=nadia, user=expert, by=kemi_advisor)
    logged_in(client, kemi_advisor)
    response = client.post(reverse("clients:team_remove", args=[nadia.uuid, member.uuid]))
    assert response.status_code == 302
    assert client.post(reverse("clients:team_remove", args=[nadia.uuid, member.uuid])).status_code == 404
    titles = [entry.title for entry in client_timeline(client=nadia, user=kemi_advisor)]
    assert "Removed from the client's team" in titles and "Added to the client's team" in titles
    logged_in(client, expert)
    assert client.get(reverse("clients:profile", args=[nadia.uuid])).status_code == 403


# --- related work --------------------------------------------------------------------------------


def test_merge__the_team_follows_the_kept_record(kemi, kemi_advisor, expert, lapland):
    coordinator = staff(Role.COORDINATOR, kemi)
    keep = ClientFactory(service_point=kemi)
    remove = ClientFactory(service_point=kemi)
    services.client_team_add(client=remove, user=expert, by=kemi_advisor)
    client_merge(keep=keep, remove=remove, by=coordinator)
    assert can(expert, "clients.view", Client.objects.get(pk=keep.pk))


def test_merge__a_current_membership_survives_a_removed_one_on_the_kept_record(
    kemi, kemi_advisor, expert, lapland
):
    coordinator = staff(Role.COORDINATOR, kemi)
    keep = ClientFactory(service_point=kemi)
    remove = ClientFactory(service_point=kemi)
    earlier = services.client_team_add(client=keep, user=expert, by=kemi_advisor)
    services.client_team_remove(member=earlier, by=kemi_advisor)
    services.client_team_add(client=remove, user=expert, by=kemi_advisor)
    client_merge(keep=keep, remove=remove, by=coordinator)
    assert can(expert, "clients.view", Client.objects.get(pk=keep.pk))
    rows = ClientTeamMember.objects.filter(client=keep, user=expert)
    assert rows.count() == 2 and rows.filter(removed_at__isnull=True).count() == 1


def test_retention_listing__network_coordinator__only_clients_they_work_with(lapland, kemi, kemi_advisor):
    coordinator = network_member(lapland, role=Role.COORDINATOR)
    long_ago = timezone.now().replace(year=timezone.now().year - 30)
    due = [ClientFactory(service_point=kemi, status="closed", closed_at=long_ago) for _ in range(2)]
    services.client_team_add(client=due[0], user=coordinator, by=kemi_advisor)
    assert retention_listing(user=coordinator) == [due[0]]


def test_export_data__names_the_team(kemi_advisor, expert, nadia):
    services.client_team_add(client=nadia, user=expert, by=kemi_advisor)
    data = services.client_export(client=nadia, by=kemi_advisor)
    assert json.loads(json.dumps(data, default=str))["team"][0]["name"] == "Leena Lupa"


def test_profile__network_user_on_the_team__reads_whether_they_work_with_the_client_once(
    client, kemi_advisor, expert, nadia, django_assert_max_num_queries
):
    services.client_team_add(client=nadia, user=expert, by=kemi_advisor, reason="permit")
    logged_in(client, expert)
    client.get(reverse("clients:profile", args=[nadia.uuid]))
    # As an advisor's (12, see the case work profile test) and the team check once: the page's
    # own actions, the panels' and the other apps' actions no longer ask again.
    with django_assert_max_num_queries(13) as counted:
        response = client.get(reverse("clients:profile", args=[nadia.uuid]))
    assert response.status_code == 200
    team_checks = [
        query
        for query in counted.captured_queries
        if query["sql"].startswith('SELECT 1 AS "a" FROM "clients_clientteammember"')
    ]
    assert len(team_checks) == 1
