from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeClass(models.TextChoices):
    """The EU definitions of enterprise size (Commission Recommendation 2003/361/EC)."""

    MICRO = "micro", _("Micro (fewer than 10 persons)")
    SMALL = "small", _("Small (10–49 persons)")
    MEDIUM = "medium", _("Medium (50–249 persons)")
    LARGE = "large", _("Large (250 persons or more)")


class PilotStatus(models.TextChoices):
    NONE = "none", _("Not a pilot company")
    PLANNED = "planned", _("Pilot planned")
    ACTIVE = "active", _("Pilot under way")
    COMPLETED = "completed", _("Pilot completed")
    ENDED = "ended", _("Pilot ended early")


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("Company visit")
    CALL = "call", _("Call")
    RECRUITMENT_SUPPORT = "recruitment_support", _("Recruitment support")
    SETTLING_HIRE = "settling_hire", _("Settling a foreign hire and family")
    DIVERSITY_TRAINING = "diversity_training", _("Training on diverse recruitment")
    JOINT_VISIT = "joint_visit", _("Joint visit with another project")


class WorkingHours(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    SHIFTS = "shifts", _("Shift work")
    SEASONAL = "seasonal", _("Seasonal")
    ON_CALL = "on_call", _("On call")


class OpeningVisibility(models.TextChoices):
    ADVERTISED = "advertised", _("Advertised")
    HIDDEN = "hidden", _("Hidden job known through the company")


class OpeningStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")


class ProposalResult(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, no answer yet")
    INTERVIEW = "interview", _("Invited to an interview")
    HIRED = "hired", _("Hired")
    NOT_SELECTED = "not_selected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PlacementKind(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    WORK_TRIAL = "work_trial", _("Work trial")
    INTERNSHIP = "internship", _("Internship")
    SELF_EMPLOYMENT = "self_employment", _("Self-employment")
    STUDY_PLACE = "study_place", _("Study place")


class TravelRange(models.TextChoices):
    OWN_MUNICIPALITY = "own", _("Own municipality only")
    REGION = "region", _("The service point's area")
    ANYWHERE = "anywhere", _("Anywhere in Finland")
