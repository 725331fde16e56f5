from django.db import models
from django.utils.translation import gettext_lazy as _


class AppointmentKind(models.TextChoices):
    ADVISOR = "advisor", _("With an advisor")
    PERMIT_EXPERT = "permit_expert", _("With the residence-permit expert")
    JOINT = "joint", _("Joint appointment with partners")
    POPUP = "popup", _("Pop-up hour of an authority")


class AppointmentChannel(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video")


class AppointmentStatus(models.TextChoices):
    OPEN = "open", _("Free slot")
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("No-show")
    DONE = "done", _("Held")


class InterpreterMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video")


class RequestStatus(models.TextChoices):
    NEW = "new", _("New")
    HANDLED = "handled", _("Handled")


class SlotState(models.TextChoices):
    FREE = "free", _("Free")
    BOOKED = "booked", _("Booked")
    ABSENT = "absent", _("Absent")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")
