"""Reading HSDS 3.0 into flat tables (no database)."""

from __future__ import annotations

import datetime as dt
import json

from kotopolku.catalogue.hsds.parse import Dataset, add_csv, add_json, read_path
from kotopolku.catalogue.tests.hsds_support import examples_dir

SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"


def test_parse__service_full_example__flattens_every_nested_table_once():
    [(source, dataset)] = read_path(examples_dir() / "service_full.json")

    assert source == "service_full.json"
    assert not dataset.problems and not dataset.file_problems
    counts = dataset.count()
    for table in (
        "services",
        "organizations",
        "locations",
        "service_at_location",
        "phones",
        "schedules",
        "languages",
    ):
        assert counts[table] == 1, table
    service = dataset.rows("services")[SERVICE_ID]
    assert service["minimum_age"] == 12
    assert service["assured_date"] == dt.date(2005, 1, 1)
    assert service["last_modified"].tzinfo is not None
    assert service["organization_id"] == "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
    phone = dataset.rows("phones")["1554f2e2-a373-45db-a3fa-9fc48a61c15e"]
    # The same phone is nested under the service, its location, its contact and the organisation.
    assert phone["service_id"] == SERVICE_ID
    assert phone["contact_id"] == "1e7efce3-639b-4880-940c-b95cd30cdb50"
    assert phone["location_id"] == "3a19ff88-4620-4d17-9830-ac1d859eb5d5"


def test_parse__datapackage_and_tabular_json__give_the_same_services():
    [(_, csv_dataset)] = read_path(examples_dir() / "csv")
    [(_, tabular)] = read_path(examples_dir() / "tabular.json")

    assert not csv_dataset.problems and not csv_dataset.file_problems
    assert csv_dataset.rows("services")[SERVICE_ID] == tabular.rows("services")[SERVICE_ID]
    assert csv_dataset.rows("schedules") == tabular.rows("schedules")
    assert csv_dataset.rows("schedules")["48102e86-bb50-41c4-8f1e-e269368c41d1"]["opens_at"] == dt.time(10)


def test_parse__directory__one_dataset_per_file_and_one_for_the_datapackage():
    found = dict(read_path(examples_dir()))

    assert "service_full.json" in found and "csv/datapackage" in found
    assert not found["base.json"].count()  # the API description is not a record


def test_parse__paged_list__reads_its_contents():
    dataset = Dataset()
    add_json(
        dataset, json.loads((examples_dir() / "service_list.json").read_text()), source="service_list.json"
    )

    assert list(dataset.rows("services")) == [SERVICE_ID]


def test_parse__wrong_types__are_problems_of_their_row_not_errors():
    dataset = Dataset()
    add_json(
        dataset,
        [
            {"id": "a", "name": 5, "status": "active", "minimum_age": "twelve", "phones": "not a list"},
            {"id": "b", "name": "Ok", "status": "active", "assured_date": "31.12.2020", "minimum_age": True},
            {"id": "c", "name": "Ctrl\x00", "status": "active"},
        ],
        source="services.json",
    )

    problems = dataset.problems
    assert any("name: expected a string" in m for m in problems[("services", "a")])
    assert any("minimum_age: expected a number" in m for m in problems[("services", "a")])
    assert any("phones: expected a list" in m for m in problems[("services", "a")])
    assert any("assured_date: not a valid date" in m for m in problems[("services", "b")])
    assert any("minimum_age: expected a number" in m for m in problems[("services", "b")])
    assert any("control characters" in m for m in problems[("services", "c")])


def test_parse__same_id_with_different_values__is_a_problem():
    dataset = Dataset()
    add_json(
        dataset,
        [{"id": "s1", "name": "One", "status": "active"}, {"id": "s1", "name": "Two", "status": "active"}],
        source="services.json",
    )

    assert any("appears twice" in m for m in dataset.problems[("services", "s1")])


def test_parse__records_without_id_or_of_unknown_kind__are_reported():
    dataset = Dataset()
    add_json(dataset, [{"name": "No id", "status": "active"}, {"foo": "bar"}, 42], source="data.json")

    assert dataset.unidentified and "has no id" in dataset.unidentified[0][1]
    assert len(dataset.file_problems) == 2


def test_parse__bad_json_and_missing_file__are_file_problems(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x", "name": ')

    [(_, dataset)] = read_path(broken)
    [(_, missing)] = read_path(tmp_path / "nope.json")

    assert "not valid JSON" in dataset.file_problems[0]
    assert "no such file" in missing.file_problems[0]


def test_parse__csv_with_ragged_rows_and_bad_numbers__reports_them():
    dataset = Dataset()
    add_csv(
        dataset,
        "services",
        "id,name,status,minimum_age\ns1,Yksi,active,12\ns2,Kaksi,active,abc\ns3,Kolme,active,1,extra\n",
        source="services.csv",
    )

    assert dataset.rows("services")["s1"]["minimum_age"] == 12
    assert any("minimum_age" in m for m in dataset.problems[("services", "s2")])
    assert any("more cells" in m for m in dataset.file_problems)
