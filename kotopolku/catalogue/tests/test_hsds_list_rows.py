"""The HSDS service lists read as plain rows: the same documents as the detail, constant queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotopolku.catalogue.models import OrganisationProfile, OrganisationTranslation, ServiceTranslation
from kotopolku.catalogue.tests.factories import ServiceFactory, service_named
from kotopolku.catalogue.tests.hsds_support import URLCONF, make_service
from kotopolku.organisations.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLCONF)]

API = "/api/hsds"
# What only the detail (full) document has.
FULL_ONLY = {
    "phones",
    "schedules",
    "service_areas",
    "languages",
    "cost_options",
    "required_documents",
    "contacts",
    "attributes",
    "service_at_locations",
}


@pytest.fixture
def many_services():
    """55 services: shared and own organisations, with and without a profile (and its parent),
    one without an organisation, one with no Finnish text, one with no text at all."""
    parent = OrganisationFactory(name="Emo")
    shared = OrganisationFactory(name="Yhteinen", name_sv="Gemensam")
    OrganisationProfile.objects.create(organisation=shared, parent=parent, tax_status="verovapaa", logo="")
    OrganisationTranslation.objects.create(organisation=shared, language="sv", alternate_name="Gem")
    services = [make_service(index=0)]
    for index in range(50):
        organisation = shared if index % 3 else None
        kwargs = {"organisation": organisation} if organisation else {}
        services.append(
            service_named(f"Palvelu {index}", sv=f"Tjänst {index}", description="Kuvaus", **kwargs)
        )
    services.append(service_named("Ilman järjestäjää", organisation=None))
    swedish_only = service_named("x", sv="Bara svenska")
    ServiceTranslation.objects.filter(service=swedish_only, language="fi").delete()
    services.append(swedish_only)
    services.append(ServiceFactory())
    return services


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{API}{path}")
    assert response.status_code == 200
    return len(captured.captured_queries), response.json()


@pytest.mark.parametrize("extra", ["", "&lang=sv", "&search=palvelu"])
def test_service_list__query_count__is_the_same_for_5_and_50_rows(client, many_services, extra):
    small, five = _queries(client, f"/services?per_page=5{extra}")
    large, fifty = _queries(client, f"/services?per_page=50{extra}")

    assert (five["size"], fifty["size"]) == (5, 50)
    assert small == large


@pytest.mark.parametrize("lang", ["fi", "sv", "en", "de"])
def test_service_list__rows__render_as_the_detail_does(client, many_services, lang):
    listed = []
    for page in (1, 2):
        listed += client.get(f"{API}/services?per_page=50&page={page}&lang={lang}").json()["contents"]

    assert len(listed) == len(many_services)
    for item in listed:
        detail = client.get(f"{API}/services/{item['id']}?lang={lang}").json()
        assert item == {key: value for key, value in detail.items() if key not in FULL_ONLY}
