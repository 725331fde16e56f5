from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotopolku.core.models import PublicIdModel, TimeStampedModel
from kotopolku.core.versioning import VersionedModel
from kotopolku.organisations.enums import OrganisationKind
from kotopolku.organisations.validators import validate_business_id, validate_theme_colour


class Municipality(TimeStampedModel, VersionedModel):
    code = models.CharField(_("municipality code"), max_length=3, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=100)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    business_id = models.CharField(
        _("business ID"), max_length=9, blank=True, validators=[validate_business_id]
    )
    # The staff UI's look for the service points of this municipality (HDS's primary colour
    # and the logo in the header); empty keeps the product's own.
    theme_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        blank=True,
        validators=[validate_theme_colour],
        help_text=_("A colour as #rrggbb, dark enough for white text on it (contrast 4.5:1 or more)."),
    )
    logo = models.BinaryField(_("logo"), blank=True, default=b"", editable=False)
    logo_type = models.CharField(_("logo file type"), max_length=32, blank=True, editable=False)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name_fi

    def name_in(self, language: str) -> str:
        return self.name_sv if language == "sv" and self.name_sv else self.name_fi


class ServicePoint(PublicIdModel):
    """An International House desk. Client data belongs to a service point."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="service_points")
    served_municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="served_by", verbose_name=_("municipalities served")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    retention_years = models.PositiveSmallIntegerField(
        _("retention period (years)"),
        default=5,
        help_text=_("Client records are anonymised this long after the case closes."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("service point")
        verbose_name_plural = _("service points")

    def __str__(self) -> str:
        return self.name


class Network(PublicIdModel):
    """Service points of several municipalities that work together; one of them leads."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    lead = models.ForeignKey(
        ServicePoint,
        on_delete=models.PROTECT,
        related_name="led_networks",
        verbose_name=_("lead service point"),
    )
    service_points = models.ManyToManyField(ServicePoint, related_name="networks", verbose_name=_("members"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name


class Organisation(PublicIdModel):
    """A partner organisation: authority, municipal service, wellbeing county, NGO, school, company.

    The service catalogue builds on these rows; it does not keep a second copy.
    """

    name = models.CharField(_("name"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    business_id = models.CharField(
        _("business ID"), max_length=9, blank=True, validators=[validate_business_id], db_index=True
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations"
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"], condition=~Q(business_id=""), name="organisation_business_id_unique"
            )
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def name_in(self, language: str) -> str:
        return {"sv": self.name_sv, "en": self.name_en}.get(language) or self.name
