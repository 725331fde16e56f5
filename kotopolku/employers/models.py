from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kotopolku.core.models import PublicIdModel, ServicePointScopedModel, TimeStampedModel
from kotopolku.core.versioning import VersionedModel
from kotopolku.employers.enums import (
    ActivityKind,
    OpeningStatus,
    OpeningVisibility,
    PilotStatus,
    PlacementKind,
    ProposalResult,
    SizeClass,
    TravelRange,
    WorkingHours,
)


def _staff_reference(verbose_name: Any) -> models.ForeignKey:  # type: ignore[type-arg]
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class Classification(models.Model):
    """A row of a published classification, stored as data with its names in fi, sv and en."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    level = models.PositiveSmallIntegerField(_("level"))
    parent_code = models.CharField(_("parent code"), max_length=8, blank=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=300)
    name_sv = models.CharField(_("name in Swedish"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_fi}"

    def label_in(self, language: str | None) -> str:
        return {"sv": self.name_sv, "en": self.name_en}.get(language or "", "") or self.name_fi


class IndustryClass(Classification):
    """Statistics Finland's TOL 2008 industries (data/SOURCE.md)."""

    class Meta(Classification.Meta):
        verbose_name = _("industry (TOL 2008)")
        verbose_name_plural = _("industries (TOL 2008)")


# Occupations are ISCO-08 groups of case work's code list (one table of occupations for the product).
ISCO08 = {"scheme": "isco08"}


class Employer(ServicePointScopedModel, VersionedModel):
    """A company a service point works with (DOMAIN.md, work object 9). The service point keeps
    it; its network shares it."""

    business_id = models.CharField(_("business ID"), max_length=9, help_text=_("Y-tunnus, e.g. 2617416-4"))
    name = models.CharField(_("name"), max_length=200)
    size_class = models.CharField(_("size class"), max_length=8, choices=SizeClass.choices)
    industry = models.ForeignKey(
        IndustryClass,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("industry"),
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    website = models.URLField(_("website"), blank=True)
    is_pilot = models.BooleanField(_("pilot company"), default=False)
    pilot_status = models.CharField(
        _("pilot status"), max_length=12, choices=PilotStatus.choices, default=PilotStatus.NONE
    )
    pilot_plan = models.TextField(_("pilot plan"), max_length=4000, blank=True)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_point", "business_id"], name="employer_business_id_unique"
            )
        ]
        indexes = [
            models.Index(fields=["service_point", "name"], name="employer_sp_name_idx"),
            models.Index(fields=["business_id"], name="employer_business_id_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.business_id})"

    def get_absolute_url(self) -> str:
        return reverse("employers:detail", args=[self.uuid])


class EmployerOffice(TimeStampedModel):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="offices")
    name = models.CharField(_("office"), max_length=200)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class EmployerContact(PublicIdModel):
    """A contact person at the company (their work contact details)."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class EmployerActivity(ServicePointScopedModel, VersionedModel):
    """Work done with a company. ``service_point`` is the one whose staff did it."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=24, choices=ActivityKind.choices)
    happened_on = models.DateField(_("date"))
    staff = _staff_reference(_("staff member"))
    partner_project = models.CharField(_("other project"), max_length=200, blank=True)
    outcome = models.TextField(_("outcome"), max_length=4000, blank=True)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)

    class Meta:
        verbose_name = _("employer activity")
        verbose_name_plural = _("employer activities")
        ordering = ["-happened_on", "-id"]
        indexes = [
            models.Index(fields=["employer", "-happened_on"], name="employer_activity_emp_idx"),
            models.Index(
                fields=["service_point", "follow_up_on"],
                condition=models.Q(follow_up_done=False, follow_up_on__isnull=False),
                name="employer_activity_followup_idx",
            ),
            models.Index(fields=["service_point", "happened_on"], name="employer_activity_sp_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.happened_on}"


class JobOpening(ServicePointScopedModel, VersionedModel):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="openings")
    title = models.CharField(_("title"), max_length=200)
    occupation = models.ForeignKey(
        "casework.CodeListItem",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=ISCO08,
        verbose_name=_("occupation (ISCO-08)"),
    )
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("place")
    )
    address = models.CharField(_("street address"), max_length=200, blank=True)
    hours = models.CharField(_("working hours"), max_length=12, choices=WorkingHours.choices)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    finnish_required = models.BooleanField(_("Finnish required"), default=True)
    other_languages = models.JSONField(
        _("languages that are enough"), default=list, blank=True, help_text=_("ISO 639 codes, e.g. en")
    )
    visibility = models.CharField(_("visibility"), max_length=12, choices=OpeningVisibility.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=OpeningStatus.choices, default=OpeningStatus.OPEN
    )
    opens_on = models.DateField(_("open from"))
    deadline = models.DateField(_("application deadline"), null=True, blank=True)
    description = models.TextField(_("description"), max_length=8000, blank=True)

    class Meta:
        verbose_name = _("job opening")
        verbose_name_plural = _("job openings")
        ordering = ["-opens_on", "-id"]
        indexes = [
            models.Index(fields=["service_point", "status", "-opens_on"], name="opening_sp_status_idx"),
            models.Index(fields=["employer", "-opens_on"], name="opening_employer_idx"),
            models.Index(
                fields=["status", "visibility", "finnish_required", "deadline"], name="opening_public_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__isnull=True) | models.Q(deadline__gte=models.F("opens_on")),
                name="opening_deadline_after_open",
            )
        ]

    def __str__(self) -> str:
        return self.title


