from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class TranslationState(models.TextChoices):
    """What the per-language status view says of one article in one language."""

    CURRENT = "current", _("Up to date")
    OUTDATED = "outdated", _("Outdated")
    UNPUBLISHED = "unpublished", _("Not published")
    MISSING = "missing", _("Missing")
