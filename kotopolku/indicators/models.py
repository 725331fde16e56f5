"""Funded projects, their targets, ESF+ participants with their entry and exit data, follow-ups
after exit, and the population figures of the situational picture (DOMAIN.md, "Monitoring and
the funder")."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotopolku.core.models import PublicIdModel, ServicePointScopedModel, TimeStampedModel
from kotopolku.core.versioning import VersionedModel
from kotopolku.indicators.enums import (
    AgeGroup,
    ExitReason,
    FollowUpKind,
    IscedGroup,
    LabourStatus,
    TargetKind,
)


class Project(PublicIdModel, VersionedModel):
    """A funded project (for example an ESF+ project of priority 4.1 "Polkuja töihin")."""

    name = models.CharField(_("name"), max_length=200)
    # Given by the funder when the project is granted (EURA 2021 project code, e.g. S21941).
    funder_code = models.CharField(_("funder's code"), max_length=40, blank=True)
    funder = models.CharField(_("funder"), max_length=100, default="ESF+")
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    priority = models.CharField(_("priority"), max_length=200, blank=True)
    specific_objective = models.CharField(_("specific objective"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    service_points: models.ManyToManyField = models.ManyToManyField(
        "organisations.ServicePoint",
        through="ProjectPoint",
        related_name="projects",
        verbose_name=_("service points"),
    )

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="project_dates"),
            models.UniqueConstraint(
                fields=["funder_code"], condition=~Q(funder_code=""), name="project_funder_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectPoint(TimeStampedModel):
    """A municipality taking part in a project, with its share and the service point that works
    in it (a group project has several; a past project may have none in the product)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="points")
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    service_point = models.ForeignKey(
        "organisations.ServicePoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service point"),
    )
    share_percent = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        default=100,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("participating municipality")
        verbose_name_plural = _("participating municipalities")
        constraints = [
            models.UniqueConstraint(fields=["project", "municipality"], name="project_point_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project_id}:{self.municipality_id}"


class Target(PublicIdModel, VersionedModel):
    """A figure the coordinator commits to: ``value`` (or the range ``value``–``value_max``)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(_("kind"), max_length=24, choices=TargetKind.choices)
    # An employer size class or an indicator code (EECO01 …) where the kind needs one.
    detail = models.CharField(_("detail"), max_length=16, blank=True)
    value = models.DecimalField(_("target"), max_digits=9, decimal_places=2)
    value_max = models.DecimalField(
        _("upper end of the range"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "detail"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["project", "kind", "detail"], name="target_unique_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.detail}".strip()


class Participant(ServicePointScopedModel, VersionedModel):
    """A client taking part in a project, with the entry data the funder asks for.

    The data that the indicators count (gender, age group, status …) is a snapshot taken at entry,
    so the figures stay the same when the client record changes or is anonymised."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="participants")
    client = models.ForeignKey(
        "clients.Client", on_delete=models.SET_NULL, null=True, blank=True, related_name="esf_participations"
    )
    entered_on = models.DateField(_("entry date"))
    gender = models.CharField(_("gender"), max_length=16)
    age_group = models.CharField(_("age group at entry"), max_length=10, choices=AgeGroup.choices)
    labour_status = models.CharField(_("labour-market status"), max_length=24, choices=LabourStatus.choices)
    isced = models.CharField(_("education"), max_length=4, choices=IscedGroup.choices, blank=True)
    third_country_national = models.BooleanField(_("third-country national"), default=False)
    foreign_background = models.BooleanField(_("foreign background"), default=False)
    # Special categories: each only with its own consent, recorded here with its date.
    disability = models.BooleanField(_("disability"), null=True, blank=True)
    disability_consent_on = models.DateField(_("consent to record disability"), null=True, blank=True)
    minority = models.BooleanField(_("minority"), null=True, blank=True)
    minority_consent_on = models.DateField(_("consent to record minority"), null=True, blank=True)
    homeless = models.BooleanField(_("homeless or excluded from housing"), null=True, blank=True)
    homeless_consent_on = models.DateField(_("consent to record housing exclusion"), null=True, blank=True)
    municipality_code = models.CharField(_("home municipality"), max_length=3, blank=True)
    degurba = models.PositiveSmallIntegerField(_("degree of urbanisation"), null=True, blank=True)
    rural = models.BooleanField(_("rural"), default=False)
    exited_on = models.DateField(_("exit date"), null=True, blank=True)
    exit_reason = models.CharField(_("exit reason"), max_length=16, choices=ExitReason.choices, blank=True)
    exit_status = models.CharField(
        _("labour-market status at exit"), max_length=24, choices=LabourStatus.choices, blank=True
    )
    entry_in_eura_on = models.DateField(_("entry data entered in EURA 2021"), null=True, blank=True)
    exit_in_eura_on = models.DateField(_("exit data entered in EURA 2021"), null=True, blank=True)
    # Set when entry data already entered in EURA 2021 is corrected; cleared by entering it again.
    entry_reentry_due = models.BooleanField(_("corrected entry data to be entered again"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-entered_on", "-id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "client"], condition=Q(client__isnull=False), name="participant_once"
            ),
            models.CheckConstraint(
                condition=Q(exited_on__isnull=True) | Q(exited_on__gte=models.F("entered_on")),
                name="participant_exit_after_entry",
            ),
        ]
        indexes = [
            # The indicator report: a project's participants at some service points in a period.
            models.Index(fields=["project", "service_point", "entered_on"], name="participant_report_idx"),
            models.Index(fields=["project", "exited_on"], name="participant_exit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}:{self.uuid}"


class EntryCorrection(PublicIdModel):
    """A correction of a participant's entry data after entry: who, when, why and which fields
    (the values themselves are on the participant; the previous ones are in the audit log)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="corrections")
    reason = models.CharField(_("reason for the correction"), max_length=500)
    fields = models.JSONField(_("corrected fields"), default=list)
    version = models.PositiveIntegerField(_("version after the correction"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("correction of entry data")
        verbose_name_plural = _("corrections of entry data")

    def __str__(self) -> str:
        return f"{self.participant_id}:{self.version}"


class BudgetLine(PublicIdModel):
    """A line of a project's budget: a cost category and its amount, for one service point or for
    the whole project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("cost category"), max_length=100)
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    service_point = models.ForeignKey(
        "organisations.ServicePoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service point"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["category", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_amount")]

    def __str__(self) -> str:
        return f"{self.category}: {self.amount}"


class ParticipantFollowUp(PublicIdModel):
    """The participant's situation 4 weeks and 6 months after exit (EECR01–EECR06)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("follow-up"), max_length=2, choices=FollowUpKind.choices)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)
    job_searching = models.BooleanField(_("searching for a job"), default=False)
    in_education = models.BooleanField(_("in education or training"), default=False)
    qualification = models.BooleanField(_("gained a qualification"), default=False)
    employed = models.BooleanField(_("employed (incl. self-employed)"), default=False)
    improved = models.BooleanField(_("labour-market situation improved"), default=False)
    unreachable = models.BooleanField(_("could not be reached"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up after exit")
        verbose_name_plural = _("follow-ups after exit")
        constraints = [
            models.UniqueConstraint(fields=["participant", "kind"], name="participant_follow_up_once")
        ]
        indexes = [models.Index(fields=["done_on", "due_on"], name="participant_follow_up_due_idx")]

    def __str__(self) -> str:
        return f"{self.participant_id}:{self.kind}"


class PopulationFigure(models.Model):
    """One cell of Statistics Finland's population by language, sex and municipality (table 11rm).

    ``value`` is None for a suppressed cell; ``status`` keeps the table's marker for it."""

    area = models.CharField(_("area"), max_length=8)  # municipality code, or SSS for the whole country
    area_name = models.CharField(_("area name"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=4)
    language_name = models.CharField(_("language name"), max_length=100, blank=True)
    sex = models.CharField(_("sex"), max_length=4)
    value = models.PositiveIntegerField(_("population"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, blank=True)
    table = models.CharField(_("table"), max_length=16, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        ordering = ["area", "year", "language", "sex"]
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        constraints = [
            models.UniqueConstraint(fields=["area", "year", "language", "sex"], name="population_cell_unique")
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year} {self.language} {self.sex}: {self.value}"
