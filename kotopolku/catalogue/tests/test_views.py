from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kotopolku.audit.models import AuditEvent
from kotopolku.catalogue.enums import TaxonomyKey
from kotopolku.catalogue.models import Schedule, Service, ServiceArea, ServiceClassification, TaxonomyTerm
from kotopolku.catalogue.tests.factories import (
    ScheduleFactory,
    ServiceAtLocationFactory,
    location_named,
    service_named,
)
from kotopolku.organisations.models import Municipality
from kotopolku.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def service_form_data(organisation, /, **overrides):
    data = {
        "organisation": organisation.pk,
        "status": "active",
        "fees": "free",
        "url": "https://www.kela.fi/muutto-suomeen",
        "email": "",
        "minimum_age": "",
        "maximum_age": "",
        "channels": ["on_site", "phone"],
        "e_service_url": "",
        "languages": "fi, sv, en, ar",
        "municipalities": [Municipality.objects.get(code="698").pk],
        "terms": [TaxonomyTerm.objects.get(taxonomy__key=TaxonomyKey.SERVICE_CLASSES, code="P1").pk],
        "fi-name": "Kelan asiakaspalvelu",
        "fi-description": "Neuvontaa Kelan etuuksista.",
        "fi-documents": "Passi\nOleskelulupa",
        "sv-name": "FPA:s kundservice",
        "sv-documents": "Pass\nUppehållstillstånd",
        "en-name": "Kela customer service",
        "en-documents": "Passport\nResidence permit",
    }
    data.update(overrides)
    return data


def test_service_list__lists_services_in_a_fixed_number_of_queries(
    advisor_client, django_assert_max_num_queries
):
    for n in range(12):
        service_named(f"Palvelu {n}", en=f"Service {n}")
    with django_assert_max_num_queries(12):
        response = advisor_client.get(reverse("catalogue:service_list"))
    assert response.status_code == 200
    assert "Palvelu 11" in response.content.decode()


@pytest.mark.parametrize("query", ["Kotoutumis", "integration", "integration training"])
def test_service_list__search__finds_by_name_in_any_language(advisor_client, query):
    service_named("Kotoutumiskoulutus", en="Integration training")
    service_named("Verokortti", en="Tax card")
    content = advisor_client.get(reverse("catalogue:service_list"), {"q": query}).content.decode()
    assert "Kotoutumiskoulutus" in content
    assert "Verokortti" not in content


def test_service_list__filters_by_class_organisation_and_municipality(
    advisor_client, django_assert_max_num_queries
):
    kela = OrganisationFactory(name="Kela")
    housing = TaxonomyTerm.objects.get(taxonomy__key=TaxonomyKey.SERVICE_CLASSES, code="P1")
    child = housing.children.first()
    wanted = service_named("Asumisen tuki", organisation=kela)
    ServiceClassification.objects.create(service=wanted, term=child)
    ServiceArea.objects.create(service=wanted, municipality=Municipality.objects.get(code="698"))
    other = service_named("Työnhaku")
    ServiceArea.objects.create(service=other, municipality=Municipality.objects.get(code="240"))
    url = reverse("catalogue:service_list")
    for params in (
        {"term": housing.pk},
        {"organisation": kela.pk},
        {"municipality": Municipality.objects.get(code="698").pk},
    ):
        with django_assert_max_num_queries(14):
            content = advisor_client.get(url, params).content.decode()
        assert "Asumisen tuki" in content and "Työnhaku" not in content, params


def test_service_list__malformed_filter__is_400_with_message(advisor_client):
    response = advisor_client.get(
        reverse("catalogue:service_list"), {"organisation": "x'; drop", "q": "a\u202eb"}
    )
    assert response.status_code == 400
    assert "field-error" in response.content.decode()


def test_service_list__partner_staff__is_forbidden(client):
    from kotopolku.accounts.enums import Role
    from kotopolku.catalogue.tests.conftest import user_with_role

    client.force_login(user_with_role(Role.PARTNER_STAFF))
    assert client.get(reverse("catalogue:service_list")).status_code == 403


