from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.audit.models import AuditEvent
from kotopolku.clients.models import Client
from kotopolku.contacts.models import ClientGroup, Contact, Topic
from kotopolku.contacts.tests.factories import ContactFactory
from kotopolku.organisations.models import Network
from kotopolku.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

DESK = reverse("contacts:desk")


def form_data(**overrides):
    values = {
        "channel": "phone",
        "language": "ru",
        "interpreter": "none",
        "topics": ["housing", "kela"],
        "client_group": "work",
        "duration_minutes": "12",
        "outcome": "guided",
        "note": "",
        "happened_at": "",
    }
    values.update(overrides)
    return values


def test_desk__log_a_contact__saves_it_and_returns_to_an_empty_form(client, desk):
    client.force_login(desk.advisor)
    response = client.post(DESK, form_data(), follow=True)
    contact = Contact.objects.get()
    assert (contact.service_point, contact.logged_by, contact.channel, contact.language) == (
        desk.point,
        desk.advisor,
        "phone",
        "ru",
    )
    assert contact.client_group.code == "work" and contact.is_anonymous
    html = response.content.decode()
    assert "The contact was saved" in html or "Asiointi tallennettiin" in html
    assert 'name="channel" autofocus' in html or "autofocus" in html.split('name="channel"')[1].split(">")[0]


def test_desk__defaults_channel_and_language_to_the_advisors_last_entry(client, desk):
    ContactFactory(service_point=desk.point, logged_by=desk.advisor, channel="video", language="ar")
    ContactFactory(service_point=desk.point, logged_by=desk.colleague, channel="email", language="so")
    client.force_login(desk.advisor)
    form = client.get(DESK).context["form"]
    assert (form.initial["channel"], form.initial["language"]) == ("video", "ar")


def test_desk__lists_only_the_advisors_contacts_of_today(client, desk):
    mine = ContactFactory(service_point=desk.point, logged_by=desk.advisor)
    ContactFactory(
        service_point=desk.point, logged_by=desk.advisor, happened_at=timezone.now() - timedelta(days=2)
    )
    ContactFactory(service_point=desk.point, logged_by=desk.colleague)
    client.force_login(desk.advisor)
    assert client.get(DESK).context["today"] == [mine]


def test_desk__page_needs_at_most_ten_queries(client, desk, django_assert_max_num_queries):
    OrganisationFactory.create_batch(5)
    for _ in range(20):
        ContactFactory(
            service_point=desk.point, logged_by=desk.advisor, topic_codes=["kela", "taxes", "work"]
        )
    client.force_login(desk.advisor)
    with django_assert_max_num_queries(10):
        response = client.get(DESK)
    assert len(response.context["today"]) == 20


def test_desk__network_role__chooses_the_service_point_within_ten_queries(
    client, desk, django_assert_max_num_queries
):
    network = Network.objects.create(name="Lapland", slug="lapland", lead=desk.point)
    network.service_points.set([desk.point, desk.other_point])
    expert = Membership.objects.create(user=desk.colleague, role=Role.PERMIT_EXPERT, network=network).user
    Membership.objects.filter(user=expert, service_point__isnull=False).delete()
    client.force_login(expert)
    with django_assert_max_num_queries(10):
        response = client.get(DESK)
    assert "service_point" in response.context["form"].fields
    client.post(DESK, form_data(service_point=str(desk.other_point.uuid)))
    assert Contact.objects.get().service_point == desk.other_point


def test_desk__invalid_input__is_400_with_messages_and_nothing_saved(client, desk):
    client.force_login(desk.advisor)
    response = client.post(
        DESK,
        form_data(
            topics=[], duration_minutes="-3", note="\u202eevil", language="klingon", channel="<b>x</b>"
        ),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"topics", "duration_minutes", "language", "channel"} <= set(errors)
    assert not Contact.objects.exists()


def test_desk__hostile_note__is_refused_with_a_field_message(client, desk):
    client.force_login(desk.advisor)
    response = client.post(DESK, form_data(note="Soita \u202etakaisin"))
    assert response.status_code == 400
    assert "note" in response.context["form"].errors
    assert not Contact.objects.exists()


