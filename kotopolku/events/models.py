from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotopolku.core.models import PublicIdModel, ServicePointScopedModel, TimeStampedModel
from kotopolku.core.versioning import VersionedModel
from kotopolku.events.enums import Attendance, EventKind, EventStatus, HeadCountGender, RegistrationStatus

CONTENT_LANGUAGES = ("fi", "sv", "en")


class Event(ServicePointScopedModel, VersionedModel):
    """An event or workshop a service point holds (DOMAIN.md, work object 10). Its title and
    description are ``EventText`` rows, one per language."""

    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit")
    )
    registration_deadline = models.DateTimeField(_("registration closes"), null=True, blank=True)
    public_registration = models.BooleanField(_("registration on the public site"), default=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    languages = models.JSONField(_("languages used"), default=list, blank=True, help_text=_("ISO 639 codes"))
    organiser_organisations = models.ManyToManyField(
        "organisations.Organisation", related_name="+", blank=True, verbose_name=_("organising partners")
    )
    organiser_employers = models.ManyToManyField(
        "employers.Employer", related_name="+", blank=True, verbose_name=_("organising employers")
    )
    participating_organisations = models.ManyToManyField(
        "organisations.Organisation",
        related_name="+",
        blank=True,
        verbose_name=_("organisations that took part"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registrations_anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["service_point", "starts_at"], name="event_sp_start_idx"),
            models.Index(fields=["status", "starts_at"], name="event_status_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d}"

    def text_in(self, language: str | None) -> EventText | None:
        """The title and description in ``language``, else Finnish, else any (prefetch ``texts``)."""
        texts = {text.language: text for text in self.texts.all()}
        return texts.get(language or "") or texts.get("fi") or next(iter(texts.values()), None)

    def title_in(self, language: str | None) -> str:
        text = self.text_in(language)
        return text.title if text else str(self)


class EventText(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=2)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=8000, blank=True)

    class Meta:
        verbose_name = _("event text")
        verbose_name_plural = _("event texts")
        constraints = [models.UniqueConstraint(fields=["event", "language"], name="event_text_per_language")]

    def __str__(self) -> str:
        return self.title


class Registration(PublicIdModel):
    """A person registered to an event from the public site (or by staff). Personal data:
    anonymised a set time after the event; linked to a client, exported and erased with them."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    service_point = models.ForeignKey(
        "organisations.ServicePoint", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    name = models.CharField(_("name or nickname"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(_("language"), max_length=8)
    needs = models.TextField(_("needs"), max_length=1000, blank=True)
    contact_key = models.CharField(max_length=254, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("client"),
    )
    cancel_token = models.CharField(max_length=64, unique=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    feedback_requested_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "contact_key"],
                condition=models.Q(status__in=["registered", "waiting"]) & ~models.Q(contact_key=""),
                name="registration_once_per_person",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="registration_event_idx")]

    def __str__(self) -> str:
        return f"{self.event_id}:{self.pk}"


class HeadCount(TimeStampedModel):
    """People who just walked in, counted without names: by language and gender."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="head_counts")
    language = models.CharField(_("language"), max_length=8)
    gender = models.CharField(_("gender"), max_length=8, choices=HeadCountGender.choices)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("head count")
        verbose_name_plural = _("head counts")
        constraints = [
            models.UniqueConstraint(fields=["event", "language", "gender"], name="head_count_unique")
        ]

    def __str__(self) -> str:
        return f"{self.language}/{self.gender}: {self.count}"


class WorkshopOutput(PublicIdModel):
    """A note or file a workshop produced. Files are kept in the database, as the app servers
    keep nothing on their own disks."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="outputs")
    title = models.CharField(_("title"), max_length=200)
    note = models.TextField(_("note"), max_length=20000, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(blank=True, default=b"")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("workshop output")
        verbose_name_plural = _("workshop outputs")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class RegistrationAttempt(models.Model):
    """A public registration attempt by address (a hash, not the address): the rate limit."""

    address_hash = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["address_hash", "at"], name="registration_attempt_idx")]

    def __str__(self) -> str:
        return f"{self.address_hash[:8]} {self.at:%Y-%m-%d %H:%M}"
