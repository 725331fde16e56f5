from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADVISOR = "advisor", _("Advisor")
    PERMIT_EXPERT = "permit_expert", _("Residence-permit expert")
    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER_STAFF = "partner_staff", _("Partner staff")
    REPORTING_VIEWER = "reporting_viewer", _("Reporting viewer")
    ADMINISTRATOR = "administrator", _("Administrator")


STAFF_ROLES = frozenset({Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR, Role.ADMINISTRATOR})
