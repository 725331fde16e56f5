from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale 1–5")
    CHOICE = "choice", _("Choice")
    TEXT = "text", _("Free text")


class AnswerChannel(models.TextChoices):
    """How the person reached the survey (from the link they followed)."""

    QR = "qr", _("QR code at the desk")
    SITE = "site", _("Website")
    APPOINTMENT = "appointment", _("Link after an appointment")
    EVENT = "event", _("Link after an event")
