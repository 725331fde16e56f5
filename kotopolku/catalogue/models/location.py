"""Locations, addresses, accessibility and services at locations."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotopolku.catalogue.enums import LocationType
from kotopolku.catalogue.models.base import CatalogueModel, CheckedMixin, TextsMixin, TranslationModel
from kotopolku.core.versioning import VersionedModel


class Location(CatalogueModel, CheckedMixin, VersionedModel):
    """A place (or virtual location) where services are given (HSDS ``location``)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="catalogue_locations",
        verbose_name=_("organisation"),
    )
    location_type = models.CharField(
        _("type"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    url = models.URLField(_("web page"), max_length=500, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    external_identifier = models.CharField(_("external identifier"), max_length=200, blank=True)
    external_identifier_type = models.CharField(_("external identifier type"), max_length=100, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return str(self.uuid)


class LocationTranslation(TranslationModel):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=300)
    alternate_name = models.CharField(_("alternate name"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    transportation = models.TextField(_("how to get there"), blank=True)

    class Meta:
        ordering = ["location", "language"]
        verbose_name = _("location translation")
        verbose_name_plural = _("location translations")
        constraints = [
            models.UniqueConstraint(
                fields=["location", "language"], name="catalogue_location_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.language}]"


class Address(CatalogueModel):
    """A street or postal address of a location (HSDS ``address``)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    address_type = models.CharField(
        _("type"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    attention = models.CharField(_("attention"), max_length=200, blank=True)
    address_1 = models.CharField(_("street address"), max_length=300)
    address_2 = models.CharField(_("address line 2"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20)
    city = models.CharField(_("post office"), max_length=100)
    region = models.CharField(_("region"), max_length=100, blank=True)
    state_province = models.CharField(_("state or province"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="FI", help_text=_("ISO 3166-1 alpha-2"))
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="catalogue_addresses",
        verbose_name=_("municipality"),
    )

    class Meta:
        ordering = ["location", "address_type", "id"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return f"{self.address_1}, {self.postal_code} {self.city}"


class Accessibility(CatalogueModel, TextsMixin):
    """Accessibility of a location (HSDS ``accessibility``). ``texts``: ``description``, ``details``."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    url = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("accessibility")
        verbose_name_plural = _("accessibility")


class ServiceAtLocation(CatalogueModel, TextsMixin):
    """A service given at a location (HSDS ``service_at_location``). ``texts``: ``description``."""

    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")

    class Meta:
        verbose_name = _("service at location")
        verbose_name_plural = _("services at locations")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="catalogue_service_at_location_unique"
            )
        ]
