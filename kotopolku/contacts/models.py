from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotopolku.contacts.enums import Channel, ContactOutcome, Interpreter
from kotopolku.core.models import ServicePointScopedModel, TimeStampedModel
from kotopolku.core.versioning import VersionedModel

MAX_DURATION_MINUTES = 480
MAX_NOTE_LENGTH = 1000


class CodeListEntry(TimeStampedModel):
    """A code-list row stored as data, with its name in each staff language."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=120)
    name_sv = models.CharField(_("name in Swedish"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name_fi

    def name_in(self, language: str | None) -> str:
        return {"sv": self.name_sv, "en": self.name_en}.get(language or "", "") or self.name_fi


class Topic(CodeListEntry, VersionedModel):
    """Edited by administrators: versioned, so two of them saving at once do not overwrite each other."""

    class Meta(CodeListEntry.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class ClientGroup(CodeListEntry):
    class Meta(CodeListEntry.Meta):
        verbose_name = _("client group")
        verbose_name_plural = _("client groups")


class Contact(ServicePointScopedModel, VersionedModel):
    """One piece of information, advice or guidance given at a service point (DOMAIN.md, object 1).

    Anonymous unless ``client`` is set: an anonymous contact holds no personal data.
    """

    happened_at = models.DateTimeField(_("time"), default=timezone.now)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    language = models.CharField(_("language used"), max_length=8, help_text=_("ISO 639 code"))
    interpreter = models.CharField(
        _("interpreter"), max_length=16, choices=Interpreter.choices, default=Interpreter.NONE
    )
    topics: models.ManyToManyField[Topic, ContactTopic] = models.ManyToManyField(
        Topic, through="ContactTopic", related_name="contacts", verbose_name=_("topics")
    )
    client_group = models.ForeignKey(
        ClientGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("client group"),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_MINUTES)],
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=ContactOutcome.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation guided to"),
    )
    note = models.TextField(_("note"), max_length=MAX_NOTE_LENGTH, blank=True)
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("client"),
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logged by"),
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            # Lists and statistics: a service point's contacts in a period, newest first.
            models.Index(fields=["service_point", "-happened_at"], name="contact_sp_time_idx"),
            # Several service points at once (a network's coordinator): newest first across them.
            models.Index(fields=["-happened_at"], name="contact_time_idx"),
            models.Index(
                fields=["service_point", "language", "-happened_at"], name="contact_sp_lang_time_idx"
            ),
            models.Index(
                fields=["service_point", "channel", "-happened_at"], name="contact_sp_chan_time_idx"
            ),
            # Unique registered clients in the desk statistics: only the contacts naming a client,
            # read from the index alone (PostgreSQL).
            models.Index(
                fields=["service_point", "-happened_at"],
                include=["client"],
                condition=models.Q(client__isnull=False),
                name="contact_sp_time_client_idx",
            ),
            # The desk: an advisor's contacts of today and their last entry.
            models.Index(fields=["logged_by", "-happened_at"], name="contact_advisor_time_idx"),
            models.Index(fields=["logged_by", "-created_at"], name="contact_advisor_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1, duration_minutes__lte=MAX_DURATION_MINUTES),
                name="contact_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.happened_at:%Y-%m-%d %H:%M}"

    @property
    def is_anonymous(self) -> bool:
        return self.client_id is None


class ContactTopic(models.Model):
    """A topic of a contact. Carries the contact's service point and time (kept in step by the
    services) so that "contacts about taxes at these service points in this period" is one
    index range, counted without reading the contacts."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="topic_links")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+", db_index=False)
    service_point = models.ForeignKey(
        "organisations.ServicePoint", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    happened_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contact", "topic"], name="contact_topic_unique")]
        indexes = [
            models.Index(fields=["topic", "service_point", "-happened_at"], name="contact_topic_filter_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.contact_id}:{self.topic_id}"


class DeskTally(models.Model):
    """How many contacts a service point had on a local day: in all (``kind`` "contacts") or with
    one topic, language, channel, client group or outcome (``code``; "" when not recorded).
    Kept in step by the contacts services, rebuilt by ``tallies_recount`` (``tallies.py``)."""

    service_point = models.ForeignKey(
        "organisations.ServicePoint", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    day = models.DateField()
    kind = models.CharField(max_length=16)
    code = models.CharField(max_length=32, blank=True)
    contacts = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service_point", "kind", "day", "code"], name="desk_tally_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_point_id} {self.day} {self.kind}:{self.code} = {self.contacts}"
