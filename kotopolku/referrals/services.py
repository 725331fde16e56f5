"""Writing referrals: create, send, answer, complete, cancel, revoke; the partner's consent.

Each transition is one service that checks the lifecycle, writes the referral under a row lock
(a stale version is refused), records the step in the referral's history, writes the audit
event and tells other apps (``referral_status_changed``), all in one transaction.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.permissions import can
from kotopolku.audit.services import audit_record
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.validators import validate_free_text
from kotopolku.core.versioning import versioned_update
from kotopolku.referrals.enums import TRANSITIONS, EventKind, ReferralStatus, SharedField
from kotopolku.referrals.models import (
    MAX_MESSAGE_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_REASON_LENGTH,
    AnswerLink,
    Referral,
    ReferralEvent,
    SharingConsent,
)
from kotopolku.referrals.signals import referral_status_changed

ANSWER_LINK_DAYS = 30
CODE_MINUTES = 15
MAX_CODE_ATTEMPTS = 5


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def clean_text(value: str, *, field: str, limit: int, required: bool = False) -> str:
    """Free text as stored, or ValidationError naming ``field``: no control or bidi characters."""
    text = (value or "").replace("\r\n", "\n").strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > limit:
        raise ValidationError({field: _("Give at most %(limit)d characters.") % {"limit": limit}})
    try:
        validate_free_text(text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return text


def actor_label(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return str(user.full_name or user.email)


# --- consent ---------------------------------------------------------------------------------


def consent_in_force(*, client: Any, organisation: Any) -> bool:
    return SharingConsent.objects.in_force().filter(client=client, organisation=organisation).exists()


@transaction.atomic
def sharing_consent_record(*, client: Any, organisation: Any, by: Any) -> SharingConsent:
    if client.status == ClientStatus.ANONYMISED:
        raise ValidationError(_("An anonymised record cannot be changed."))
    existing = SharingConsent.objects.in_force().filter(client=client, organisation=organisation).first()
    if existing is not None:
        return existing
    consent = SharingConsent.objects.create(
        client=client, organisation=organisation, given_at=timezone.now(), recorded_by=by
    )
    audit_record(
        actor=by,
        action="referrals.consent_record",
        target=client,
        purpose="consent",
        details={"consent": str(consent.uuid), "organisation": str(organisation.uuid)},
    )
    return consent


@transaction.atomic
def sharing_consent_withdraw(*, consent: SharingConsent, by: Any) -> SharingConsent:
    consent = SharingConsent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = by
        consent.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
        audit_record(
            actor=by,
            action="referrals.consent_withdraw",
            target=consent.client,
            purpose="consent",
            details={"consent": str(consent.uuid)},
        )
    return consent


# --- creating --------------------------------------------------------------------------------


@dataclass
class ReferralData:
    client: Any
    organisation: Any | None
    reason: str
    message: str = ""
    service: Any | None = None
    shared_fields: list[str] = field(default_factory=lambda: [SharedField.NAME])
    source_type: str = ""
    source_id: Any = None


def referral_errors(data: ReferralData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def collect(name: str, run: Any) -> Any:
        try:
            return run()
        except ValidationError as error:
            for messages in error.message_dict.values():
                errors.setdefault(name, []).extend(messages)
            return None

    data.reason = (
        collect(
            "reason", lambda: clean_text(data.reason, field="reason", limit=MAX_REASON_LENGTH, required=True)
        )
        or ""
    )
    data.message = (
        collect("message", lambda: clean_text(data.message, field="message", limit=MAX_MESSAGE_LENGTH)) or ""
    )
    if data.service is not None:
        if data.organisation is None:
            data.organisation = data.service.organisation
        elif data.service.organisation_id != data.organisation.pk:
            errors.setdefault("service", []).append(_("The service is not one of this partner's."))
    if data.organisation is None:
        errors.setdefault("organisation", []).append(_("Choose a partner organisation or a service."))
    elif not data.organisation.is_active:
        errors.setdefault("organisation", []).append(_("The partner organisation is no longer active."))
    unknown = [name for name in data.shared_fields if name not in SharedField.values]
    if unknown:
        errors.setdefault("shared_fields", []).append(_("Choose the shared data from the list."))
    if data.client.status != ClientStatus.ACTIVE:
        errors.setdefault("client", []).append(_("The client's case is not active."))
    return errors


@transaction.atomic
def referral_create(*, data: ReferralData, by: Any) -> Referral:
    """A draft referral of the client, at the client's service point (the caller checked
    ``referrals.create`` for the client)."""
    errors = referral_errors(data)
    if errors or data.organisation is None:
        raise ValidationError(errors)
    organisation = data.organisation
    referral = Referral.objects.create(
        service_point_id=data.client.service_point_id,
        client=data.client,
        organisation=organisation,
        service=data.service,
        reason=data.reason,
        message=data.message,
        shared_fields=sorted(set(data.shared_fields)),
        created_by=by,
        source_type=data.source_type[:64],
        source_id=data.source_id,
    )
    _event(referral, EventKind.CREATED, by=by)
    audit_record(
        actor=by,
        action="referrals.create",
        target=referral,
        details={"organisation": str(organisation.uuid), "shared": referral.shared_fields},
    )
    return referral


def _event(referral: Referral, kind: str, *, by: Any = None, label: str = "", note: str = "") -> None:
    ReferralEvent.objects.create(
        referral=referral, at=timezone.now(), kind=kind, actor_label=label or actor_label(by), note=note
    )


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
    now = timezone.now()
    all_changes: dict[str, Any] = {"status": to, **(changes or {})}
    if to in (
        ReferralStatus.COMPLETED,
        ReferralStatus.CANCELLED,
        ReferralStatus.REVOKED,
        ReferralStatus.DECLINED,
    ):
        all_changes["closed_at"] = now
    updated, _changed = versioned_update(locked, changes=all_changes, expected_version=expected_version)
    _event(updated, to, by=by, label=label, note=note)
    audit_record(
        actor=by,
        action=action,
        target=updated,
        details={"status": str(to), **(details or {})},
    )
    referral_status_changed.send(sender=Referral, referral=updated, status=str(to))
    return updated


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
    override_reason = clean_text(override_reason, field="override_reason", limit=MAX_NOTE_LENGTH)
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
def referral_cancel(
    *, referral: Referral, by: Any, reason: str, expected_version: int | None = None
) -> Referral:
    reason = clean_text(reason, field="reason", limit=MAX_NOTE_LENGTH, required=True)
    return _transition(
        referral,
        to=ReferralStatus.CANCELLED,
        by=by,
        action="referrals.cancel",
        expected_version=expected_version,
        changes={"cancel_reason": reason},
        note=reason,
    )


@transaction.atomic
def referral_revoke(
    *, referral: Referral, by: Any, reason: str, expected_version: int | None = None
) -> Referral:
    """Take a sent or accepted referral back (the client withdrew consent, the need went away):
    the partner no longer sees what it shared."""
    reason = clean_text(reason, field="reason", limit=MAX_NOTE_LENGTH, required=True)
    return _transition(
        referral,
        to=ReferralStatus.REVOKED,
        by=by,
        action="referrals.revoke",
        expected_version=expected_version,
        changes={"cancel_reason": reason},
        note=reason,
    )


@transaction.atomic
def referral_mark_opened(*, referral: Referral, by: Any, label: str = "") -> Referral:
    """Record the partner's first opening of the referral (the sender sees it)."""
    if referral.opened_at is not None:
        return referral
    updated = Referral.objects.filter(pk=referral.pk, opened_at__isnull=True).update(opened_at=timezone.now())
    if updated:
        _event(referral, EventKind.OPENED, by=by, label=label)
    referral.refresh_from_db()
    return referral


