"""Choices of the service catalogue. Values follow Open Referral HSDS 3.0 where it has a list."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The languages the staff UI edits side by side; content rows accept any ISO 639 code.
EDIT_LANGUAGES = ("fi", "sv", "en")


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


class FeeKind(models.TextChoices):
    FREE = "free", _("Free of charge")
    CHARGED = "charged", _("Charged")
    PARTLY_CHARGED = "partly_charged", _("Partly charged")
    UNKNOWN = "unknown", _("Not known")


class ChannelKind(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    PHONE = "phone", _("Phone")
    WEB = "web", _("Web page")
    E_SERVICE = "e_service", _("E-service")


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("Physical")
    POSTAL = "postal", _("Postal")
    VIRTUAL = "virtual", _("Virtual")


class PhoneType(models.TextChoices):
    VOICE = "voice", _("Voice")
    TEXT = "text", _("Text message")
    FAX = "fax", _("Fax")
    VIDEO = "video", _("Video")
    CELL = "cell", _("Mobile")
    PAGER = "pager", _("Pager")
    TEXTPHONE = "textphone", _("Textphone")


class ScheduleKind(models.TextChoices):
    REGULAR = "regular", _("Regular hours")
    EXCEPTION = "exception", _("Exception")


class ScheduleFrequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("Weekly")
    MONTHLY = "MONTHLY", _("Monthly")


class Weekday(models.TextChoices):
    MO = "MO", _("Monday")
    TU = "TU", _("Tuesday")
    WE = "WE", _("Wednesday")
    TH = "TH", _("Thursday")
    FR = "FR", _("Friday")
    SA = "SA", _("Saturday")
    SU = "SU", _("Sunday")


WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class LifeSituation(models.TextChoices):
    WORK = "work", _("Moved for work")
    FAMILY = "family", _("Family reunification")
    STUDY = "study", _("Student")
    INTERNATIONAL_PROTECTION = "international_protection", _("International protection")
    TEMPORARY_PROTECTION = "temporary_protection", _("Temporary protection")
    BUSINESS = "business", _("Starting a business")
    OTHER = "other", _("Other")


class StepChange(models.TextChoices):
    """What a local variant does to the common path."""

    ADD = "add", _("Adds a step")
    REPLACE = "replace", _("Replaces a step")
    REMOVE = "remove", _("Removes a step")


class TaxonomyKey(models.TextChoices):
    SERVICE_CLASSES = "ptv-service-classes", _("PTV service classes")
    TARGET_GROUPS = "ptv-target-groups", _("PTV target groups")
    LIFE_EVENTS = "ptv-life-events", _("PTV life events")
