from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseOpenedBy(models.TextChoices):
    """Why the case was opened: how the client came to the service point."""

    DESK = "desk", _("At the desk")
    REFERRAL_IN = "referral_in", _("Referral from another organisation")
    EMPLOYER = "employer", _("Through an employer")
    TRANSFER = "transfer", _("Transferred from another service point")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CaseCloseReason(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("Goals reached")
    MOVED_AWAY = "moved_away", _("Moved away")
    CLIENT_WISH = "client_wish", _("At the client's wish")
    NO_CONTACT = "no_contact", _("No contact with the client")
    OTHER = "other", _("Other")


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class Relation(models.TextChoices):
    MAIN = "main", _("Main person")
    SPOUSE = "spouse", _("Spouse or partner")
    CHILD = "child", _("Child")
    OTHER = "other", _("Other family member")


class CodeScheme(models.TextChoices):
    ISCO08 = "isco08", _("Occupation (ISCO-08)")
    ISCED_LEVEL = "isced2011", _("Level of education (ISCED 2011)")
    ISCED_FIELD = "iscedf2013", _("Field of education (ISCED-F 2013)")


class Cefr(models.TextChoices):
    NONE = "none", _("No skill")
    PRE_A1 = "pre_a1", _("Below A1")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"
    NATIVE = "native", _("First language")


CEFR_SKILLS = ("listening", "speaking", "reading", "writing")


class Literacy(models.TextChoices):
    LITERATE = "literate", _("Reads and writes")
    PARTLY = "partly", _("Reads and writes a little")
    NOT_LITERATE = "not_literate", _("Does not read or write")


class PlanNeed(models.TextChoices):
    """The assessment's conclusion: which plan the client needs."""

    NONE = "none", _("No plan needed")
    SETTLEMENT = "settlement", _("Settlement plan")
    INTEGRATION = "integration", _("Integration plan")
    REFERRAL = "referral", _("Referral only")


class PlanKind(models.TextChoices):
    SETTLEMENT = "settlement", _("Settlement plan")
    INTEGRATION = "integration", _("Integration plan")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ENDED = "ended", _("Ended early")


class StepOwner(models.TextChoices):
    CLIENT = "client", _("Client")
    ADVISOR = "advisor", _("Advisor")
    PARTNER = "partner", _("Partner organisation")


class StepStatus(models.TextChoices):
    TODO = "todo", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STEP_STATUSES = (StepStatus.TODO, StepStatus.IN_PROGRESS)
