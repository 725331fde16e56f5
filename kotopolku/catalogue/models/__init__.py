"""Service catalogue models. Every row has a ``uuid`` (its HSDS ``id``) and ``updated_at``."""

from kotopolku.catalogue.models.base import CatalogueModel, TextsMixin, TranslationModel
from kotopolku.catalogue.models.location import (
    Accessibility,
    Address,
    Location,
    LocationTranslation,
    ServiceAtLocation,
)
from kotopolku.catalogue.models.organisation import OrganisationProfile, OrganisationTranslation
from kotopolku.catalogue.models.paths import (
    ServicePath,
    ServicePathStep,
    ServicePathTranslation,
    ServicePathVariant,
)
from kotopolku.catalogue.models.schedule import Schedule
from kotopolku.catalogue.models.service import (
    Contact,
    CostOption,
    Language,
    Phone,
    RequiredDocument,
    Service,
    ServiceArea,
    ServiceChannel,
    ServiceClassification,
    ServiceTranslation,
)
from kotopolku.catalogue.models.taxonomy import Taxonomy, TaxonomyTerm

__all__ = [
    "Accessibility",
    "Address",
    "CatalogueModel",
    "Contact",
    "CostOption",
    "Language",
    "Location",
    "LocationTranslation",
    "OrganisationProfile",
    "OrganisationTranslation",
    "Phone",
    "RequiredDocument",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceChannel",
    "ServiceClassification",
    "ServicePath",
    "ServicePathStep",
    "ServicePathTranslation",
    "ServicePathVariant",
    "ServiceTranslation",
    "Taxonomy",
    "TaxonomyTerm",
    "TextsMixin",
    "TranslationModel",
]
