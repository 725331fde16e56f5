from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kotopolku.audit.models import AuditEvent
from kotopolku.referrals.enums import ReferralStatus
from kotopolku.referrals.models import Referral
from kotopolku.referrals.tests.factories import ReferralFactory, SentReferralFactory, SharingConsentFactory

pytestmark = pytest.mark.django_db


def _json(response):
    return response.json()


def test_create_and_send__without_consent__422_per_field_nothing_sent(client, world):
    client.force_login(world.advisor)
    response = client.post(
        "/api/v1/referrals",
        {"client": str(world.client.uuid), "organisation": str(world.kela.uuid), "reason": "Benefits"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = _json(response)
    response = client.post(
        f"/api/v1/referrals/{body['id']}/send", {"version": body["version"]}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "organisation" in _json(response)["errors"]
    assert Referral.objects.get(uuid=body["id"]).status == ReferralStatus.DRAFT


def test_create__bad_fields__422_each_named_and_nothing_saved(client, world):
    client.force_login(world.advisor)
    response = client.post(
        "/api/v1/referrals",
        {"client": str(world.client.uuid), "reason": "Benefits", "shared_fields": ["passport"]},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 422
    errors = _json(response)["errors"]
    assert {"organisation", "shared_fields"} <= set(errors)
    # A control character is refused at the edge, before the other fields are looked at.
    response = client.post(
        "/api/v1/referrals",
        {"client": str(world.client.uuid), "organisation": str(world.kela.uuid), "reason": "x\u202e"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 422
    assert list(_json(response)["errors"]) == ["reason"]
    assert not Referral.objects.exists()


def test_send__stale_version__409(client, world):
    SharingConsentFactory(client=world.client, organisation=world.kela)
    referral = ReferralFactory(client=world.client, organisation=world.kela)
    client.force_login(world.advisor)
    response = client.post(
        f"/api/v1/referrals/{referral.uuid}/send", {}, content_type="application/json", HTTP_IF_MATCH='"5"'
    )
    assert response.status_code == 409
    response = client.post(
        f"/api/v1/referrals/{referral.uuid}/send", {}, content_type="application/json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200 and _json(response)["status"] == "sent"


def test_partner_inbox__shows_only_shared_data_and_records_opened(client, world):
    referral = SentReferralFactory(client=world.client, organisation=world.kela, shared_fields=["name"])
    client.force_login(world.kela_staff)
    listing = _json(client.get("/api/v1/partner/referrals"))
    assert [item["id"] for item in listing["items"]] == [str(referral.uuid)]
    assert listing["items"][0]["opened"] is False
    detail = _json(client.get(f"/api/v1/partner/referrals/{referral.uuid}"))
    assert detail["client"] == {"name": world.client.display_name}
    assert "phone" not in str(detail) and world.client.phone not in str(detail)
    referral.refresh_from_db()
    assert referral.opened_at is not None
    assert AuditEvent.objects.filter(action="referrals.partner_view", target_id=str(referral.uuid)).exists()
    # The sender sees it opened.
    client.force_login(world.advisor)
    sent = _json(client.get(f"/api/v1/referrals/{referral.uuid}"))
    assert sent["opened_at"] is not None and "opened" in [e["kind"] for e in sent["history"]]


def test_partner_of_another_organisation__403_and_nothing_in_their_inbox(client, world):
    referral = SentReferralFactory(client=world.client, organisation=world.kela)
    client.force_login(world.migri_staff)
    assert _json(client.get("/api/v1/partner/referrals"))["items"] == []
    assert client.get(f"/api/v1/partner/referrals/{referral.uuid}").status_code == 403
    assert (
        client.post(
            f"/api/v1/partner/referrals/{referral.uuid}/accept", {}, content_type="application/json"
        ).status_code
        == 403
    )


def test_partner_accepts_then_completes(client, world):
    referral = SentReferralFactory(client=world.client, organisation=world.kela)
    client.force_login(world.kela_staff)
    accepted = client.post(
        f"/api/v1/partner/referrals/{referral.uuid}/accept", {"version": 1}, content_type="application/json"
    )
    assert accepted.status_code == 200 and _json(accepted)["status"] == "accepted"
    missing_note = client.post(
        f"/api/v1/partner/referrals/{referral.uuid}/complete", {}, content_type="application/json"
    )
    assert missing_note.status_code == 422 and "note" in _json(missing_note)["errors"]
    done = client.post(
        f"/api/v1/partner/referrals/{referral.uuid}/complete",
        {"note": "Filed"},
        content_type="application/json",
    )
    assert _json(done)["status"] == "completed"


def test_other_service_point__403(client, world):
    referral = ReferralFactory(client=world.client, organisation=world.kela)
    client.force_login(world.outsider)
    assert client.get(f"/api/v1/referrals/{referral.uuid}").status_code == 403
    assert AuditEvent.objects.filter(actor=world.outsider, action="referrals.view", outcome="denied").exists()


def test_list__waiting_longer_than_days(client, world):
    old = SentReferralFactory(client=world.client, organisation=world.kela)
    Referral.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=10))
    SentReferralFactory(client=world.client, organisation=world.kela)
    client.force_login(world.advisor)
    waiting = _json(client.get("/api/v1/referrals?waiting_days=7"))
    assert [item["id"] for item in waiting["items"]] == [str(old.uuid)]


def test_lists__query_counts_do_not_grow_with_rows(client, world, django_assert_max_num_queries):
    for _ in range(15):
        SentReferralFactory(client=world.client, organisation=world.kela)
    client.force_login(world.advisor)
    # The page, the grants, and the audit event that names the referrals shown.
    with django_assert_max_num_queries(9):
        assert len(_json(client.get("/api/v1/referrals"))["items"]) == 15
    client.force_login(world.kela_staff)
    with django_assert_max_num_queries(9):
        assert len(_json(client.get("/api/v1/partner/referrals"))["items"]) == 15


def test_lists__every_referral_shown_is_in_the_audit_log(client, world):
    shown = SentReferralFactory(client=world.client, organisation=world.kela)
    client.force_login(world.kela_staff)
    client.get("/api/v1/partner/referrals")
    event = AuditEvent.objects.filter(actor=world.kela_staff, action="referrals.partner_view").latest("id")
    assert event.details["list"] == [str(shown.uuid)]
