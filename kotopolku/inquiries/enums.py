from django.db import models
from django.utils.translation import gettext_lazy as _


class InquiryKind(models.TextChoices):
    QUESTION = "question", _("Question")
    ACCESSIBILITY = "accessibility", _("Accessibility feedback")


class InquiryStatus(models.TextChoices):
    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed without answer")


class AnswerBy(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