def test_service_detail__shows_texts_hours_and_locations(advisor_client):
    service = service_named("Neuvonta", en="Advice")
    location = location_named("International House Rovaniemi")
    ServiceAtLocationFactory(service=service, location=location)
    ScheduleFactory(service=None, location=location)
    response = advisor_client.get(reverse("catalogue:service_detail", args=[service.uuid]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "International House Rovaniemi" in content and "8.00–16.00" in content  # the Finnish form of times
    assert "Mark as checked" not in content and "Merkitse tarkistetuksi" not in content


def test_service_detail__unknown_uuid__is_404(advisor_client):
    assert advisor_client.get("/catalogue/services/7c0c63c5-1c5b-4b2b-9a4f-2a4b7b0c6b11/").status_code == 404


def test_service_create__with_translations_and_lists__saves_everything_and_audits(
    coordinator_client, coordinator
):
    kela = OrganisationFactory(name="Kela")
    response = coordinator_client.post(reverse("catalogue:service_create"), service_form_data(kela))
    assert response.status_code == 302, response.content.decode()[:3000]
    service = Service.objects.get()
    assert {t.language: t.name for t in service.translations.all()} == {
        "fi": "Kelan asiakaspalvelu",
        "sv": "FPA:s kundservice",
        "en": "Kela customer service",
    }
    assert sorted(service.languages.values_list("code", flat=True)) == ["ar", "en", "fi", "sv"]
    assert sorted(service.channels.values_list("kind", flat=True)) == ["on_site", "phone"]
    assert [d.text("document", "sv") for d in service.required_documents.all()] == [
        "Pass",
        "Uppehållstillstånd",
    ]
    assert service.service_areas.get().municipality.code == "698"
    assert service.terms.get().code == "P1"
    sv = service.translations.get(language="sv")
    assert (sv.source_language, sv.source_version) == ("fi", 1)
    assert AuditEvent.objects.filter(actor=coordinator, action="catalogue.service_created").exists()


def test_service_edit__changed_source__makes_translation_outdated(coordinator_client):
    kela = OrganisationFactory()
    coordinator_client.post(reverse("catalogue:service_create"), service_form_data(kela))
    service = Service.objects.get()
    data = service_form_data(kela, **{"fi-description": "Uusi kuvaus."})
    response = coordinator_client.post(reverse("catalogue:service_edit", args=[service.uuid]), data)
    assert response.status_code == 302
    fi, sv = service.translations.get(language="fi"), service.translations.get(language="sv")
    assert fi.version == 2 and sv.source_version == 1
    page = coordinator_client.get(reverse("catalogue:service_detail", args=[service.uuid])).content.decode()
    assert "catalogue-outdated" in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("fi-name", "Kela\u202egnirts"),
        ("fi-description", "a\x00b"),
        ("fi-name", "x" * 10_000),
        ("fi-name", ""),
        ("languages", "fi, <script>"),
        ("minimum_age", "abc"),
        ("maximum_age", "-4"),
        ("url", "javascript:alert(1)"),
        ("organisation", "999999"),
        ("terms", "not-a-number"),
    ],
)
def test_service_create__bad_input__is_400_and_writes_nothing(coordinator_client, field, value):
    kela = OrganisationFactory()
    response = coordinator_client.post(
        reverse("catalogue:service_create"), service_form_data(kela, **{field: value})
    )
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    assert not Service.objects.exists()


def test_service_create__html_in_text__is_stored_and_shown_escaped(coordinator_client):
    kela = OrganisationFactory()
    coordinator_client.post(
        reverse("catalogue:service_create"), service_form_data(kela, **{"fi-name": "<b>Kela</b>"})
    )
    service = Service.objects.get()
    content = coordinator_client.get(
        reverse("catalogue:service_detail", args=[service.uuid])
    ).content.decode()
    assert "&lt;b&gt;Kela&lt;/b&gt;" in content and "<b>Kela</b>" not in content


def test_service_edit__advisor__is_forbidden_and_audited(advisor_client, advisor):
    service = service_named("Neuvonta")
    assert advisor_client.get(reverse("catalogue:service_edit", args=[service.uuid])).status_code == 403
    assert advisor_client.post(reverse("catalogue:service_check", args=[service.uuid])).status_code == 403
    assert AuditEvent.objects.filter(actor=advisor, action="catalogue.manage", outcome="denied").count() == 2


def test_service_check__sets_last_checked_and_leaves_the_unchecked_list(coordinator_client, coordinator):
    old = service_named("Vanha tieto")
    Service.objects.filter(pk=old.pk).update(last_checked_at=timezone.now() - timedelta(days=200))
    fresh = service_named("Tuore tieto")
    Service.objects.filter(pk=fresh.pk).update(last_checked_at=timezone.now() - timedelta(days=10))
    never = service_named("Ei koskaan")
    page = coordinator_client.get(reverse("catalogue:service_unchecked")).content.decode()
    assert "Vanha tieto" in page and "Ei koskaan" in page and "Tuore tieto" not in page
    response = coordinator_client.post(
        reverse("catalogue:service_check", args=[never.uuid]), {"next": "unchecked"}
    )
    assert response.status_code == 302
    never.refresh_from_db()
    assert never.last_checked_by == coordinator and never.last_checked_at is not None
    page = coordinator_client.get(reverse("catalogue:service_unchecked")).content.decode()
    assert "Ei koskaan" not in page
    assert AuditEvent.objects.filter(action="catalogue.service_checked").count() == 1


