from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kotopolku.audit.models import AuditEvent
from kotopolku.referrals.enums import ReferralStatus
from kotopolku.referrals.models import Referral
from kotopolku.referrals.tests.factories import SentReferralFactory

pytestmark = pytest.mark.django_db


def test_create_with_consent_now_and_send__partner_sees_it(client, world):
    client.force_login(world.advisor)
    url = reverse("referrals:create") + f"?client={world.client.uuid}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "organisation": str(world.kela.uuid),
            "reason": "Family benefit application",
            "message": "Prefers mornings",
            "shared_fields": ["name"],
            "consent_now": "on",
            "send_now": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    referral = Referral.objects.get()
    assert referral.status == ReferralStatus.SENT
    client.force_login(world.kela_staff)
    inbox = client.get(reverse("referrals:inbox"))
    assert world.point.name in inbox.content.decode()
    page = client.get(reverse("referrals:partner_detail", args=[referral.uuid])).content.decode()
    assert world.client.display_name in page and world.client.phone not in page


def test_create_without_consent__form_says_why_and_nothing_is_saved(client, world):
    client.force_login(world.advisor)
    url = reverse("referrals:create") + f"?client={world.client.uuid}"
    response = client.post(
        url,
        {"organisation": str(world.kela.uuid), "reason": "Benefits", "send_now": "on"},
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_detail__read_is_audited_and_outsider_denied(client, world):
    referral = SentReferralFactory(client=world.client, organisation=world.kela)
    client.force_login(world.advisor)
    assert client.get(reverse("referrals:detail", args=[referral.uuid])).status_code == 200
    assert AuditEvent.objects.filter(
        action="referrals.view", target_id=str(referral.uuid), outcome="done"
    ).exists()
    client.force_login(world.outsider)
    assert client.get(reverse("referrals:detail", args=[referral.uuid])).status_code == 403


def test_partner_declines_in_the_ui__reason_required(client, world):
    referral = SentReferralFactory(client=world.client, organisation=world.kela)
    client.force_login(world.kela_staff)
    url = reverse("referrals:partner_detail", args=[referral.uuid])
    assert client.post(url, {"step": "decline", "text": "", "version": 1}).status_code == 400
    assert client.post(url, {"step": "decline", "text": "Not ours", "version": 1}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED


def test_list_pages__query_counts(client, world, django_assert_max_num_queries):
    for _ in range(12):
        SentReferralFactory(client=world.client, organisation=world.kela)
    client.force_login(world.advisor)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("referrals:list")).status_code == 200
    client.force_login(world.kela_staff)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("referrals:inbox")).status_code == 200


def test_partner_without_login__answers_through_the_emailed_link_and_code(
    client, world, smtp_server, django_capture_on_commit_callbacks
):
    """Migri has no staff logins here: sending e-mails it a link; opening it asks for a code sent
    to the same address; with the code the partner sees the shared data and declines."""
    from kotopolku.accounts.models import Membership
    from kotopolku.referrals.tests.factories import ReferralFactory, SharingConsentFactory

    Membership.objects.filter(organisation=world.migri).delete()
    world.migri.email = "neuvonta@migri.example"
    world.migri.save()
    SharingConsentFactory(client=world.client, organisation=world.migri)
    referral = ReferralFactory(client=world.client, organisation=world.migri, shared_fields=["name"])
    client.force_login(world.advisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("referrals:step", args=[referral.uuid, "send"]), {"version": 1, "text": ""}
        )
    assert response.status_code == 302
    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["To"] == "neuvonta@migri.example"
    link = re.search(r"https?://\S+/referrals/answer/\S+/", smtp_server.bodies()[0]).group(0)
    path = link.split("testserver", 1)[1]
    anonymous = client.__class__()
    page = anonymous.get(path)
    assert page.status_code == 200 and world.client.display_name not in page.content.decode()
    assert anonymous.post(path, {"code": "000000"}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(path, {"send_code": "1"})
    assert len(smtp_server.messages) == 2
    code = re.search(r"\b(\d{6})\b", smtp_server.bodies()[1]).group(1)
    assert anonymous.post(path, {"code": code}).status_code == 302
    shown = anonymous.get(path).content.decode()
    assert world.client.display_name in shown
    assert anonymous.post(path, {"answer": "decline", "reason": ""}).status_code == 400
    assert (
        anonymous.post(path, {"answer": "decline", "reason": "Book via our own service"}).status_code == 200
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED and referral.opened_at is not None
    assert anonymous.get(path).status_code == 404  # the link is used up


def test_new_referral__find_the_client_first(client, world):
    client.force_login(world.advisor)
    page = client.get(reverse("referrals:create") + f"?q={world.client.given_names} Ivanova").content.decode()
    assert f"?client={world.client.uuid}" in page
    client.force_login(world.outsider)
    page = client.get(reverse("referrals:create") + f"?q={world.client.given_names} Ivanova").content.decode()
    assert str(world.client.uuid) not in page


def test_home__partner_sees_waiting_referrals_and_the_sender_the_unanswered_ones(client, world):
    from datetime import timedelta

    from django.utils import timezone

    referral = SentReferralFactory(client=world.client, organisation=world.kela)
    client.force_login(world.kela_staff)
    page = client.get(reverse("core:home")).content.decode()
    assert reverse("referrals:partner_detail", args=[referral.uuid]) in page
    Referral.objects.filter(pk=referral.pk).update(sent_at=timezone.now() - timedelta(days=9))
    client.force_login(world.advisor)
    page = client.get(reverse("core:home")).content.decode()
    assert reverse("referrals:detail", args=[referral.uuid]) in page
    client.force_login(world.migri_staff)
    assert str(referral.uuid) not in client.get(reverse("core:home")).content.decode()


def test_client_profile__refer_opens_the_new_referral_for_the_client(client, world):
    client.force_login(world.advisor)
    profile = client.get(reverse("clients:profile", args=[world.client.uuid]))
    target = f"{reverse('referrals:create')}?client={world.client.uuid}"
    assert target in profile.content.decode()
    form = client.get(target)
    assert form.status_code == 200 and world.client.display_name in form.content.decode()


def test_client_profile__no_refer_action_for_partner_staff(client, world):
    client.force_login(world.kela_staff)
    profile = client.get(reverse("clients:profile", args=[world.client.uuid]))
    assert reverse("referrals:create") not in profile.content.decode()