class JobSeekerProfile(ServicePointScopedModel, VersionedModel):
    """What a client looks for in work, kept here for matching: from when they are available
    and how far they travel. Their desired occupations are ``DesiredOccupation`` rows."""

    client = models.OneToOneField("clients.Client", on_delete=models.CASCADE, related_name="job_profile")
    available_from = models.DateField(_("available from"), null=True, blank=True)
    travel = models.CharField(
        _("travel"), max_length=12, choices=TravelRange.choices, default=TravelRange.OWN_MUNICIPALITY
    )

    class Meta:
        verbose_name = _("job seeker profile")
        verbose_name_plural = _("job seeker profiles")

    def __str__(self) -> str:
        return str(self.client_id)


class DesiredOccupation(models.Model):
    """An occupation a client seeks work in. Carries the ISCO code itself so that matching finds
    the clients of an occupation group by one index range on the code."""

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="desired_occupations")
    occupation = models.ForeignKey(
        "casework.CodeListItem", on_delete=models.PROTECT, related_name="+", limit_choices_to=ISCO08
    )
    isco_code = models.CharField(max_length=4)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "occupation"], name="desired_occupation_unique")
        ]
        indexes = [models.Index(fields=["isco_code", "client"], name="desired_occupation_code_idx")]

    def __str__(self) -> str:
        return self.isco_code


class Proposal(ServicePointScopedModel, VersionedModel):
    """A client proposed to an employer for an opening, with the client's consent to share."""

    opening = models.ForeignKey(JobOpening, on_delete=models.CASCADE, related_name="proposals")
    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="job_proposals")
    consent_given_on = models.DateField(_("client consented on"))
    proposed_by = _staff_reference(_("proposed by"))
    reasons = models.JSONField(_("reasons for the match"), default=list, blank=True)
    result = models.CharField(
        _("result"), max_length=16, choices=ProposalResult.choices, default=ProposalResult.PROPOSED
    )
    result_note = models.TextField(_("note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["opening", "client"], name="proposal_once_per_opening")
        ]

    def __str__(self) -> str:
        return f"{self.client_id} → {self.opening_id}"


class Placement(ServicePointScopedModel, VersionedModel):
    """A client moved to work or education: the fact behind "moved to work or education"."""

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="placements")
    employer = models.ForeignKey(
        Employer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("employer"),
    )
    organisation_name = models.CharField(
        _("school or other organisation"),
        max_length=200,
        blank=True,
        help_text=_("Where there is no employer"),
    )
    opening = models.ForeignKey(
        JobOpening, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PlacementKind.choices)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    recorded_by = _staff_reference(_("recorded by"))

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["service_point", "-starts_on"], name="placement_sp_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="placement_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on}"