def test_desk__linked_client__only_of_the_same_service_point(client, desk):
    own = Client.objects.create(service_point=desk.point, given_names="Olena")
    foreign = Client.objects.create(service_point=desk.other_point, given_names="Ahmed")
    client.force_login(desk.advisor)
    response = client.get(DESK, {"client": str(own.uuid)})
    assert response.context["client"] == own
    client.post(DESK, form_data(client=str(own.uuid)))
    assert Contact.objects.get().client == own
    response = client.post(DESK, form_data(client=str(foreign.uuid)))
    assert response.status_code == 400
    assert Contact.objects.count() == 1


def test_desk__saving_a_contact__needs_a_fixed_number_of_queries(client, desk, django_assert_num_queries):
    # Session, user, grants, both code lists (one query), then in one transaction the contact,
    # its topics, the day tallies of the desk statistics (one upsert) and the audit event (on
    # PostgreSQL the audit chain's advisory lock goes in one round trip with the read of the
    # last hash).
    client.force_login(desk.advisor)
    client.post(DESK, form_data())
    with django_assert_num_queries(11):
        response = client.post(DESK, form_data(topics=["work", "kela", "taxes"]))
    assert response.status_code == 302
    latest = Contact.objects.latest("id")
    assert sorted(latest.topics.values_list("code", flat=True)) == ["kela", "taxes", "work"]
    assert latest.client_group.code == "work" and latest.service_point == desk.point
    assert AuditEvent.objects.filter(action="contacts.log", target_id=str(latest.uuid)).exists()


def test_desk__inactive_code_list_entries__are_refused(client, desk):
    Topic.objects.filter(code="kela").update(active=False)
    ClientGroup.objects.filter(code="work").update(active=False)
    client.force_login(desk.advisor)
    response = client.post(DESK, form_data())
    assert response.status_code == 400
    assert {"topics", "client_group"} <= set(response.context["form"].errors)
    assert not Contact.objects.exists()
    html = client.get(DESK).content.decode()
    assert 'value="kela"' not in html and 'value="housing"' in html


def test_desk__opened_for_a_client__is_an_audited_read(client, desk):
    own = Client.objects.create(service_point=desk.point, given_names="Olena")
    client.force_login(desk.advisor)
    response = client.get(DESK, {"client": str(own.uuid)})
    assert response.status_code == 200 and response.context["client"] == own
    read = AuditEvent.objects.get(action="clients.view", target_id=str(own.uuid))
    assert (read.actor, read.outcome, read.purpose) == (desk.advisor, "done", "desk contact")
    assert read.service_point_id == desk.point.pk


def test_desk__opened_for_a_client_of_another_service_point__is_403_and_audited(client, desk):
    foreign = Client.objects.create(service_point=desk.other_point, given_names="Ahmed")
    client.force_login(desk.advisor)
    response = client.get(DESK, {"client": str(foreign.uuid)})
    assert response.status_code == 403
    assert "Ahmed" not in response.content.decode()
    denied = AuditEvent.objects.get(target_id=str(foreign.uuid))
    assert (denied.actor, denied.action, denied.outcome) == (desk.advisor, "clients.view", "denied")


@pytest.mark.parametrize("value", ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "1 OR 1=1"])
def test_desk__opened_for_an_unknown_client__is_404(client, desk, value):
    client.force_login(desk.advisor)
    assert client.get(DESK, {"client": value}).status_code == 404
    assert not AuditEvent.objects.filter(action="clients.view").exists()


def test_desk__form_shown_again_with_a_linked_client__audits_the_read(client, desk):
    own = Client.objects.create(service_point=desk.point, given_names="Olena")
    client.force_login(desk.advisor)
    response = client.post(DESK, form_data(client=str(own.uuid), topics=[]))
    assert response.status_code == 400 and response.context["client"] == own
    assert AuditEvent.objects.filter(action="clients.view", target_id=str(own.uuid), outcome="done").exists()
    assert not Contact.objects.exists()


def test_desk__partner_staff__is_forbidden_and_audited(client, desk):
    partner_user = desk.outsider
    Membership.objects.filter(user=partner_user).update(
        role=Role.PARTNER_STAFF, service_point=None, organisation=OrganisationFactory()
    )
    client.force_login(partner_user)
    assert client.get(DESK).status_code == 403
    assert AuditEvent.objects.filter(actor=partner_user, action="contacts.log", outcome="denied").exists()