def test_service_unchecked__query_count(advisor_client, django_assert_max_num_queries):
    for n in range(10):
        service_named(f"Palvelu {n}")
    with django_assert_max_num_queries(12):
        assert advisor_client.get(reverse("catalogue:service_unchecked")).status_code == 200


def test_location_create__with_address_and_accessibility(coordinator_client):
    service = service_named("Neuvonta")
    data = {
        "fi-name": "Kemin palvelupiste",
        "sv-name": "Kemi servicepunkt",
        "en-name": "Kemi service point",
        "fi-accessibility": "Esteetön sisäänkäynti",
        "address_1": "Valtakatu 26",
        "postal_code": "94100",
        "city": "Kemi",
        "municipality": Municipality.objects.get(code="240").pk,
        "location_type": "physical",
        "latitude": "65.7355",
        "longitude": "24.5637",
        "organisation": service.organisation.pk,
    }
    response = coordinator_client.post(reverse("catalogue:location_create", args=[service.uuid]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    link = service.service_at_locations.get()
    assert link.location.addresses.get().city == "Kemi"
    assert link.location.accessibility.get().text("description", "fi") == "Esteetön sisäänkäynti"


def test_location_create__bad_postal_code__is_400(coordinator_client):
    service = service_named("Neuvonta")
    data = {
        "fi-name": "Paikka",
        "address_1": "Katu 1",
        "postal_code": "9410",
        "city": "Kemi",
        "location_type": "physical",
    }
    assert (
        coordinator_client.post(reverse("catalogue:location_create", args=[service.uuid]), data).status_code
        == 400
    )


def test_schedule_create__regular_and_exception(coordinator_client):
    service = service_named("Neuvonta")
    url = reverse("catalogue:schedule_create", args=[service.uuid])
    response = coordinator_client.post(
        url,
        {
            "owner": "service",
            "kind": "regular",
            "days": ["MO", "FR"],
            "opens_at": "22:00",
            "closes_at": "02:00",
        },
    )
    assert response.status_code == 302
    schedule = Schedule.objects.get()
    assert (schedule.byday, schedule.service_id) == ("MO,FR", service.pk)
    response = coordinator_client.post(
        url, {"owner": "service", "kind": "exception", "valid_from": "2026-12-06", "is_closed": "on"}
    )
    assert response.status_code == 302
    assert Schedule.objects.filter(kind="exception", is_closed=True).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "regular", "opens_at": "08:00", "closes_at": "16:00"},
        {"kind": "exception", "opens_at": "08:00", "closes_at": "16:00"},
        {"kind": "regular", "days": ["MO"], "opens_at": "25:00", "closes_at": "16:00"},
        {"kind": "exception", "valid_from": "2026-12-06"},
        {"kind": "regular", "days": ["XX"], "opens_at": "08:00", "closes_at": "16:00"},
    ],
)
def test_schedule_create__bad_input__is_400(coordinator_client, data):
    service = service_named("Neuvonta")
    response = coordinator_client.post(
        reverse("catalogue:schedule_create", args=[service.uuid]), {"owner": "service", **data}
    )
    assert response.status_code == 400
    assert not Schedule.objects.exists()


def test_schedule_create__location_of_another_service__is_refused(coordinator_client):
    service = service_named("Neuvonta")
    foreign = location_named("Muu paikka")
    response = coordinator_client.post(
        reverse("catalogue:schedule_create", args=[service.uuid]),
        {
            "owner": f"location:{foreign.uuid}",
            "kind": "regular",
            "days": ["MO"],
            "opens_at": "08:00",
            "closes_at": "16:00",
        },
    )
    assert response.status_code == 400
    assert not Schedule.objects.exists()


def test_location_check__coordinator_marks_checked_advisor_cannot(
    coordinator_client, advisor_client, coordinator
):
    location = location_named("Toimipiste")
    url = reverse("catalogue:location_check", args=[location.uuid])
    assert advisor_client.post(url).status_code == 403
    assert coordinator_client.post(url).status_code == 302
    location.refresh_from_db()
    assert location.last_checked_by == coordinator
    assert AuditEvent.objects.filter(action="catalogue.location_checked").count() == 1


def test_service_list__search_combined_with_filters(advisor_client, django_assert_max_num_queries):
    rovaniemi, kemi = Municipality.objects.get(code="698"), Municipality.objects.get(code="240")
    here = service_named("Työnhaun neuvonta Rovaniemi")
    ServiceArea.objects.create(service=here, municipality=rovaniemi)
    there = service_named("Työnhaun neuvonta Kemi")
    ServiceArea.objects.create(service=there, municipality=kemi)
    with django_assert_max_num_queries(14):
        content = advisor_client.get(
            reverse("catalogue:service_list"), {"q": "työnhaun", "municipality": kemi.pk}
        ).content.decode()
    assert "Työnhaun neuvonta Kemi" in content and "Työnhaun neuvonta Rovaniemi" not in content
