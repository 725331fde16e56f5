"""Case work (DOMAIN.md, work objects 3 and 4): a client's case at a service point and its
transfers, households, needs assessments, settlement and integration plans with goals, steps
and follow-ups, case notes, and the events of a client's timeline."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotopolku.casework.enums import (
    CaseCloseReason,
    CaseOpenedBy,
    CaseStatus,
    CodeScheme,
    Literacy,
    PlanKind,
    PlanNeed,
    PlanStatus,
    Relation,
    StepOwner,
    StepStatus,
    TransferStatus,
)
from kotopolku.core.models import PublicIdModel, ServicePointScopedModel, TimeStampedModel
from kotopolku.core.versioning import VersionedModel

MAX_TEXT = 2000
MAX_LINE = 300


def _staff(verbose_name: Any, related_name: str = "+") -> models.ForeignKey:  # type: ignore[type-arg]
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


class CodeListItem(models.Model):
    """A row of a public code list (ISCO-08, ISCED 2011 levels, ISCED-F 2013 fields), loaded as data."""

    scheme = models.CharField(_("code list"), max_length=16, choices=CodeScheme.choices)
    code = models.CharField(_("code"), max_length=8)
    level = models.PositiveSmallIntegerField(_("level"))
    parent_code = models.CharField(_("parent code"), max_length=8, blank=True)
    label_fi = models.CharField(_("name in Finnish"), max_length=300)
    label_sv = models.CharField(_("name in Swedish"), max_length=300)
    label_en = models.CharField(_("name in English"), max_length=300)

    class Meta:
        ordering = ["scheme", "code"]
        verbose_name = _("code-list item")
        verbose_name_plural = _("code-list items")
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="casework_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.label_fi}"

    def label_in(self, language: str | None) -> str:
        return {"sv": self.label_sv, "en": self.label_en}.get(language or "", "") or self.label_fi


class Case(ServicePointScopedModel, VersionedModel):
    """A client's case at a service point: opened, worked on, closed, reopened or transferred.

    The responsible worker and the team stay in the client registry (one source); the case is
    the source of the closing date from which the retention period counts."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="cases", verbose_name=_("client")
    )
    status = models.CharField(_("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_on = models.DateField(_("opened"), default=timezone.localdate)
    opened_by = _staff(_("opened by"))
    opened_because = models.CharField(_("how the client came"), max_length=16, choices=CaseOpenedBy.choices)
    opening_note = models.CharField(_("why the case was opened"), max_length=MAX_LINE, blank=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    closed_by = _staff(_("closed by"))
    close_reason = models.CharField(
        _("reason for closing"), max_length=16, choices=CaseCloseReason.choices, blank=True
    )

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["client"], condition=Q(status="open"), name="casework_one_open_case_per_client"
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_on__isnull=True)
                | Q(status="closed", closed_on__isnull=False),
                name="casework_case_closed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["service_point", "status"], name="casework_case_sp_status_idx")]

    def __str__(self) -> str:
        return f"{self.client} {self.opened_on}"


class CaseTransfer(PublicIdModel):
    """A request to move a case to another service point of the network. Until the receiving
    point accepts it the sending point keeps the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers")
    # The sending point: the transfer is its record until accepted.
    service_point = models.ForeignKey(
        "organisations.ServicePoint", on_delete=models.PROTECT, related_name="+"
    )
    to_service_point = models.ForeignKey(
        "organisations.ServicePoint",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("receiving service point"),
    )
    reason = models.CharField(_("reason"), max_length=MAX_LINE)
    client_consented = models.BooleanField(_("the client agreed to the transfer"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=TransferStatus.choices, default=TransferStatus.REQUESTED
    )
    requested_by = _staff(_("requested by"))
    decided_by = _staff(_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=MAX_LINE, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case transfer")
        verbose_name_plural = _("case transfers")
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="requested"), name="casework_one_pending_transfer"
            )
        ]
        indexes = [models.Index(fields=["to_service_point", "status"], name="casework_transfer_to_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.to_service_point_id}"


class Household(ServicePointScopedModel, VersionedModel):
    """Clients who live as one family, so that one settlement plan can be for them all."""

    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.name


class HouseholdMember(TimeStampedModel):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    client = models.OneToOneField(
        "clients.Client",
        on_delete=models.CASCADE,
        related_name="household_membership",
        verbose_name=_("client"),
    )
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices)

    class Meta:
        ordering = ["household", "relation", "id"]
        verbose_name = _("household member")
        verbose_name_plural = _("household members")

    def __str__(self) -> str:
        return f"{self.client} ({self.get_relation_display()})"


class Assessment(ServicePointScopedModel):
    """A needs assessment done with the client. Never edited: a new one is a new row with the
    next number, so each earlier one stays as it was and the changes can be shown."""

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="assessments")
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="assessments"
    )
    number = models.PositiveIntegerField(_("number"))
    assessed_on = models.DateField(_("assessed"), default=timezone.localdate)
    assessed_by = _staff(_("assessed by"))
    # Languages: [{"language": "ar", "listening": "B1", "speaking": …, "reading": …, "writing": …}]
    languages = models.JSONField(_("languages"), default=list, blank=True)
    literacy = models.CharField(_("literacy"), max_length=16, choices=Literacy.choices)
    reads_latin = models.BooleanField(_("reads Latin script"))
    # Education: [{"level": "6", "field": "041", "country": "SY", "year": 2015, "recognition_needed": true}]
    education = models.JSONField(_("education"), default=list, blank=True)
    # Work history: [{"occupation": "2221", "title": "…", "country": "UA", "years": 4}]
    work_history = models.JSONField(_("work history"), default=list, blank=True)
    occupation = models.CharField(_("occupation sought (ISCO-08)"), max_length=8, blank=True)
    family_situation = models.TextField(_("family situation"), max_length=MAX_TEXT, blank=True)
    service_needs = models.JSONField(_("service needs"), default=list, blank=True)  # desk topic codes
    service_needs_note = models.TextField(_("service needs in detail"), max_length=MAX_TEXT, blank=True)
    own_goals = models.TextField(_("the client's own goals"), max_length=MAX_TEXT, blank=True)
    conclusion = models.CharField(_("conclusion"), max_length=12, choices=PlanNeed.choices)

    class Meta:
        ordering = ["client", "-number"]
        verbose_name = _("needs assessment")
        verbose_name_plural = _("needs assessments")
        constraints = [
            models.UniqueConstraint(fields=["client", "number"], name="casework_assessment_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.client_id} #{self.number}"


class Plan(ServicePointScopedModel, VersionedModel):
    """A settlement or integration plan of a client (or a household)."""

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="plans")
    household = models.ForeignKey(
        Household, on_delete=models.SET_NULL, null=True, blank=True, related_name="plans"
    )
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="plans")
    kind = models.CharField(_("kind"), max_length=12, choices=PlanKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    responsible = _staff(_("responsible advisor"))
    partners = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+", verbose_name=_("partner organisations")
    )
    service_path = models.ForeignKey(
        "catalogue.ServicePath",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started from the service path"),
    )
    summary = models.TextField(_("summary"), max_length=MAX_TEXT, blank=True)
    ended_reason = models.CharField(_("why the plan ended early"), max_length=MAX_LINE, blank=True)
    activated_on = models.DateField(_("activated"), null=True, blank=True)
    finished_on = models.DateField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="casework_plan_dates"
            )
        ]
        indexes = [
            models.Index(fields=["responsible", "status", "ends_on"], name="casework_plan_worklist_idx"),
            models.Index(fields=["client", "-starts_on"], name="casework_plan_client_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on}"


class Goal(PublicIdModel, VersionedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=MAX_LINE)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text


class Step(PublicIdModel, VersionedModel):
    """A step under a goal: who does it by when, and the catalogue service it uses."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="steps")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps", verbose_name=_("goal"))
    text = models.CharField(_("step"), max_length=MAX_LINE)
    owner = models.CharField(_("who does it"), max_length=10, choices=StepOwner.choices)
    owner_user = _staff(_("advisor"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner organisation"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.TODO)
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["goal__position", "goal_id", "position", "id"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [
            models.CheckConstraint(
                condition=Q(owner="partner", organisation__isnull=False)
                | (~Q(owner="partner") & Q(organisation__isnull=True)),
                name="casework_step_partner_named",
            )
        ]
        indexes = [
            models.Index(fields=["owner_user", "status", "due_on"], name="casework_step_worklist_idx"),
            models.Index(fields=["organisation", "status", "due_on"], name="casework_step_partner_idx"),
        ]

    def __str__(self) -> str:
        return self.text


class FollowUp(PublicIdModel, VersionedModel):
    """A follow-up meeting of a plan: planned, then held with notes."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="follow_ups")
    planned_on = models.DateField(_("planned for"))
    held_on = models.DateField(_("held"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=MAX_TEXT, blank=True)
    recorded_by = _staff(_("recorded by"))

    class Meta:
        ordering = ["plan", "planned_on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["held_on", "planned_on"], name="casework_followup_due_idx")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.planned_on}"


class CaseNote(ServicePointScopedModel):
    """A note on a client's case, visible only inside the service point where it was written.
    A note with special-category data (health, disability) needs the client's consent for it."""

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="case_notes")
    author = _staff(_("author"))
    text = models.TextField(_("note"), max_length=MAX_TEXT)
    special_category = models.BooleanField(_("contains special-category data"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        indexes = [models.Index(fields=["client", "service_point", "-created_at"], name="casework_note_idx")]

    def __str__(self) -> str:
        return f"{self.client_id} {self.created_at}"


class CaseEvent(models.Model):
    """What happened in a client's case work, for the profile's timeline: one row per change,
    written by the services, so the timeline is one indexed read whatever happened."""

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="case_events")
    service_point = models.ForeignKey(
        "organisations.ServicePoint", on_delete=models.PROTECT, related_name="+"
    )
    happened_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=32)
    actor = _staff(_("by"))
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-happened_at", "-id"]
        indexes = [models.Index(fields=["client", "-happened_at"], name="casework_event_client_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.happened_at}"
