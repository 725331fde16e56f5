from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotopolku.core.models import PublicIdModel, ServicePointScopedModel
from kotopolku.core.versioning import VersionedModel
from kotopolku.referrals.enums import EventKind, ReferralStatus

MAX_REASON_LENGTH = 2000
MAX_MESSAGE_LENGTH = 4000
MAX_NOTE_LENGTH = 2000


def _staff(verbose_name: Any) -> models.ForeignKey:  # type: ignore[type-arg]
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class SharingConsentQuerySet(models.QuerySet["SharingConsent"]):
    def in_force(self) -> SharingConsentQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class SharingConsent(PublicIdModel):
    """The client's consent to share their data with one partner organisation for referrals."""

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="sharing_consents")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("partner")
    )
    given_at = models.DateTimeField(_("given"))
    recorded_by = _staff(_("recorded by"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = _staff(_("withdrawn by"))

    objects = SharingConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent to share with a partner")
        verbose_name_plural = _("consents to share with partners")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "organisation"],
                condition=Q(withdrawn_at__isnull=True),
                name="referral_sharing_consent_one_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"{self.client_id} → {self.organisation_id}"


class Referral(ServicePointScopedModel, VersionedModel):
    """A referral of a client from a service point to a partner (DOMAIN.md, work object 5)."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="referrals", verbose_name=_("client")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("partner organisation"),
    )
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    reason = models.TextField(_("reason"), max_length=MAX_REASON_LENGTH)
    message = models.TextField(_("what the partner needs to know"), max_length=MAX_MESSAGE_LENGTH, blank=True)
    shared_fields = models.JSONField(_("client data shared"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT
    )
    created_by = _staff(_("created by"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened by the partner"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), max_length=MAX_NOTE_LENGTH, blank=True)
    completion_note = models.TextField(_("completion note"), max_length=MAX_NOTE_LENGTH, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), max_length=MAX_NOTE_LENGTH, blank=True)
    consent_override_reason = models.TextField(
        _("reason for sending without consent"), max_length=MAX_NOTE_LENGTH, blank=True
    )
    consent_override_by = _staff(_("consent overridden by"))
    # Where the referral came from in another app (a plan step, for one), by model label and
    # public id: the referrals app names no other domain app, which listens to
    # ``referral_status_changed`` to follow up (completing the plan step, for one).
    source_type = models.CharField(max_length=64, blank=True)
    source_id = models.UUIDField(null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["service_point", "status", "sent_at"], name="referral_sp_status_idx"),
            # A partner's inbox, newest first, drafts left out: the page and its count read the
            # index alone.
            models.Index(
                fields=["organisation", "-sent_at", "-id"],
                condition=~Q(status="draft"),
                name="referral_partner_inbox_idx",
            ),
            models.Index(fields=["client", "-created_at"], name="referral_client_idx"),
            models.Index(fields=["source_type", "source_id"], name="referral_source_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} → {self.organisation_id}"


class ReferralEvent(models.Model):
    """One step in a referral's history, shown to the sender ("did my referral arrive?")."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"))
    kind = models.CharField(_("event"), max_length=16, choices=EventKind.choices)
    actor_label = models.CharField(_("by"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"


class AnswerLink(PublicIdModel):
    """An e-mailed link through which a partner without a login answers one referral.

    The link's token and the one-time code sent when it is opened are stored as SHA-256 hashes.
    """

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="answer_links")
    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("answer link")
        verbose_name_plural = _("answer links")

    def __str__(self) -> str:
        return f"{self.referral_id} {self.email}"
