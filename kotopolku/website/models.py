"""The public site's own record: which catalogue location gives a service point's address and
hours."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotopolku.core.models import PublicIdModel


class Site(PublicIdModel):
    """A service point's public site. ``location`` is the catalogue entry that gives its
    address, map position, opening hours and the pop-up hours of partners held there."""

    service_point = models.OneToOneField(
        "organisations.ServicePoint", on_delete=models.CASCADE, related_name="site"
    )
    location = models.ForeignKey(
        "catalogue.Location", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_published = models.BooleanField(_("published"), default=True)
    accessibility_assessed_on = models.DateField(_("accessibility last assessed"), null=True, blank=True)

    class Meta:
        verbose_name = _("public site")
        verbose_name_plural = _("public sites")

    def __str__(self) -> str:
        return str(self.service_point)
