"""The ESF+ common indicators (Regulation 2021/1057, Annex I) as conditions on participants and
their follow-ups. One definition serves the report's counts and the list of the participants
behind each figure, so the two always agree."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kotopolku.indicators.enums import AgeGroup, FollowUpKind, IscedGroup, LabourStatus


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise
    # On Participant for output indicators; on ParticipantFollowUp (of ``follow_up``) for results.
    condition: Q
    follow_up: str = ""

    @property
    def is_result(self) -> bool:
        return bool(self.follow_up)


UNEMPLOYED = [LabourStatus.UNEMPLOYED, LabourStatus.LONG_TERM_UNEMPLOYED]

OUTPUT_INDICATORS = (
    Indicator("EECO01", _("Total participants"), Q()),
    Indicator("EECO02", _("Unemployed, incl. long-term unemployed"), Q(labour_status__in=UNEMPLOYED)),
    Indicator("EECO03", _("Long-term unemployed"), Q(labour_status=LabourStatus.LONG_TERM_UNEMPLOYED)),
    Indicator("EECO04", _("Inactive"), Q(labour_status=LabourStatus.INACTIVE)),
    Indicator("EECO05", _("Employed, incl. self-employed"), Q(labour_status=LabourStatus.EMPLOYED)),
    Indicator("EECO06", _("Below 18 years of age"), Q(age_group=AgeGroup.UNDER_18)),
    Indicator("EECO07", _("18–29 years of age"), Q(age_group=AgeGroup.FROM_18_TO_29)),
    Indicator("EECO08", _("55 years of age and above"), Q(age_group=AgeGroup.OVER_54)),
    Indicator("EECO09", _("With ISCED 0–2"), Q(isced=IscedGroup.ISCED_0_2)),
    Indicator("EECO10", _("With ISCED 3–4"), Q(isced=IscedGroup.ISCED_3_4)),
    Indicator("EECO11", _("With ISCED 5–8"), Q(isced=IscedGroup.ISCED_5_8)),
    Indicator("EECO12", _("Participants with disabilities"), Q(disability=True)),
    Indicator("EECO13", _("Third-country nationals"), Q(third_country_national=True)),
    Indicator("EECO14", _("Participants with a foreign background"), Q(foreign_background=True)),
    Indicator("EECO15", _("Minorities"), Q(minority=True)),
    Indicator("EECO16", _("Homeless or affected by housing exclusion"), Q(homeless=True)),
    Indicator("EECO17", _("Participants from rural areas"), Q(rural=True)),
)

RESULT_INDICATORS = (
    Indicator("EECR01", _("Job searching upon leaving"), Q(job_searching=True), FollowUpKind.FOUR_WEEKS),
    Indicator(
        "EECR02", _("In education or training upon leaving"), Q(in_education=True), FollowUpKind.FOUR_WEEKS
    ),
    Indicator(
        "EECR03", _("Gained a qualification upon leaving"), Q(qualification=True), FollowUpKind.FOUR_WEEKS
    ),
    Indicator(
        "EECR04",
        _("In employment, incl. self-employment, upon leaving"),
        Q(employed=True),
        FollowUpKind.FOUR_WEEKS,
    ),
    Indicator(
        "EECR05",
        _("In employment, incl. self-employment, six months after leaving"),
        Q(employed=True),
        FollowUpKind.SIX_MONTHS,
    ),
    Indicator(
        "EECR06",
        _("With an improved labour-market situation six months after leaving"),
        Q(improved=True),
        FollowUpKind.SIX_MONTHS,
    ),
)

ENTITY_INDICATORS = {
    "EECO18": _("Public administrations or public services supported"),
    "EECO19": _("Micro, small and medium-sized enterprises supported"),
}

PERSON_INDICATORS = {indicator.code: indicator for indicator in OUTPUT_INDICATORS + RESULT_INDICATORS}
ALL_CODES = [*PERSON_INDICATORS, *ENTITY_INDICATORS]


def indicator_named(code: str) -> Indicator:
    try:
        return PERSON_INDICATORS[code.upper()]
    except KeyError:
        raise LookupError(code) from None