def test_edit__own_contact_within_seven_days__is_saved_and_audited(client, desk):
    contact = ContactFactory(service_point=desk.point, logged_by=desk.advisor)
    client.force_login(desk.advisor)
    url = reverse("contacts:edit", args=[contact.uuid])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(duration_minutes="45", happened_at="", version="1"))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.duration_minutes == 45
    assert AuditEvent.objects.filter(action="contacts.edit_own", target_id=str(contact.uuid)).exists()


def test_edit__a_language_the_desk_does_not_offer__stays_a_choice_of_that_contact_only(client, desk):
    # Logged through the API in Icelandic, which the desk's list does not offer.
    contact = ContactFactory(service_point=desk.point, logged_by=desk.advisor, language="is")
    client.force_login(desk.advisor)
    url = reverse("contacts:edit", args=[contact.uuid])
    assert 'value="is" selected' in client.get(url).content.decode()
    assert client.post(url, form_data(language="is", duration_minutes="20", version="1")).status_code == 302
    contact.refresh_from_db()
    assert (contact.language, contact.duration_minutes) == ("is", 20)
    response = client.post(DESK, form_data(language="is"))
    assert response.status_code == 400 and "language" in response.context["form"].errors
    assert 'value="is"' not in client.get(DESK).content.decode()


