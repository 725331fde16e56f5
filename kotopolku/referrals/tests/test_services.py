from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kotopolku.audit.models import AuditEvent
from kotopolku.clients.selectors import client_timeline
from kotopolku.core.versioning import StaleVersion
from kotopolku.referrals import services
from kotopolku.referrals.enums import EventKind, ReferralStatus
from kotopolku.referrals.models import Referral
from kotopolku.referrals.signals import referral_status_changed
from kotopolku.referrals.tests.factories import ReferralFactory, SharingConsentFactory

pytestmark = pytest.mark.django_db


def _draft(world, **kwargs):
    data = services.ReferralData(
        client=world.client,
        organisation=world.kela,
        reason="Family benefit",
        message="Prefers mornings",
        **kwargs,
    )
    return services.referral_create(data=data, by=world.advisor)


def test_referral_send__without_consent__is_refused_and_nothing_changes(world):
    referral = _draft(world)
    with pytest.raises(ValidationError) as error:
        services.referral_send(referral=referral, by=world.advisor)
    assert "organisation" in error.value.message_dict
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DRAFT
    assert not AuditEvent.objects.filter(action="referrals.send").exists()


def test_referral_send__advisor_cannot_override_consent(world):
    referral = _draft(world)
    with pytest.raises(ValidationError) as error:
        services.referral_send(referral=referral, by=world.advisor, override_reason="Urgent")
    assert "override_reason" in error.value.message_dict


def test_referral_send__coordinator_overrides_with_a_written_reason__audited(world):
    referral = _draft(world)
    sent = services.referral_send(
        referral=referral, by=world.coordinator, override_reason="Client cannot sign; urgent"
    )
    assert sent.status == ReferralStatus.SENT
    assert sent.consent_override_by == world.coordinator
    assert AuditEvent.objects.filter(action="referrals.override_consent", target_id=str(sent.uuid)).exists()


def test_referral_lifecycle__each_step_recorded_audited_signalled_and_on_the_timeline(world):
    SharingConsentFactory(client=world.client, organisation=world.kela)
    heard = []
    arguments = []

    def listener(sender, referral, status, **kwargs):
        heard.append(status)
        arguments.append(kwargs)

    referral_status_changed.connect(listener)
    try:
        referral = _draft(
            world, source_type="casework.step", source_id="6f1c5b1e-1111-4a4a-9a9a-123456789abc"
        )
        referral = services.referral_send(referral=referral, by=world.advisor)
        services.referral_mark_opened(referral=referral, by=world.kela_staff)
        referral = services.referral_accept(referral=referral, by=world.kela_staff)
        referral = services.referral_complete(
            referral=referral, by=world.kela_staff, note="Application filed"
        )
    finally:
        referral_status_changed.disconnect(listener)
    assert heard == ["sent", "accepted", "completed"]
    assert [(a["old_status"], a["new_status"]) for a in arguments] == [
        ("draft", "sent"),
        ("sent", "accepted"),
        ("accepted", "completed"),
    ]
    assert {(a["source_type"], str(a["source_id"])) for a in arguments} == {
        ("casework.step", "6f1c5b1e-1111-4a4a-9a9a-123456789abc")
    }
    assert [a["by"] for a in arguments] == [world.advisor, world.kela_staff, world.kela_staff]
    kinds = list(referral.events.values_list("kind", flat=True))
    assert kinds == [
        EventKind.CREATED,
        EventKind.SENT,
        EventKind.OPENED,
        EventKind.ACCEPTED,
        EventKind.COMPLETED,
    ]
    for action in ("referrals.create", "referrals.send", "referrals.accept", "referrals.complete"):
        assert AuditEvent.objects.filter(action=action, target_id=str(referral.uuid)).exists(), action
    titles = [entry.title for entry in client_timeline(client=world.client, user=world.advisor)]
    assert any("Kela" in title for title in titles)


def test_referral_decline__needs_a_reason(world):
    referral = ReferralFactory(client=world.client, organisation=world.kela, status=ReferralStatus.SENT)
    with pytest.raises(ValidationError):
        services.referral_decline(referral=referral, by=world.kela_staff, reason="  ")
    declined = services.referral_decline(referral=referral, by=world.kela_staff, reason="Not our service")
    assert declined.status == ReferralStatus.DECLINED and declined.decline_reason == "Not our service"


def test_referral_transition__not_in_the_lifecycle__is_refused(world):
    referral = ReferralFactory(client=world.client, organisation=world.kela, status=ReferralStatus.DRAFT)
    with pytest.raises(ValidationError) as error:
        services.referral_accept(referral=referral, by=world.kela_staff)
    assert "status" in error.value.message_dict


def test_referral_transition__stale_version__is_refused(world):
    referral = ReferralFactory(client=world.client, organisation=world.kela, status=ReferralStatus.SENT)
    with pytest.raises(StaleVersion):
        services.referral_accept(referral=referral, by=world.kela_staff, expected_version=7)
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.SENT


@pytest.mark.parametrize("text", ["evil\u202etxt", "nul\x00byte"])
def test_referral_create__hostile_text__refused_per_field(world, text):
    with pytest.raises(ValidationError) as error:
        services.referral_create(
            data=services.ReferralData(client=world.client, organisation=world.kela, reason=text),
            by=world.advisor,
        )
    assert "reason" in error.value.message_dict


def test_shared_view__only_the_chosen_fields_and_nothing_after_revoking(world):
    referral = ReferralFactory(
        client=world.client, organisation=world.kela, status=ReferralStatus.SENT, shared_fields=["name"]
    )
    assert set(services.shared_view(referral)) == {"name"}
    referral = services.referral_revoke(referral=referral, by=world.advisor, reason="Consent withdrawn")
    assert services.shared_view(referral) == {}


def test_referral_status_changed__sent_on_every_transition_and_a_failing_receiver_undoes_it(world):
    """Cancel, revoke and decline (also through the answer link) signal their old and new
    status; a receiver that fails rolls the transition back with it."""
    SharingConsentFactory(client=world.client, organisation=world.kela)
    heard = []

    def listener(sender, referral, old_status, new_status, **kwargs):
        heard.append((old_status, new_status, kwargs["source_type"], kwargs["source_id"]))

    referral_status_changed.connect(listener)
    try:
        services.referral_cancel(referral=_draft(world), by=world.advisor, reason="Not needed")
        sent = services.referral_send(referral=_draft(world), by=world.advisor)
        services.referral_revoke(referral=sent, by=world.advisor, reason="Consent withdrawn")
        sent = services.referral_send(referral=_draft(world), by=world.advisor)
        services.referral_decline(referral=sent, by=None, reason="Full", label="kela@example.org")
    finally:
        referral_status_changed.disconnect(listener)
    assert heard == [
        ("draft", "cancelled", "", None),
        ("draft", "sent", "", None),
        ("sent", "revoked", "", None),
        ("draft", "sent", "", None),
        ("sent", "declined", "", None),
    ]

    def failing(sender, **kwargs):
        raise RuntimeError("the receiver failed")

    sent = services.referral_send(referral=_draft(world), by=world.advisor)
    referral_status_changed.connect(failing)
    try:
        with pytest.raises(RuntimeError):
            services.referral_accept(referral=sent, by=world.kela_staff)
    finally:
        referral_status_changed.disconnect(failing)
    sent.refresh_from_db()
    assert sent.status == ReferralStatus.SENT and not sent.events.filter(kind="accepted").exists()
