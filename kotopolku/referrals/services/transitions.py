"""The referral's lifecycle: draft → sent → accepted | declined → completed, or cancelled or
revoked (``enums.TRANSITIONS``).

Every step goes through ``referral_transition``: it checks the lifecycle under a row lock
(a stale version is refused), writes the referral, records the step in the referral's history
(the sender and the client's timeline see it), writes the audit event and sends
``referral_status_changed`` (see ``signals.py`` for its arguments), all in one transaction.
The steps differ only in what ``STEPS`` says of them; sending adds the consent check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.permissions import can
from kotopolku.audit.services import audit_record
from kotopolku.core.versioning import versioned_update
from kotopolku.referrals.enums import TRANSITIONS, ReferralStatus
from kotopolku.referrals.models import MAX_NOTE_LENGTH, AnswerLink, Referral
from kotopolku.referrals.services.answer_links import answer_link_send
from kotopolku.referrals.services.common import add_event, clean_free_text
from kotopolku.referrals.services.consent import consent_in_force
from kotopolku.referrals.signals import referral_status_changed

CLOSING = frozenset(
    {ReferralStatus.COMPLETED, ReferralStatus.CANCELLED, ReferralStatus.REVOKED, ReferralStatus.DECLINED}
)


@dataclass(frozen=True)
class Step:
    """One answer or decision on a referral, besides sending it (audited as ``referrals.<step>``)."""

    to: ReferralStatus
    # The name of the step's text in messages and forms ("reason" or "note"), whether it is
    # required, and the referral's field that keeps it (besides the history row), if any.
    text_name: str
    text_required: bool
    text_field: str = ""
    # Accepting and declining are the partner's answer: the sender sees when it came.
    answers: bool = False


STEPS: dict[str, Step] = {
    "cancel": Step(ReferralStatus.CANCELLED, "reason", True, "cancel_reason"),
    # Take a sent or accepted referral back (the client withdrew consent, the need went away):
    # the partner no longer sees what it shared.
    "revoke": Step(ReferralStatus.REVOKED, "reason", True, "cancel_reason"),
    "accept": Step(ReferralStatus.ACCEPTED, "note", False, answers=True),
    "decline": Step(ReferralStatus.DECLINED, "reason", True, "decline_reason", answers=True),
    "complete": Step(ReferralStatus.COMPLETED, "note", True, "completion_note"),
}


def _transition(
    referral: Referral,
    *,
    to: ReferralStatus,
    by: Any,
    action: str,
    expected_version: int | None,
    changes: dict[str, Any] | None = None,
    note: str = "",
    label: str = "",
    details: dict[str, Any] | None = None,
) -> Referral:
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if to not in TRANSITIONS[locked.status]:
        raise ValidationError(
            {
                "status": _("The referral's status is %(status)s; this step is not possible now.")
                % {"status": locked.get_status_display()}
            }
        )
    old_status = locked.status
    all_changes: dict[str, Any] = {"status": to, **(changes or {})}
    if to in CLOSING:
        all_changes["closed_at"] = timezone.now()
    updated, _changed = versioned_update(locked, changes=all_changes, expected_version=expected_version)
    add_event(updated, to, by=by, label=label, note=note)
    audit_record(actor=by, action=action, target=updated, details={"status": str(to), **(details or {})})
    referral_status_changed.send(
        sender=Referral,
        referral=updated,
        status=str(to),
        old_status=str(old_status),
        new_status=str(to),
        source_type=updated.source_type,
        source_id=updated.source_id,
        by=by,
    )
    return updated


@transaction.atomic
def referral_transition(
    *,
    referral: Referral,
    step: str,
    by: Any,
    text: str = "",
    expected_version: int | None = None,
    label: str = "",
) -> Referral:
    """Take one of the ``STEPS`` (not sending: ``referral_send``). ``label`` names an actor
    without a login (the partner's address, answering through the e-mailed link)."""
    spec = STEPS[step]
    text = clean_free_text(text, field=spec.text_name, limit=MAX_NOTE_LENGTH, required=spec.text_required)
    changes: dict[str, Any] = {}
    if spec.text_field:
        changes[spec.text_field] = text
    if spec.answers:
        changes["answered_at"] = timezone.now()
    return _transition(
        referral,
        to=spec.to,
        by=by,
        action=f"referrals.{step}",
        expected_version=expected_version,
        changes=changes,
        note=text,
        label=label,
        details={"via": "answer_link"} if label else {},
    )


def referral_cancel(
    *, referral: Referral, by: Any, reason: str, expected_version: int | None = None
) -> Referral:
    return referral_transition(
        referral=referral, step="cancel", by=by, text=reason, expected_version=expected_version
    )


def referral_revoke(
    *, referral: Referral, by: Any, reason: str, expected_version: int | None = None
) -> Referral:
    return referral_transition(
        referral=referral, step="revoke", by=by, text=reason, expected_version=expected_version
    )


def referral_accept(
    *, referral: Referral, by: Any, expected_version: int | None = None, note: str = "", label: str = ""
) -> Referral:
    return referral_transition(
        referral=referral, step="accept", by=by, text=note, expected_version=expected_version, label=label
    )


def referral_decline(
    *, referral: Referral, by: Any, reason: str, expected_version: int | None = None, label: str = ""
) -> Referral:
    return referral_transition(
        referral=referral, step="decline", by=by, text=reason, expected_version=expected_version, label=label
    )


def referral_complete(
    *, referral: Referral, by: Any, note: str, expected_version: int | None = None
) -> Referral:
    return referral_transition(
        referral=referral, step="complete", by=by, text=note, expected_version=expected_version
    )


@transaction.atomic
def referral_send(
    *,
    referral: Referral,
    by: Any,
    expected_version: int | None = None,
    override_reason: str = "",
    base_url: str = "",
) -> Referral:
    """Send a draft to the partner. Refused without the client's consent to share data with
    that partner, unless a coordinator gives a written reason (audited with the send)."""
    override_reason = clean_free_text(override_reason, field="override_reason", limit=MAX_NOTE_LENGTH)
    changes: dict[str, Any] = {"sent_at": timezone.now()}
    details: dict[str, Any] = {}
    if not consent_in_force(client=referral.client, organisation=referral.organisation):
        if not override_reason:
            raise ValidationError(
                {
                    "organisation": _(
                        "The client has not consented to sharing data with this partner. Record the "
                        "consent first; only a coordinator may send without it, with a written reason."
                    )
                }
            )
        if not can(by, "referrals.override_consent", referral):
            raise ValidationError(
                {"override_reason": _("Only a coordinator may send a referral without the client's consent.")}
            )
        changes.update(consent_override_reason=override_reason, consent_override_by=by)
        details["consent_overridden"] = True
    updated = _transition(
        referral,
        to=ReferralStatus.SENT,
        by=by,
        action="referrals.send",
        expected_version=expected_version,
        changes=changes,
        note=override_reason,
        details=details,
    )
    if details.get("consent_overridden"):
        audit_record(
            actor=by,
            action="referrals.override_consent",
            target=updated,
            purpose="referral without the client's consent",
            details={"reason_length": len(override_reason)},
        )
    if base_url and not _partner_has_logins(updated.organisation_id) and updated.organisation.email:
        answer_link_send(referral=updated, email=updated.organisation.email, base_url=base_url, by=by)
    return updated


def _partner_has_logins(organisation_id: int) -> bool:
    return Membership.objects.filter(
        organisation_id=organisation_id, role=Role.PARTNER_STAFF, user__is_active=True
    ).exists()


@transaction.atomic
def answer_link_answer(*, link: AnswerLink, accept: bool, reason: str = "") -> Referral:
    """Accept or decline through the link; the link is then used up."""
    label = link.email
    if accept:
        referral = referral_accept(referral=link.referral, by=None, label=label)
    else:
        referral = referral_decline(referral=link.referral, by=None, reason=reason, label=label)
    AnswerLink.objects.filter(pk=link.pk).update(used_at=timezone.now())
    return referral
