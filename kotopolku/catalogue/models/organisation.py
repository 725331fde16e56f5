"""What the catalogue adds to the foundation's partner organisations."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotopolku.catalogue.models.base import CatalogueModel, TranslationModel


class OrganisationProfile(CatalogueModel):
    """HSDS fields of an ``organisations.Organisation`` that the foundation does not keep.

    The organisation's HSDS ``id`` is ``Organisation.uuid``; its name in fi/sv/en is on the
    organisation; its description per language is ``OrganisationTranslation``.
    """

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="catalogue_profile"
    )
    parent = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catalogue_children",
        verbose_name=_("parent organisation"),
    )
    legal_status = models.CharField(_("legal status"), max_length=200, blank=True)
    tax_status = models.CharField(_("tax status"), max_length=200, blank=True)
    year_incorporated = models.PositiveSmallIntegerField(_("year incorporated"), null=True, blank=True)
    logo = models.URLField(_("logo"), max_length=500, blank=True)
    uri = models.URLField(_("URI"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("organisation profile")
        verbose_name_plural = _("organisation profiles")

    def __str__(self) -> str:
        return str(self.organisation)


class OrganisationTranslation(TranslationModel):
    """An organisation's alternate name and description in one language."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="catalogue_translations"
    )
    name = models.CharField(_("name"), max_length=300, blank=True)
    alternate_name = models.CharField(_("alternate name"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["organisation", "language"]
        verbose_name = _("organisation description")
        verbose_name_plural = _("organisation descriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language"], name="catalogue_org_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} [{self.language}]"
