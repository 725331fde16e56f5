"""Shared pieces of the HSDS tests: the specification's location, a catalogue with every kind of
row in three languages, and a URLconf with the HSDS API (``@pytest.mark.urls(URLCONF)``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from kotopolku.catalogue.hsds.contract import Contract, contract, hsds_dir
from kotopolku.catalogue.hsds.urls import root_urlpatterns
from kotopolku.catalogue.models import (
    Accessibility,
    Address,
    Contact,
    CostOption,
    Language,
    LocationTranslation,
    OrganisationProfile,
    OrganisationTranslation,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceClassification,
    ServiceTranslation,
    TaxonomyTerm,
)
from kotopolku.catalogue.tests.factories import LocationFactory, ServiceFactory
from kotopolku.organisations.tests.factories import OrganisationFactory, municipality

urlpatterns = root_urlpatterns
URLCONF = "kotopolku.catalogue.tests.hsds_support"


def spec_dir() -> Path:
    found = hsds_dir()
    if found is None:
        pytest.skip("The HSDS 3.0 specification (../shared/data/hsds-3.0 beside the repository) is absent.")
    return found


def examples_dir() -> Path:
    return spec_dir() / "examples"


def spec() -> Contract:
    spec_dir()
    return contract()


def make_service(*, index: int = 0, organisation: object = None, term: TaxonomyTerm | None = None) -> Service:
    """A service with every sub-item the HSDS output has, texts in fi, sv and en."""
    organisation = organisation or OrganisationFactory(
        name=f"Kumppani {index}",
        name_sv=f"Partner {index} sv",
        name_en=f"Partner {index}",
        email="info@example.fi",
    )
    if not OrganisationProfile.objects.filter(organisation=organisation).exists():
        OrganisationProfile.objects.create(
            organisation=organisation, legal_status="Yhdistys", year_incorporated=1990
        )
        for language, text in (("fi", "Kuvaus"), ("sv", "Beskrivning"), ("en", "Description")):
            OrganisationTranslation.objects.create(
                organisation=organisation, language=language, description=text
            )
    service = ServiceFactory(organisation=organisation, url="https://example.fi/palvelu", minimum_age=16)
    for language, name in (
        ("fi", f"Neuvonta {index}"),
        ("sv", f"Rådgivning {index}"),
        ("en", f"Advice {index}"),
    ):
        ServiceTranslation.objects.create(
            service=service, language=language, name=name, description=f"{name} kuvaus", alert=""
        )
    location = LocationFactory(organisation=organisation, latitude=Decimal("66.5"), longitude=Decimal("25.7"))
    LocationTranslation.objects.create(location=location, language="fi", name=f"Toimipiste {index}")
    LocationTranslation.objects.create(location=location, language="en", name=f"Office {index}")
    Address.objects.create(
        location=location,
        address_1="Valtakatu 2",
        postal_code="96100",
        city="Rovaniemi",
        municipality=municipality(),
    )
    Accessibility.objects.create(location=location, texts={"fi": {"description": "Esteetön"}})
    sal = ServiceAtLocation.objects.create(
        service=service, location=location, texts={"en": {"description": "Here"}}
    )
    contact = Contact.objects.create(service_at_location=sal, name="Neuvoja", email="neuvoja@example.fi")
    phone = Phone.objects.create(
        contact=contact, number="+358 40 123 4567", texts={"fi": {"description": "Vaihde"}}
    )
    Language.objects.create(phone=phone, code="ar")
    Phone.objects.create(service=service, number="+358 16 123 456", extension=12)
    Phone.objects.create(location=location, number="+358 16 654 321")
    Language.objects.create(service=service, code="fi")
    Language.objects.create(service=service, code="en", name="English")
    Language.objects.create(location=location, code="sv")
    Schedule.objects.create(
        service=service,
        freq="WEEKLY",
        byday="MO,TU",
        opens_at=dt.time(9),
        closes_at=dt.time(16),
        texts={"fi": {"description": "Arkisin"}, "en": {"description": "Weekdays"}},
    )
    Schedule.objects.create(
        location=location, freq="WEEKLY", byday="FR", opens_at=dt.time(10), closes_at=dt.time(12)
    )
    Schedule.objects.create(
        service_at_location=sal,
        kind="exception",
        valid_from=dt.date(2026, 12, 24),
        valid_to=dt.date(2026, 12, 26),
        is_closed=True,
    )
    CostOption.objects.create(
        service=service, amount=Decimal("12.50"), currency="EUR", texts={"fi": {"option": "Aikuiset"}}
    )
    RequiredDocument.objects.create(
        service=service, uri="https://example.fi/doc", texts={"fi": {"document": "Passi"}}
    )
    ServiceArea.objects.create(
        service=service, municipality=municipality(), texts={"fi": {"description": "Rovaniemi"}}
    )
    ServiceArea.objects.create(service=service, name="Koko Lappi")
    Contact.objects.create(service=service, name="Palveluneuvonta", title="Neuvoja")
    term = term or TaxonomyTerm.objects.filter(taxonomy__key="ptv-service-classes").order_by("code").first()
    if term is not None:
        ServiceClassification.objects.create(service=service, term=term, value="")
    return service