@transaction.atomic
def referral_accept(
    *, referral: Referral, by: Any, expected_version: int | None = None, note: str = "", label: str = ""
) -> Referral:
    note = clean_text(note, field="note", limit=MAX_NOTE_LENGTH)
    return _transition(
        referral,
        to=ReferralStatus.ACCEPTED,
        by=by,
        action="referrals.accept",
        expected_version=expected_version,
        changes={"answered_at": timezone.now()},
        note=note,
        label=label,
        details={"via": "answer_link"} if label else {},
    )


@transaction.atomic
def referral_decline(
    *, referral: Referral, by: Any, reason: str, expected_version: int | None = None, label: str = ""
) -> Referral:
    reason = clean_text(reason, field="reason", limit=MAX_NOTE_LENGTH, required=True)
    return _transition(
        referral,
        to=ReferralStatus.DECLINED,
        by=by,
        action="referrals.decline",
        expected_version=expected_version,
        changes={"answered_at": timezone.now(), "decline_reason": reason},
        note=reason,
        label=label,
        details={"via": "answer_link"} if label else {},
    )


@transaction.atomic
def referral_complete(
    *, referral: Referral, by: Any, note: str, expected_version: int | None = None
) -> Referral:
    note = clean_text(note, field="note", limit=MAX_NOTE_LENGTH, required=True)
    return _transition(
        referral,
        to=ReferralStatus.COMPLETED,
        by=by,
        action="referrals.complete",
        expected_version=expected_version,
        changes={"completion_note": note},
        note=note,
    )


