"""Questions ("ask us") and accessibility feedback sent from the public site, and the staff's
answers to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotopolku.core.models import ServicePointScopedModel
from kotopolku.core.versioning import VersionedModel
from kotopolku.inquiries.enums import AnswerBy, InquiryKind, InquiryStatus

MAX_QUESTION_LENGTH = 4000
MAX_ANSWER_LENGTH = 10_000


class Inquiry(ServicePointScopedModel, VersionedModel):
    """A question ("ask us") or accessibility feedback sent from the site: personal data."""

    kind = models.CharField(_("kind"), max_length=16, choices=InquiryKind.choices)
    language = models.CharField(_("language"), max_length=16)
    question = models.TextField(_("question"))
    answer_by = models.CharField(_("answer by"), max_length=8, choices=AnswerBy.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    page = models.CharField(_("page"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InquiryStatus.choices, default=InquiryStatus.NEW
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        indexes = [models.Index(fields=["service_point", "status", "created_at"], name="inquiries_inbox")]


class PostThrottle(models.Model):
    """A recent public post, by the digest of its sender's e-mail address or network address
    (never the address itself), for the rate limit. Rows older than the window are removed."""

    digest = models.CharField(max_length=64, db_index=True)
    posted_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.digest[:12]
