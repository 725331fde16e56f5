"""The public HSDS 3.0 read API at /api/hsds/: contract, paging, filters, languages, caching, errors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kotopolku.catalogue.models import Service, ServiceAtLocation, ServiceTranslation, Taxonomy, TaxonomyTerm
from kotopolku.catalogue.tests.hsds_support import URLCONF, make_service, spec
from kotopolku.organisations.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLCONF)]

API = "/api/hsds"


@pytest.fixture
def catalogue():
    organisation = OrganisationFactory(name="Kela", name_sv="FPA", name_en="Kela")
    return [make_service(index=i, organisation=organisation if i else None) for i in range(3)]


def _get(client, path, **headers):
    response = client.get(f"{API}{path}", **headers)
    assert response["Content-Type"].startswith("application/json")
    return response


def test_api_root__describes_the_hsds_version(client):
    response = _get(client, "/")

    assert response.status_code == 200
    assert response.json()["version"] == "3.0"
    assert spec().errors("api_info", response.json()) == []


@pytest.mark.parametrize("full", ["", "&full=true"])
def test_services__every_list_and_item__validates_against_hsds(client, catalogue, full):
    contract = spec()
    response = _get(client, f"/services?per_page=2{full}")

    page = response.json()
    assert response.status_code == 200
    assert contract.page_errors("service", page) == []
    assert page["total_items"] == 3 and page["total_pages"] == 2 and page["size"] == 2
    assert page["first_page"] and not page["last_page"] and not page["empty"]
    for item in page["contents"]:
        detail = _get(client, f"/services/{item['id']}").json()
        assert contract.errors("service", detail) == []
        assert detail["service_at_locations"][0]["location"]["addresses"]
        assert detail["attributes"][0]["taxonomy_term"]["taxonomy_detail"]["id"]


@pytest.mark.parametrize("params", ["", "?full=true", "?full_service=true", "?full=true&full_service=true"])
def test_organizations__list_and_item__validate_against_hsds(client, catalogue, params):
    contract = spec()
    page = _get(client, f"/organizations{params}").json()

    assert contract.page_errors("organization", page) == []
    assert page["total_items"] >= 2
    for item in page["contents"]:
        detail = _get(client, f"/organizations/{item['id']}{params}").json()
        assert contract.errors("organization", detail) == []
        assert "services" in detail
    kela = next(item for item in page["contents"] if item["name"] == "Kela")
    detail = _get(client, f"/organizations/{kela['id']}{params}").json()
    assert len(detail["services"]) == 2
    assert ("phones" in detail["services"][0]) == ("full_service" in params)


@pytest.mark.parametrize("full", ["", "?full=true"])
def test_service_at_locations__list_and_item__validate_against_hsds(client, catalogue, full):
    contract = spec()
    page = _get(client, f"/service_at_locations{full}").json()

    assert contract.page_errors("service_at_location", page) == []
    assert page["total_items"] == 3
    detail = _get(client, f"/service_at_locations/{page['contents'][0]['id']}").json()
    assert contract.errors("service_at_location", detail) == []
    assert detail["service"]["id"] and detail["location"]["id"]


def test_taxonomies_and_terms__validate_against_hsds(client, catalogue):
    contract = spec()
    taxonomies = _get(client, "/taxonomies").json()
    terms = _get(client, "/taxonomy_terms?per_page=50").json()

    assert contract.page_errors("taxonomy", taxonomies) == []
    assert contract.page_errors("taxonomy_term", terms) == []
    assert taxonomies["total_items"] == Taxonomy.objects.count()
    assert terms["total_items"] == TaxonomyTerm.objects.count()
    term = terms["contents"][0]
    assert contract.errors("taxonomy_term", _get(client, f"/taxonomy_terms/{term['id']}").json()) == []
    assert contract.errors("taxonomy", _get(client, f"/taxonomies/{term['taxonomy_id']}").json()) == []
    top = _get(client, "/taxonomy_terms?top_only=true&per_page=100").json()["contents"]
    assert top and all("parent_id" not in item for item in top)


def test_services__query_count__does_not_grow_with_the_page_size(client, django_assert_max_num_queries):
    for i in range(8):
        make_service(index=i)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for per_page in (2, 8):
        for full in ("", "&full=true"):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(f"{API}/services?per_page={per_page}{full}")
            assert response.status_code == 200 and response.json()["size"] == per_page
            counts[(per_page, full)] = len(captured.captured_queries)
    assert counts[(2, "")] == counts[(8, "")]
    assert counts[(2, "&full=true")] == counts[(8, "&full=true")]
    with django_assert_max_num_queries(8):
        client.get(f"{API}/services?per_page=8")
    with django_assert_max_num_queries(40):
        client.get(f"{API}/services?per_page=8&full=true")


def test_lists__query_counts_are_bounded(client, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(45):
        client.get(f"{API}/organizations?full=true&full_service=true")
    with django_assert_max_num_queries(45):
        client.get(f"{API}/service_at_locations?full=true")
    with django_assert_max_num_queries(4):
        client.get(f"{API}/taxonomy_terms?per_page=100")


def test_services__language__follows_lang_then_accept_language_then_finnish(client, catalogue):
    service = catalogue[0]
    path = f"/services/{service.uuid}"

    assert _get(client, path).json()["name"] == "Neuvonta 0"
    assert _get(client, f"{path}?lang=sv").json()["name"] == "Rådgivning 0"
    english = _get(client, path, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert english.json()["name"] == "Advice 0" and english["Content-Language"].startswith("en")
    assert _get(client, path, HTTP_ACCEPT_LANGUAGE="de, sv;q=0.5").json()["name"] == "Rådgivning 0"
    assert _get(client, f"{path}?lang=ru").json()["name"] == "Neuvonta 0"
    ServiceTranslation.objects.filter(service=service).exclude(language="en").delete()
    assert _get(client, f"{path}?lang=sv").json()["name"] == "Advice 0"
    listed = _get(client, "/services?lang=sv&per_page=50").json()["contents"]
    assert {item["name"] for item in listed} == {"Advice 0", "Rådgivning 1", "Rådgivning 2"}


def test_services__filters__organization_taxonomy_term_modified_after_and_search(client, catalogue):
    kela_service = catalogue[1]
    term = kela_service.terms.first()
    old = catalogue[0]
    Service.objects.filter(pk=old.pk).update(updated_at=timezone.now() - dt.timedelta(days=30))

    by_org = _get(client, f"/services?organization_id={kela_service.organisation.uuid}").json()
    by_term = _get(client, f"/services?taxonomy_term_id={term.uuid}").json()
    by_code = _get(client, f"/services?taxonomy_term_id={term.code}").json()
    by_uri = _get(client, f"/services?taxonomy_term_id={term.uri}").json()
    by_taxonomy = _get(client, f"/services?taxonomy_id={term.taxonomy.uuid}").json()
    recent = _get(
        client, f"/services?modified_after={(timezone.now() - dt.timedelta(days=1)).isoformat()}"
    ).json()
    searched = _get(client, "/services?search=Rådgivning 1").json()
    no_match = _get(client, "/services?search=zzzqqq").json()

    assert by_org["total_items"] == 2
    assert by_term["total_items"] == by_code["total_items"] == by_uri["total_items"] == 3
    assert by_taxonomy["total_items"] == 3
    assert str(old.uuid) not in {item["id"] for item in recent["contents"]}
    assert recent["total_items"] == 2
    assert [item["id"] for item in searched["contents"]] == [str(kela_service.uuid)]
    assert no_match["empty"] and no_match["total_items"] == 0
    sal = _get(client, f"/service_at_locations?organization_id={kela_service.organisation.uuid}").json()
    assert (
        sal["total_items"]
        == ServiceAtLocation.objects.filter(service__organisation=kela_service.organisation).count()
    )


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("per_page=-1", "per_page"),
        ("per_page=0", "per_page"),
        ("per_page=abc", "per_page"),
        ("page=0", "page"),
        ("page=1.5", "page"),
        ("modified_after=yesterday", "modified_after"),
        ("modified_after=2025-13-45", "modified_after"),
        ("organization_id=42", "organization_id"),
        ("taxonomy_id=' OR 1=1", "taxonomy_id"),
        ("full=maybe", "full"),
        ("search=" + "x" * 10_000, "search"),
        ("lang=<script>", "lang"),
        ("format=ndjson", "format"),
    ],
)
def test_services__bad_parameters__get_400_with_a_message_per_parameter(client, query, parameter):
    response = _get(client, f"/services?{query}")

    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == [parameter]
    assert body["errors"][parameter][0]


def test_bad_parameter_messages__are_in_the_users_language(client):
    response = _get(client, "/services?per_page=abc", HTTP_ACCEPT_LANGUAGE="fi")

    assert response.status_code == 400
    assert response.json()["errors"]["per_page"] == ["Syötä kokonaisluku."]


def test_services__per_page_is_capped_and_pages_beyond_the_end_are_empty(client, catalogue):
    capped = _get(client, "/services?per_page=10000").json()
    beyond = _get(client, "/services?page=99").json()

    assert capped["size"] == 3 and capped["total_pages"] == 1
    assert beyond["contents"] == [] and beyond["empty"] and beyond["total_items"] == 3 and beyond["last_page"]
    assert spec().page_errors("service", beyond) == []


@pytest.mark.parametrize(
    "text",
    ["\x00\x01\x02", "Neuvonta\u202e 1", "<script>alert(1)</script>", "' OR 1=1 --", "a:* & !b | (c", "%_%"],
)
def test_services__hostile_search__is_harmless(client, catalogue, text):
    response = client.get(f"{API}/services", {"search": text})

    assert response.status_code == 200
    assert spec().page_errors("service", response.json()) == []


def test_unknown_ids_and_paths__get_404_json(client, catalogue):
    for path in (
        "/services/00000000-0000-4000-8000-000000000000",
        "/services/not-a-uuid",
        "/organizations/00000000-0000-4000-8000-000000000000",
        "/service_at_locations/x",
        "/taxonomies/x",
        "/taxonomy_terms/00000000-0000-4000-8000-000000000000",
        "/nothing-here",
    ):
        response = _get(client, path)
        assert response.status_code == 404, path
        assert response.json()["detail"]


def test_api__is_public_read_only_and_cacheable(client, catalogue):
    response = _get(client, "/services")

    assert response.status_code == 200
    assert "max-age=" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response["ETag"]
    assert "Accept-Language" in response["Vary"]
    again = client.get(f"{API}/services", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and not again.content
    ServiceTranslation.objects.filter(service=catalogue[0], language="fi").update(name="Uusi nimi")
    Service.objects.filter(pk=catalogue[0].pk).update(updated_at=timezone.now())
    changed = client.get(f"{API}/services", HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200
    posted = client.post(f"{API}/services", {"name": "x"})
    assert posted.status_code == 405 and posted.json()["detail"]
    assert client.delete(f"{API}/services/{catalogue[0].uuid}").status_code == 405


def test_services__search__counts_each_service_once_on_every_page(
    client, catalogue, django_assert_num_queries
):
    # "kuvaus" is in the description of every translation (fi, sv, en) of the three services.
    with django_assert_num_queries(3):  # keys and total in one query, services, organisations
        first = _get(client, "/services?search=kuvaus&per_page=2").json()
    second = _get(client, "/services?search=kuvaus&per_page=2&page=2").json()
    beyond = _get(client, "/services?search=kuvaus&per_page=2&page=3").json()
    of_kela = _get(
        client, f"/services?search=kuvaus&organization_id={catalogue[1].organisation.uuid}&per_page=1"
    ).json()

    assert first["total_items"] == second["total_items"] == beyond["total_items"] == 3
    assert (first["total_pages"], first["size"], second["size"], beyond["size"]) == (2, 2, 1, 0)
    assert second["last_page"] and beyond["empty"] and beyond["last_page"]
    listed = [item["id"] for item in first["contents"] + second["contents"]]
    assert sorted(listed) == sorted(str(service.uuid) for service in catalogue)
    assert of_kela["total_items"] == 2 and of_kela["total_pages"] == 2 and of_kela["size"] == 1
    assert spec().page_errors("service", beyond) == []
