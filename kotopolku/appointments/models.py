from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kotopolku.appointments.enums import (
    AppointmentChannel,
    AppointmentKind,
    AppointmentStatus,
    InterpreterMode,
    RequestStatus,
    Weekday,
)
from kotopolku.contacts.models import CodeListEntry
from kotopolku.core.models import PublicIdModel, ServicePointScopedModel
from kotopolku.core.versioning import VersionedModel

MAX_TEXT = 200
MAX_NOTE = 2000


def _staff(verbose_name: Any, *, related_name: str = "+") -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


class StatusReason(CodeListEntry):
    """Why an appointment was cancelled or missed (a code list, seeded by a migration)."""

    for_no_show = models.BooleanField(_("for a no-show"), default=False)

    class Meta(CodeListEntry.Meta):
        verbose_name = _("cancellation or no-show reason")
        verbose_name_plural = _("cancellation and no-show reasons")


class Availability(PublicIdModel, VersionedModel):
    """When a worker takes appointments: a weekday's hours, split into slots."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="availabilities",
        verbose_name=_("worker"),
    )
    service_point = models.ForeignKey(
        "organisations.ServicePoint",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("service point"),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=30)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["weekday", "starts"]
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        indexes = [models.Index(fields=["service_point", "weekday"], name="appt_avail_sp_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=F("starts")), name="appt_availability_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="appt_availability_weekday"),
        ]

    def __str__(self) -> str:
        return f"{self.worker_id} {self.weekday} {self.starts}–{self.ends}"


class Absence(PublicIdModel, VersionedModel):
    """A time the worker takes no appointments (leave, training); the calendar shows it."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences", verbose_name=_("worker")
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    note = models.CharField(_("note"), max_length=MAX_TEXT, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        indexes = [models.Index(fields=["worker", "starts_at"], name="appt_absence_worker_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="appt_absence_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker_id} {self.starts_at:%Y-%m-%d}"


class AppointmentSeries(ServicePointScopedModel, VersionedModel):
    """Pop-up hours of an authority at the service point (Kela every second Tuesday 10–12): one
    series whose slots clients book, created, changed and cancelled as one."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("authority")
    )
    title = models.CharField(_("title"), max_length=MAX_TEXT)
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("last date"))
    interval_weeks = models.PositiveSmallIntegerField(_("every … weeks"), default=2)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=20)
    location = models.CharField(_("place"), max_length=MAX_TEXT, blank=True)
    channel = models.CharField(
        _("channel"), max_length=16, choices=AppointmentChannel.choices, default=AppointmentChannel.ON_SITE
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_by = _staff(_("created by"))

    class Meta:
        ordering = ["first_date"]
        verbose_name = _("pop-up series")
        verbose_name_plural = _("pop-up series")

    def __str__(self) -> str:
        return self.title


class Appointment(ServicePointScopedModel, VersionedModel):
    """An appointment (DOMAIN.md, work object 6), or a free slot of a pop-up series."""

    kind = models.CharField(_("kind"), max_length=16, choices=AppointmentKind.choices)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("worker"),
    )
    series = models.ForeignKey(
        AppointmentSeries, on_delete=models.CASCADE, null=True, blank=True, related_name="slots"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    channel = models.CharField(_("channel"), max_length=16, choices=AppointmentChannel.choices)
    meeting_link = models.URLField(_("meeting link"), max_length=500, blank=True)
    location = models.CharField(_("place"), max_length=MAX_TEXT, blank=True)
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("client"),
    )
    # An employer's contact person (the permit expert advises employers too), until the
    # employers app names them.
    contact_name = models.CharField(_("contact person"), max_length=MAX_TEXT, blank=True)
    contact_organisation = models.CharField(
        _("contact person's organisation"), max_length=MAX_TEXT, blank=True
    )
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=8, default="fi", help_text=_("ISO 639 code"))
    topic = models.CharField(_("topic"), max_length=MAX_TEXT, blank=True)
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    partners = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+", verbose_name=_("partner organisations")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    status_reason = models.ForeignKey(
        StatusReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reason"),
    )
    status_note = models.CharField(_("note"), max_length=MAX_NOTE, blank=True)
    booked_by = _staff(_("booked by"))
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        indexes = [
            models.Index(fields=["service_point", "starts_at"], name="appt_sp_time_idx"),
            models.Index(fields=["worker", "starts_at"], name="appt_worker_time_idx"),
            models.Index(fields=["series", "starts_at"], name="appt_series_time_idx"),
            models.Index(fields=["status", "reminder_sent_at", "starts_at"], name="appt_reminder_idx"),
            models.Index(fields=["client", "-starts_at"], name="appt_client_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="appt_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def person_name(self) -> str:
        if self.client is not None:
            return str(self.client.display_name)
        return self.contact_name


class InterpreterBooking(ServicePointScopedModel, VersionedModel):
    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="interpreters", verbose_name=_("appointment")
    )
    language = models.CharField(_("language"), max_length=8, help_text=_("ISO 639 code"))
    mode = models.CharField(_("mode"), max_length=16, choices=InterpreterMode.choices)
    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("provider")
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    cost = models.DecimalField(_("cost (€)"), max_digits=8, decimal_places=2)
    booked_by = _staff(_("booked by"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("interpreter booking")
        verbose_name_plural = _("interpreter bookings")
        indexes = [models.Index(fields=["service_point", "created_at"], name="appt_interp_sp_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="appt_interpreter_cost_not_negative"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=600),
                name="appt_interpreter_duration",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.mode}"


class CalendarFeed(PublicIdModel):
    """A worker's secret iCalendar feed address; only its hash is stored, and it can be revoked."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.uuid)


class AppointmentRequest(ServicePointScopedModel):
    """A request for an appointment from the public form, waiting in the advisors' queue."""

    topic = models.CharField(_("topic"), max_length=MAX_TEXT)
    language = models.CharField(_("language"), max_length=8)
    preferred_times = models.CharField(_("preferred times"), max_length=MAX_TEXT)
    name = models.CharField(_("name"), max_length=MAX_TEXT)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    message = models.TextField(_("message"), max_length=MAX_NOTE, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    source_hash = models.CharField(max_length=64, db_index=True)
    handled_by = _staff(_("handled by"))
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("appointment request")
        verbose_name_plural = _("appointment requests")
        indexes = [
            models.Index(fields=["service_point", "status", "created_at"], name="appt_request_queue_idx")
        ]

    def __str__(self) -> str:
        return self.topic
