"""Importing and exporting HSDS 3.0: idempotent, refusing bad records whole, round-tripping."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from kotopolku.audit.models import AuditEvent
from kotopolku.catalogue.hsds.export import documents, hsds_export
from kotopolku.catalogue.hsds.importer import catalogue_uuid, hsds_import
from kotopolku.catalogue.hsds.parse import Dataset, add_json, read_path
from kotopolku.catalogue.models import (
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTranslation,
    TaxonomyTerm,
)
from kotopolku.catalogue.tests.hsds_support import examples_dir, make_service, spec
from kotopolku.organisations.models import Organisation

pytestmark = pytest.mark.django_db

SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"

# The fields the catalogue keeps, per HSDS table (compared on the round trip). The report of the
# import lists the rest as not kept.
ROUND_TRIP_FIELDS = {
    "services": (
        "organization_id",
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "interpretation_services",
        "application_process",
        "fees_description",
        "wait_time",
        "accreditations",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "licenses",
        "alert",
    ),
    "organizations": (
        "name",
        "alternate_name",
        "description",
        "email",
        "website",
        "tax_status",
        "year_incorporated",
        "legal_status",
        "logo",
        "uri",
    ),
    "locations": (
        "location_type",
        "url",
        "name",
        "alternate_name",
        "description",
        "transportation",
        "external_identifier",
        "external_identifier_type",
    ),
    "service_at_location": ("service_id", "location_id", "description"),
    "phones": ("number", "extension", "type", "description"),
    "contacts": ("name", "title", "department", "email"),
    "schedules": (
        "valid_from",
        "valid_to",
        "dtstart",
        "timezone",
        "until",
        "count",
        "wkst",
        "freq",
        "interval",
        "byday",
        "byweekno",
        "bymonthday",
        "byyearday",
        "description",
        "opens_at",
        "closes_at",
        "schedule_link",
        "attending_type",
        "notes",
    ),
    "languages": ("name", "code", "note"),
    "addresses": (
        "attention",
        "address_1",
        "address_2",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ),
    "accessibility": ("description", "details", "url"),
    "cost_options": ("valid_from", "valid_to", "option", "currency", "amount", "amount_description"),
    "required_documents": ("document", "uri"),
    "service_areas": ("name", "description", "extent", "extent_type", "uri"),
    "taxonomies": ("name", "description", "uri", "version"),
    "taxonomy_terms": ("code", "name", "description", "taxonomy_id", "term_uri"),
    "attributes": ("link_id", "taxonomy_term_id", "value"),
}


def _import(path: Path, language: str = "en"):
    return hsds_import(datasets=read_path(path), language=language)


def _exported(language: str = "en") -> Dataset:
    dataset = Dataset()
    for name, document in documents(language=language):
        add_json(dataset, document, source=name)
    return dataset


@pytest.mark.parametrize(
    "example", ["service_full.json", "organization_full.json", "service_at_location_full.json"]
)
def test_import__example_then_export__gives_back_the_same_records(example):
    path = examples_dir() / example
    [(_, original)] = read_path(path)

    report = _import(path)
    exported = _exported()

    assert not report.refused
    for table, fields in ROUND_TRIP_FIELDS.items():
        for ident, row in original.rows(table).items():
            assert ident in exported.rows(table), f"{table} {ident} was not exported"
            again = exported.rows(table)[ident]
            for name in fields:
                assert again.get(name) == row.get(name), f"{table} {ident} {name}"


def test_import__twice__creates_nothing_the_second_time():
    first = _import(examples_dir() / "service_full.json")
    second = _import(examples_dir() / "service_full.json")

    assert first.created["service"] == 1 and first.created["phone"] == 1
    assert not second.created and not second.updated
    assert second.unchanged["service"] == 1
    assert Service.objects.count() == 1 and Phone.objects.count() == 1
    assert Service.objects.get().uuid == catalogue_uuid(SERVICE_ID)


def test_import__datapackage__imports_the_service_and_reports_the_bad_reference():
    report = _import(examples_dir() / "csv")

    service = Service.objects.get(uuid=SERVICE_ID)
    assert ServiceAtLocation.objects.filter(service=service).count() == 1
    # The example's taxonomy term points at a taxonomy the package does not have.
    assert [r.ident for r in report.refused] == ["3f7b145d-84af-42d7-8fae-eaca714b02b2"]
    assert "unknown taxonomy" in report.refused[0].reasons[0]


def test_import__all_examples_and_taxonomies__work_together():
    report = _import(examples_dir())

    assert Service.objects.filter(uuid=SERVICE_ID).exists()
    assert TaxonomyTerm.objects.filter(uuid="3f7b145d-84af-42d7-8fae-eaca714b02b2").exists()
    assert report.not_kept["funding"] and report.not_kept["programs"]


def test_import__updated_source__changes_the_row_and_drops_what_it_no_longer_lists(tmp_path):
    _import(examples_dir() / "service_full.json")
    document = json.loads((examples_dir() / "service_full.json").read_text())
    document["name"] = "Community Counselling 2"
    document["phones"] = []
    document["service_at_locations"][0]["contacts"] = []
    changed = tmp_path / "service.json"
    changed.write_text(json.dumps(document))

    report = _import(changed)

    assert report.updated["servicetranslation"] == 1
    translation = ServiceTranslation.objects.get(service__uuid=SERVICE_ID, language="en")
    assert translation.name == "Community Counselling 2" and translation.version == 2
    assert not Phone.objects.filter(service__uuid=SERVICE_ID).exists()


def test_import__language__keeps_other_translations():
    _import(examples_dir() / "service_full.json", language="en")
    document = json.loads((examples_dir() / "service_full.json").read_text())
    document["name"] = "Yhteisöneuvonta"
    dataset = Dataset()
    add_json(dataset, document, source="palvelu.json")

    hsds_import(datasets=[("palvelu.json", dataset)], language="fi")

    names = dict(ServiceTranslation.objects.filter(service__uuid=SERVICE_ID).values_list("language", "name"))
    assert names == {"en": "Community Counselling", "fi": "Yhteisöneuvonta"}


def _services_file(tmp_path: Path, services: list[dict]) -> Path:
    path = tmp_path / "services.json"
    path.write_text(json.dumps(services))
    return path


def _good(ident: str, name: str = "Hyvä palvelu") -> dict:
    return {
        "id": ident,
        "name": name,
        "status": "active",
        "phones": [{"id": f"{ident[:-4]}aaaa", "number": "+358 40 1"}],
        "schedules": [{"id": f"{ident[:-4]}bbbb", "freq": "WEEKLY", "byday": "MO", "opens_at": "09:00"}],
    }


GOOD_1 = "11111111-1111-4111-8111-111111111111"
GOOD_2 = "22222222-2222-4222-8222-222222222222"
BAD = "33333333-3333-4333-8333-333333333333"


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({"id": BAD, "status": "active"}, "name"),
        ({"id": BAD, "name": "X", "status": "maybe"}, "status"),
        ({"id": BAD, "name": 42, "status": "active"}, "expected a string"),
        ({"id": BAD, "name": "X", "status": "active", "minimum_age": 70, "maximum_age": 10}, "minimum_age"),
        ({"id": BAD, "name": "X", "status": "active", "minimum_age": "old"}, "expected a number"),
        ({"id": BAD, "name": "X", "status": "active", "email": "not-an-email"}, "email"),
        ({"id": BAD, "name": "X" * 400, "status": "active"}, "name"),
        ({"id": BAD, "name": "X", "status": "active", "organization_id": GOOD_2}, "unknown organization"),
        (
            {
                "id": BAD,
                "name": "X",
                "status": "active",
                "phones": [{"id": BAD[:-4] + "cccc", "number": "1", "extension": "x"}],
            },
            "extension",
        ),
        (
            {
                "id": BAD,
                "name": "X",
                "status": "active",
                "schedules": [{"id": BAD[:-4] + "dddd", "opens_at": "25:99"}],
            },
            "opens_at",
        ),
        (
            {
                "id": BAD,
                "name": "X",
                "status": "active",
                "service_at_locations": [
                    {"id": BAD[:-4] + "eeee", "location": {"id": GOOD_2, "name": "No type"}}
                ],
            },
            "location",
        ),
    ],
)
def test_import__bad_service__is_refused_whole_and_the_others_are_imported(tmp_path, bad, reason):
    path = _services_file(tmp_path, [_good(GOOD_1), bad])

    report = _import(path)

    assert Service.objects.filter(uuid=GOOD_1).exists()
    assert not Service.objects.filter(uuid=BAD).exists()
    assert not ServiceTranslation.objects.filter(service__uuid=BAD).exists()
    assert not Phone.objects.filter(uuid=BAD[:-4] + "cccc").exists()
    refused = [r for r in report.refused if r.ident == BAD]
    assert refused and reason in " ".join(refused[0].reasons)


def test_import__duplicate_ids_with_different_content__are_refused(tmp_path):
    path = _services_file(tmp_path, [_good(GOOD_1), _good(GOOD_1, name="Toinen nimi"), _good(GOOD_2)])

    report = _import(path)

    assert not Service.objects.filter(uuid=GOOD_1).exists()
    assert Service.objects.filter(uuid=GOOD_2).exists()
    assert "appears twice" in report.refused[0].reasons[0]


def test_import__what_only_the_database_refuses__rolls_back_that_service_alone(tmp_path):
    location = {"id": "44444444-4444-4444-8444-444444444444", "location_type": "physical", "name": "Paikka"}
    bad = _good(BAD)
    # Two services at the same location for one service: the unique constraint says no.
    bad["service_at_locations"] = [
        {"id": "55555555-5555-4555-8555-555555555555", "location": location},
        {"id": "66666666-6666-4666-8666-666666666666", "location": location},
    ]
    path = _services_file(tmp_path, [_good(GOOD_1), bad, _good(GOOD_2)])

    report = _import(path)

    assert set(Service.objects.values_list("uuid", flat=True)) == {
        catalogue_uuid(GOOD_1),
        catalogue_uuid(GOOD_2),
    }
    assert Schedule.objects.count() == 2 and Phone.objects.count() == 2
    assert not ServiceAtLocation.objects.exists()
    assert "database refused" in report.refused[0].reasons[0]


def test_import__malformed_files__are_reported_without_a_crash(tmp_path):
    (tmp_path / "a_broken.json").write_text("{not json")
    (tmp_path / "b_empty.json").write_text("")
    (tmp_path / "c_scalar.json").write_text("42")
    (tmp_path / "d_ok.json").write_text(json.dumps(_good(GOOD_1)))

    report = _import(tmp_path)

    assert Service.objects.filter(uuid=GOOD_1).exists()
    assert len([r for r in report.refused if r.table == "file"]) == 3


def test_import__non_uuid_ids__map_to_stable_uuids(tmp_path):
    path = _services_file(tmp_path, [{"id": "palvelu-1", "name": "Palvelu", "status": "active"}])

    _import(path)
    _import(path)

    assert Service.objects.get().uuid == catalogue_uuid("palvelu-1")


def test_import__is_audited_without_personal_data():
    _import(examples_dir() / "service_full.json")

    event = AuditEvent.objects.get(action="catalogue.hsds_import")
    assert event.actor_id is None
    assert event.details["created"]["service"] == 1
    assert "Ann Persona" not in json.dumps(event.details)


def test_command_import_and_export__print_counts_and_write_files(tmp_path):
    out = io.StringIO()
    call_command(
        "catalogue",
        "import-hsds",
        str(examples_dir() / "service_full.json"),
        "--no-progress",
        "--language",
        "en",
        stdout=out,
    )

    printed = out.getvalue()
    assert "Created: " in printed and "Refused: 0" in printed and "service 1" in printed

    out = io.StringIO()
    call_command("catalogue", "export-hsds", str(tmp_path / "out"), "--no-progress", stdout=out)
    services = json.loads((tmp_path / "out" / "services.json").read_text())
    assert [s["id"] for s in services] == [SERVICE_ID]
    assert AuditEvent.objects.filter(action="catalogue.hsds_export").exists()


def test_export__catalogue__validates_against_the_hsds_schemas_in_json_and_csv(tmp_path):
    contract = spec()
    make_service(index=1)
    make_service(index=2)

    hsds_export(directory=tmp_path / "json", language="sv")
    hsds_export(directory=tmp_path / "csv", fmt="csv", language="sv")

    services = json.loads((tmp_path / "json" / "services.json").read_text())
    organisations = json.loads((tmp_path / "json" / "organizations.json").read_text())
    assert len(services) == 2
    assert services[0]["name"].startswith("Rådgivning")
    for service in services:
        assert contract.errors("service", service) == []
    for organisation in organisations:
        assert contract.errors("organization", organisation) == []
    [(_, from_csv)] = read_path(tmp_path / "csv")
    [(_, from_json)] = read_path(tmp_path / "json" / "services.json")

    def present(rows):
        return {ident: {k: v for k, v in row.items() if v is not None} for ident, row in rows.items()}

    assert present(from_csv.rows("services")) == present(from_json.rows("services"))
    assert from_csv.rows("phones").keys() == from_json.rows("phones").keys()


def test_export_then_import_into_an_empty_catalogue__restores_it(tmp_path):
    service = make_service(index=1)
    hsds_export(directory=tmp_path, language="fi")
    before = _exported(language="fi")
    Service.objects.all().delete()
    Location.objects.all().delete()
    organisation_ids = list(Organisation.objects.values_list("uuid", flat=True))
    Organisation.objects.all().delete()

    report = _import(tmp_path, language="fi")

    assert not report.refused
    assert Service.objects.filter(uuid=service.uuid).exists()
    assert set(Organisation.objects.values_list("uuid", flat=True)) == set(organisation_ids)
    after = _exported(language="fi")
    for table in (
        "services",
        "phones",
        "schedules",
        "contacts",
        "languages",
        "service_at_location",
        "attributes",
    ):
        assert after.rows(table).keys() == before.rows(table).keys(), table
        for ident, row in before.rows(table).items():
            for name in ROUND_TRIP_FIELDS[table]:
                assert after.rows(table)[ident].get(name) == row.get(name), f"{table} {name}"
