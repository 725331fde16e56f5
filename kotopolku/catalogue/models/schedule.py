"""Opening hours (HSDS ``schedule``)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotopolku.catalogue.enums import WEEKDAY_CODES, ScheduleFrequency, ScheduleKind, Weekday
from kotopolku.catalogue.models.base import CatalogueModel, TextsMixin

_BYDAY = re.compile(r"^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*\Z")
_NUMBERS = re.compile(r"^-?\d{1,3}(,-?\d{1,3})*\Z")


class Schedule(CatalogueModel, TextsMixin):
    """One rule of opening hours, in local wall-clock time (Europe/Helsinki).

    * ``regular``: open ``opens_at``–``closes_at`` on the weekdays in ``byday`` (``freq`` WEEKLY)
      or the days of month in ``bymonthday`` (``freq`` MONTHLY), between ``valid_from`` and
      ``valid_to`` when set. ``closes_at`` at or before ``opens_at`` means the slot runs past
      midnight into the next day (Friday 22:00–02:00 is open at Saturday 01:00).
    * ``exception``: for the dates ``valid_from``–``valid_to`` (a holiday, a special day) it
      replaces all regular hours of its owner: ``is_closed`` closes the day, otherwise the
      exception rows of that date give the hours.

    The other HSDS fields (``dtstart``, ``until``, ``count``, ``interval``, ``byweekno`` …) are kept
    as imported. ``texts``: ``description``, ``notes``.
    """

    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    location = models.ForeignKey(
        "catalogue.Location", on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        "catalogue.ServiceAtLocation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ScheduleKind.choices, default=ScheduleKind.REGULAR
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    is_closed = models.BooleanField(_("closed"), default=False)
    freq = models.CharField(_("frequency"), max_length=10, choices=ScheduleFrequency.choices, blank=True)
    interval = models.PositiveSmallIntegerField(_("interval"), null=True, blank=True)
    byday = models.CharField(_("weekdays"), max_length=40, blank=True, help_text=_("For example MO,TU,WE"))
    bymonthday = models.CharField(_("days of month"), max_length=100, blank=True)
    byweekno = models.CharField(_("weeks of year"), max_length=200, blank=True)
    byyearday = models.CharField(_("days of year"), max_length=200, blank=True)
    wkst = models.CharField(_("week start"), max_length=2, choices=Weekday.choices, blank=True)
    dtstart = models.DateField(_("first occurrence"), null=True, blank=True)
    until = models.DateField(_("last occurrence"), null=True, blank=True)
    count = models.PositiveIntegerField(_("number of occurrences"), null=True, blank=True)
    timezone = models.SmallIntegerField(_("UTC offset"), null=True, blank=True)
    schedule_link = models.URLField(_("booking link"), max_length=500, blank=True)
    attending_type = models.CharField(_("attending type"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "valid_from", "byday", "opens_at", "id"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False)
                | Q(location__isnull=False)
                | Q(service_at_location__isnull=False),
                name="catalogue_schedule_has_owner",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="catalogue_schedule_valid_range",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "valid_from", "valid_to"], name="catalogue_schedule_validity")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.byday or self.valid_from} {self.opens_at}-{self.closes_at}"

    @property
    def weekdays(self) -> list[int]:
        """Monday = 0 … Sunday = 6, from ``byday``."""
        return [WEEKDAY_CODES.index(code) for code in self.byday.split(",") if code in WEEKDAY_CODES]

    @property
    def monthdays(self) -> list[int]:
        return [int(x) for x in self.bymonthday.split(",") if x.strip().lstrip("-").isdigit()]

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.byday and not _BYDAY.match(self.byday):
            errors["byday"] = _("Use two-letter weekday codes separated by commas, e.g. MO,TU.")
        if self.bymonthday and not _NUMBERS.match(self.bymonthday):
            errors["bymonthday"] = _("Use day numbers separated by commas.")
        if self.kind == ScheduleKind.EXCEPTION and self.valid_from is None:
            errors["valid_from"] = _("An exception needs the date it starts.")
        if not self.is_closed and (self.opens_at is None) != (self.closes_at is None):
            errors["closes_at"] = _("Give both the opening and the closing time.")
        if self.kind == ScheduleKind.EXCEPTION and not self.is_closed and self.opens_at is None:
            errors["opens_at"] = _("Give the special hours, or mark the day closed.")
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            errors["valid_to"] = _("The end date is before the start date.")
        if errors:
            raise ValidationError(errors)
