from django.db import models
from django.utils.translation import gettext_lazy as _


class LabourStatus(models.TextChoices):
    """A participant's labour-market status at entry (ESF+ Annex I)."""

    UNEMPLOYED = "unemployed", _("Unemployed")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("Long-term unemployed (over 12 months)")
    INACTIVE = "inactive", _("Outside the labour market")
    EMPLOYED = "employed", _("Employed (incl. self-employed)")
    IN_EDUCATION = "in_education", _("In general or vocational education")


class AgeGroup(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    FROM_18_TO_29 = "18_29", _("18–29")
    FROM_30_TO_54 = "30_54", _("30–54")
    OVER_54 = "55_plus", _("55 and over")
    UNKNOWN = "unknown", _("Unknown")


class IscedGroup(models.TextChoices):
    NONE = "", _("Not recorded")
    ISCED_0_2 = "0_2", _("ISCED 0–2 (at most lower secondary)")
    ISCED_3_4 = "3_4", _("ISCED 3–4 (upper or post-secondary)")
    ISCED_5_8 = "5_8", _("ISCED 5–8 (tertiary)")


class ExitReason(models.TextChoices):
    COMPLETED = "completed", _("Completed the project's activities")
    EMPLOYED = "employed", _("Left for work")
    EDUCATION = "education", _("Left for education")
    DROPPED_OUT = "dropped_out", _("Stopped taking part")
    MOVED = "moved", _("Moved away")


class FollowUpKind(models.TextChoices):
    FOUR_WEEKS = "4w", _("4 weeks after exit")
    SIX_MONTHS = "6m", _("6 months after exit")


class TargetKind(models.TextChoices):
    PARTICIPANTS = "participants", _("Participants")
    WORK_OR_EDUCATION_SHARE = "work_education_share", _("Share who move to work or education (%)")
    EMPLOYERS = "employers", _("Employers supported")
    WORKSHOPS = "workshops", _("Co-design workshops")
    SETTLEMENT_PLANS = "settlement_plans", _("Settlement plans")
    SATISFACTION = "satisfaction", _("Client satisfaction (1–5)")
    INDICATOR = "indicator", _("Funder's indicator")


class Gender(models.TextChoices):
    """The funder's breakdown; people who did not tell count in the total only."""

    WOMAN = "woman", _("Women")
    MAN = "man", _("Men")
    NON_BINARY = "non_binary", _("Non-binary")
