from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    STATE_AUTHORITY = "state_authority", _("State authority")
    MUNICIPAL_SERVICE = "municipal_service", _("Municipal service")
    WELLBEING_COUNTY = "wellbeing_county", _("Wellbeing services county")
    NGO = "ngo", _("Non-governmental organisation")
    EDUCATIONAL = "educational", _("Educational institution")
    COMPANY = "company", _("Company")