@transaction.atomic
def referral_read_record(*, referral: Referral, by: Any, action: str = "referrals.view") -> None:
    """Audit a read of a referral (every read is: the sender's and the partner's)."""
    audit_record(actor=by, action=action, target=referral, purpose="referral")


@transaction.atomic
def referral_list_read_record(*, referrals: list[Referral], by: Any, action: str = "referrals.view") -> None:
    """Audit a list that shows referrals: one event naming every referral on the page."""
    if referrals:
        audit_record(
            actor=by,
            action=action,
            target_type="referrals.referral",
            purpose="referral",
            details={"list": [str(referral.uuid) for referral in referrals]},
        )


# --- answering by e-mail link ------------------------------------------------------------------


def answer_link_send(*, referral: Referral, email: str, base_url: str, by: Any) -> AnswerLink:
    """E-mail the partner a link to answer the referral; opening it asks for a one-time code
    sent to the same address, so a forwarded or leaked link alone does not open the referral."""
    token = secrets.token_urlsafe(32)
    link = AnswerLink.objects.create(
        referral=referral,
        email=email,
        token_hash=_hash(token),
        expires_at=timezone.now() + timedelta(days=ANSWER_LINK_DAYS),
    )
    url = f"{base_url.rstrip('/')}/referrals/answer/{token}/"
    sender = referral.service_point.name
    with translation.override("fi"):
        subject = _("A referral from %(sender)s") % {"sender": sender}
        body = _(
            "%(sender)s has sent %(partner)s a referral. Open it and answer through this link "
            "(valid for %(days)d days); it asks for a one-time code that we send to this "
            "address:\n\n%(url)s\n"
        ) % {"sender": sender, "partner": referral.organisation.name, "days": ANSWER_LINK_DAYS, "url": url}
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=False)
    )
    _event(referral, EventKind.LINK_SENT, by=by, note=email)
    audit_record(
        actor=by, action="referrals.link_send", target=referral, details={"to_domain": email.split("@")[-1]}
    )
    return link


def answer_link_get(token: str) -> AnswerLink | None:
    link = (
        AnswerLink.objects.select_related("referral", "referral__organisation", "referral__service_point")
        .filter(token_hash=_hash(token or ""), expires_at__gt=timezone.now(), used_at__isnull=True)
        .first()
    )
    return link


@transaction.atomic
def answer_link_send_code(*, link: AnswerLink) -> None:
    code = f"{secrets.randbelow(1_000_000):06d}"
    AnswerLink.objects.filter(pk=link.pk).update(
        code_hash=_hash(code),
        code_expires_at=timezone.now() + timedelta(minutes=CODE_MINUTES),
        code_attempts=0,
    )
    with translation.override("fi"):
        subject = _("Your one-time code")
        body = _("The one-time code to open the referral: %(code)s (valid for %(minutes)d minutes).") % {
            "code": code,
            "minutes": CODE_MINUTES,
        }
    email = link.email
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=False)
    )


@transaction.atomic
def answer_link_check_code(*, link: AnswerLink, code: str) -> bool:
    locked = AnswerLink.objects.select_for_update().get(pk=link.pk)
    if (
        not locked.code_hash
        or locked.code_expires_at is None
        or locked.code_expires_at < timezone.now()
        or locked.code_attempts >= MAX_CODE_ATTEMPTS
    ):
        return False
    if secrets.compare_digest(locked.code_hash, _hash((code or "").strip())):
        referral_mark_opened(referral=locked.referral, by=None, label=locked.email)
        audit_record(
            actor=None,
            action="referrals.partner_view",
            target=locked.referral,
            purpose="referral received",
            details={"via": "answer_link"},
        )
        return True
    locked.code_attempts += 1
    locked.save(update_fields=["code_attempts", "updated_at"])
    return False


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


def shared_view(referral: Referral) -> dict[str, Any]:
    """Only what the referral shares with the partner: the reason, the message and the chosen
    fields of the client (nothing of a revoked referral)."""
    client = referral.client
    shown: dict[str, Any] = {}
    if referral.status in (ReferralStatus.REVOKED, ReferralStatus.CANCELLED):
        return shown
    fields: Iterable[str] = referral.shared_fields
    if SharedField.NAME in fields:
        shown["name"] = client.display_name
    if SharedField.BIRTH_YEAR in fields:
        shown["birth_year"] = client.birth_year
    if SharedField.PHONE in fields:
        shown["phone"] = client.phone
    if SharedField.EMAIL in fields:
        shown["email"] = client.email
    if SharedField.LANGUAGES in fields:
        shown["languages"] = [language.language for language in client.languages.all()]
    return shown
