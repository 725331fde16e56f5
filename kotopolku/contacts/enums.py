from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WALK_IN = "walk_in", _("Walk-in")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    CHAT = "chat", _("Chat")
    VIDEO = "video", _("Video")
    OUTREACH = "outreach", _("Outreach or pop-up")
    EVENT = "event", _("Event")


class Interpreter(models.TextChoices):
    NONE = "none", _("No interpreter")
    ON_SITE = "on_site", _("On-site interpreter")
    PHONE = "phone", _("Phone interpreter")
    VIDEO = "video", _("Video interpreter")


class ContactOutcome(models.TextChoices):
    INFORMATION = "information", _("Information given")
    GUIDED = "guided", _("Guided to a service")
    REFERRED = "referred", _("Referred")
    APPOINTMENT = "appointment", _("Appointment booked")
