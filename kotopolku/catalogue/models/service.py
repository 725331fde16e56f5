"""Services and their sub-items (HSDS ``service`` and what hangs off it)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotopolku.catalogue.enums import ChannelKind, FeeKind, PhoneType, ServiceStatus
from kotopolku.catalogue.models.base import (
    CatalogueModel,
    CheckedMixin,
    TextsMixin,
    TranslationModel,
    language_field,
)
from kotopolku.core.versioning import VersionedModel


class ServiceQuerySet(models.QuerySet["Service"]):
    def active(self) -> ServiceQuerySet:
        return self.filter(status=ServiceStatus.ACTIVE)


class Service(CatalogueModel, CheckedMixin, VersionedModel):
    """A service a partner organisation gives. Names and texts per language: ``translations``."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="catalogue_services",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    url = models.URLField(_("web page"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    fees = models.CharField(_("fees"), max_length=20, choices=FeeKind.choices, default=FeeKind.UNKNOWN)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(150)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(150)]
    )
    terms = models.ManyToManyField(
        "catalogue.TaxonomyTerm",
        through="catalogue.ServiceClassification",
        related_name="services",
        blank=True,
        verbose_name=_("classification"),
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=models.F("maximum_age")),
                name="catalogue_service_age_range",
            )
        ]

    def __str__(self) -> str:
        return str(self.uuid)


class ServiceTranslation(TranslationModel):
    """A service's name and texts in one language (HSDS ``service`` text fields)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=300)
    alternate_name = models.CharField(_("alternate name"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    application_process = models.TextField(_("how to apply"), blank=True)
    eligibility_description = models.TextField(_("eligibility"), blank=True)
    fees_description = models.TextField(_("fees"), blank=True)
    interpretation_services = models.TextField(_("interpretation"), blank=True)
    wait_time = models.CharField(_("waiting time"), max_length=300, blank=True)
    alert = models.TextField(_("notice"), blank=True)
    accreditations = models.TextField(_("accreditations"), blank=True)
    licenses = models.TextField(_("licences"), blank=True)

    TEXT_FIELDS = (
        "name",
        "alternate_name",
        "description",
        "application_process",
        "eligibility_description",
        "fees_description",
        "interpretation_services",
        "wait_time",
        "alert",
        "accreditations",
        "licenses",
    )

    class Meta:
        ordering = ["service", "language"]
        verbose_name = _("service translation")
        verbose_name_plural = _("service translations")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "language"], name="catalogue_service_translation_unique"
            )
        ]
        indexes = [models.Index(fields=["language", "name"], name="catalogue_svc_tr_lang_name")]

    def __str__(self) -> str:
        return f"{self.name} [{self.language}]"


class ServiceClassification(CatalogueModel):
    """A service's link to a taxonomy term (HSDS ``attribute`` with ``link_entity`` service)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="classifications")
    term = models.ForeignKey(
        "catalogue.TaxonomyTerm", on_delete=models.CASCADE, related_name="classifications"
    )
    value = models.CharField(_("value"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("service classification")
        verbose_name_plural = _("service classifications")
        constraints = [
            models.UniqueConstraint(fields=["service", "term"], name="catalogue_service_term_unique")
        ]


class ServiceChannel(CatalogueModel, TextsMixin):
    """How the service is reached: on site, by phone, on a web page, through an e-service.

    ``texts``: ``{"fi": {"description": "…"}}``.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("channel"), max_length=20, choices=ChannelKind.choices)
    url = models.URLField(_("address"), max_length=500, blank=True)

    class Meta:
        ordering = ["service", "kind"]
        verbose_name = _("service channel")
        verbose_name_plural = _("service channels")
        constraints = [
            models.UniqueConstraint(fields=["service", "kind"], name="catalogue_service_channel_unique")
        ]


class CostOption(CatalogueModel, TextsMixin):
    """A price of the service (HSDS ``cost_option``). ``texts``: ``option``, ``amount_description``."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR", blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["service", "amount"]
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")


class RequiredDocument(CatalogueModel, TextsMixin):
    """A document the client must bring (HSDS ``required_document``). ``texts``: ``document``."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="required_documents")
    uri = models.URLField(_("link"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["service", "position", "id"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")


class ServiceArea(CatalogueModel, TextsMixin):
    """Where the service is given (HSDS ``service_area``): a municipality, or a named area.

    ``name`` is for areas that are not one municipality (``Koko Suomi``, an imported region);
    ``texts``: ``description``.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="catalogue_service_areas",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=300, blank=True)
    extent = models.TextField(_("extent"), blank=True)
    extent_type = models.CharField(_("extent type"), max_length=50, blank=True)
    uri = models.CharField(_("URI"), max_length=500, blank=True)

    class Meta:
        ordering = ["service", "municipality__name_fi", "name"]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "municipality"],
                condition=Q(municipality__isnull=False),
                name="catalogue_service_area_municipality_unique",
            ),
            models.CheckConstraint(
                condition=Q(municipality__isnull=False) | ~Q(name=""), name="catalogue_service_area_named"
            ),
        ]

    def name_in(self, language: str) -> str:
        if self.municipality_id is not None:
            return self.municipality.name_in(language)  # type: ignore[union-attr]
        return self.name


class Language(CatalogueModel):
    """A language a service, location or phone line serves in (HSDS ``language``)."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    location = models.ForeignKey(
        "catalogue.Location", on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    phone = models.ForeignKey(
        "catalogue.Phone", on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    code = language_field(db_index=True)
    name = models.CharField(
        _("name"), max_length=100, blank=True, help_text=_("Left empty: the name of the code.")
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False, location__isnull=True, phone__isnull=True)
                | Q(service__isnull=True, location__isnull=False, phone__isnull=True)
                | Q(service__isnull=True, location__isnull=True, phone__isnull=False),
                name="catalogue_language_one_owner",
            ),
            models.UniqueConstraint(
                fields=["service", "code"],
                condition=Q(service__isnull=False),
                name="catalogue_service_language_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class Contact(CatalogueModel):
    """A named contact person or desk (HSDS ``contact``). Public work contact data only."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="catalogue_contacts",
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    service_at_location = models.ForeignKey(
        "catalogue.ServiceAtLocation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
    )
    location = models.ForeignKey(
        "catalogue.Location", on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name or self.department or self.email


class Phone(CatalogueModel, TextsMixin):
    """A phone number (HSDS ``phone``) of exactly one owner. ``texts``: ``description``."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="catalogue_phones",
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    location = models.ForeignKey(
        "catalogue.Location", on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service_at_location = models.ForeignKey(
        "catalogue.ServiceAtLocation", on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(_("number"), max_length=50)
    extension = models.PositiveIntegerField(_("extension"), null=True, blank=True)
    type = models.CharField(
        _("type"), max_length=20, choices=PhoneType.choices, default=PhoneType.VOICE, blank=True
    )

    class Meta:
        ordering = ["number", "id"]
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self) -> str:
        return self.number
