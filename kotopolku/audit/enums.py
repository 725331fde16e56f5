from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    DONE = "done", _("Done")
    DENIED = "denied", _("Denied")