def test_desk__language_list__is_named_in_the_users_language(client, desk):
    client.force_login(desk.advisor)
    html = client.get(DESK, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="uk">Ukrainian (uk)</option>' in html
    html = client.get(DESK, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert '<option value="uk">Ukrainska (uk)</option>' in html


def test_edit__own_contact_after_seven_days__is_forbidden(client, desk):
    contact = ContactFactory(service_point=desk.point, logged_by=desk.advisor)
    Contact.objects.filter(pk=contact.pk).update(created_at=timezone.now() - timedelta(days=8))
    client.force_login(desk.advisor)
    url = reverse("contacts:edit", args=[contact.uuid])
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(duration_minutes="45")).status_code == 403
    contact.refresh_from_db()
    assert contact.duration_minutes == 10


def test_edit__colleagues_contact__is_forbidden(client, desk):
    contact = ContactFactory(service_point=desk.point, logged_by=desk.colleague)
    client.force_login(desk.advisor)
    assert client.get(reverse("contacts:edit", args=[contact.uuid])).status_code == 403


def test_edit__coordinator_corrects_an_old_contact_of_someone_else(client, desk):
    contact = ContactFactory(service_point=desk.point, logged_by=desk.advisor)
    Contact.objects.filter(pk=contact.pk).update(created_at=timezone.now() - timedelta(days=30))
    client.force_login(desk.coordinator)
    response = client.post(
        reverse("contacts:edit", args=[contact.uuid]), form_data(outcome="referred", version="1")
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.outcome == "referred"
    assert AuditEvent.objects.filter(action="contacts.correct", actor=desk.coordinator).exists()


def test_edit__contact_of_another_service_point__is_forbidden_even_for_a_coordinator(client, desk):
    contact = ContactFactory(service_point=desk.other_point)
    client.force_login(desk.coordinator)
    assert client.get(reverse("contacts:edit", args=[contact.uuid])).status_code == 403


def test_edit__unknown_uuid__is_404(client, desk):
    client.force_login(desk.coordinator)
    assert client.get("/contacts/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_remove__coordinator__deletes_and_records_it(client, desk):
    contact = ContactFactory(service_point=desk.point, logged_by=desk.advisor)
    client.force_login(desk.coordinator)
    url = reverse("contacts:remove", args=[contact.uuid])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Contact.objects.exists()
    assert AuditEvent.objects.filter(action="contacts.delete", target_id=str(contact.uuid)).exists()


def test_remove__advisor__is_forbidden_even_for_own_contact(client, desk):
    contact = ContactFactory(service_point=desk.point, logged_by=desk.advisor)
    client.force_login(desk.advisor)
    assert client.post(reverse("contacts:remove", args=[contact.uuid])).status_code == 403
    assert Contact.objects.exists()


def test_list__filters_and_needs_a_fixed_number_of_queries(client, desk, django_assert_max_num_queries):
    for _ in range(30):
        ContactFactory(service_point=desk.point, language="ru", topic_codes=["kela", "work"])
    ContactFactory(service_point=desk.point, language="so", channel="phone", topic_codes=["taxes"])
    ContactFactory(service_point=desk.other_point, language="so")
    client.force_login(desk.coordinator)
    url = reverse("contacts:list")
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.context["page"].paginator.count == 31
    response = client.get(url, {"language": "so", "topic": "taxes", "channel": "phone"})
    assert response.context["page"].paginator.count == 1
    assert client.get(url, {"date_from": "not-a-date"}).status_code == 400


def test_desk__network_role__links_only_a_client_it_works_with(client, desk):
    """A role held through a network reaches a member point's clients only where it works with
    them; a client it may not see is refused like an unknown one, and nothing is saved."""
    network = Network.objects.create(name="Lapland", slug="lapland-link", lead=desk.point)
    network.service_points.set([desk.point, desk.other_point])
    expert = Membership.objects.create(user=desk.colleague, role=Role.PERMIT_EXPERT, network=network).user
    Membership.objects.filter(user=expert, service_point__isnull=False).delete()
    stranger = Client.objects.create(service_point=desk.other_point, given_names="Olena")
    own = Client.objects.create(
        service_point=desk.other_point, given_names="Amina", responsible_worker=expert
    )
    client.force_login(expert)
    point = str(desk.other_point.uuid)

    response = client.post(DESK, form_data(service_point=point, client=str(stranger.uuid)))
    assert response.status_code == 400
    assert "client" in response.context["form"].errors
    assert not Contact.objects.exists()

    client.post(DESK, form_data(service_point=point, client=str(own.uuid)))
    assert Contact.objects.get().client == own


def test_edit__stale_save__lists_their_change_and_keeps_mine_on_top(client, desk):
    from kotopolku.contacts.conflicts import contact_snapshot
    from kotopolku.contacts.services import ContactData, contact_update
    from kotopolku.core.versioning import snapshot_sign

    contact = ContactFactory(service_point=desk.point, logged_by=desk.advisor)
    client.force_login(desk.advisor)
    url = reverse("contacts:edit", args=[contact.uuid])
    page = client.get(url).content.decode()
    assert 'name="version" value="1"' in page
    snapshot = snapshot_sign(contact_snapshot(contact))
    stored = Contact.objects.get(pk=contact.pk)
    contact_update(
        contact=stored,
        data=ContactData(
            channel=stored.channel,
            language=stored.language,
            topics=list(stored.topics.all()),
            duration_minutes=stored.duration_minutes,
            outcome="referred",
            client_group=stored.client_group,
            note="",
        ),
        by=desk.coordinator,
        as_action="contacts.correct",
    )
    initial = {"channel": stored.channel, "language": stored.language, "outcome": contact.outcome}
    topics = [topic.code for topic in stored.topics.all()]
    group = stored.client_group.code if stored.client_group else ""
    response = client.post(
        url,
        form_data(
            **initial,
            topics=topics,
            client_group=group,
            duration_minutes="45",
            version="1",
            snapshot=snapshot,
        ),
    )
    assert response.status_code == 409
    text = response.content.decode()
    rows = response.context["conflict_rows"]
    assert [(row.label, row.you_changed) for row in rows] == [("Tulos", False)]
    assert 'id="conflict-heading"' in text
    assert 'name="version" value="2"' in text
    assert (
        response.context["form"].initial["duration_minutes"] == "45"
        or response.context["form"].initial["duration_minutes"] == 45
    )
    assert response.context["form"].initial["outcome"] == "referred"
    contact.refresh_from_db()
    assert (contact.outcome, contact.duration_minutes, contact.version) == ("referred", 10, 2)


def test_desk__kemi_advisor_linking_a_rovaniemi_client__is_a_field_error_audited_as_denied(client, desk):
    rovaniemi_client = Client.objects.create(service_point=desk.point, given_names="Olena")
    client.force_login(desk.outsider)
    response = client.post(DESK, form_data(client=str(rovaniemi_client.uuid)))
    assert response.status_code == 400
    assert "client" in response.context["form"].errors
    assert not Contact.objects.exists()
    event = AuditEvent.objects.get(actor=desk.outsider, outcome="denied")
    assert (event.action, event.target_type, event.target_id) == (
        "contacts.link_client",
        "clients.client",
        str(rovaniemi_client.uuid),
    )
    # Rovaniemi's own audit log shows the attempt on its client.
    assert event.service_point_id == desk.point.id
