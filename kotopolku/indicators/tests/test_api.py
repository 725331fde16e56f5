from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from kotopolku.audit.models import AuditEvent
from kotopolku.contacts.tests.factories import ContactFactory
from kotopolku.indicators.enums import LabourStatus
from kotopolku.indicators.tests.factories import ParticipantFactory

API = "/api/v1"


def _people(office, count, **fields):  # type: ignore[no-untyped-def]
    return [
        ParticipantFactory(project=office.project, service_point=office.point, **fields) for _ in range(count)
    ]


def test_projects__listed_for_a_reporting_viewer_with_their_municipalities(
    client, office, django_assert_max_num_queries
):
    client.force_login(office.viewer)
    with django_assert_max_num_queries(12):
        response = client.get(f"{API}/projects")
    assert response.status_code == 200
    [project] = response.json()
    assert project["name"] == "International Pointti"
    assert project["points"][0]["municipality_code"] == "240"


def test_projects__outside_the_user_s_reach__are_not_listed(client, office):
    client.force_login(office.outsider)
    assert client.get(f"{API}/projects").json() == []
    assert client.get(f"{API}/projects/{office.project.uuid}/indicators").status_code == 404


def test_indicators__as_json_for_a_viewer__small_cells_are_null(client, office):
    _people(office, 6, gender="woman", labour_status=LabourStatus.LONG_TERM_UNEMPLOYED)
    _people(office, 2, gender="man")
    client.force_login(office.viewer)
    response = client.get(f"{API}/projects/{office.project.uuid}/indicators", {"period": "2025"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["small_cells_hidden"] is True
    eeco01 = next(row for row in body["indicators"] if row["code"] == "EECO01")
    assert eeco01["cells"] == {"women": None, "men": None, "non_binary": 0, "total": 8}  # 8 − 6 would tell
    assert AuditEvent.objects.filter(actor=office.viewer, action="indicators.report_view").exists()


def test_indicators__as_csv_by_accept_and_xlsx_by_format__carry_the_period(client, office):
    _people(office, 6, gender="woman")
    client.force_login(office.coordinator)
    url = f"{API}/projects/{office.project.uuid}/indicators"
    as_csv = client.get(url, {"period": "2025-Q1"}, HTTP_ACCEPT="text/csv", HTTP_ACCEPT_LANGUAGE="en")
    assert as_csv["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert ["Reporting period", "1.1.2025–31.3.2025"] in rows
    assert ["EECO01", "Total participants", "6", "0", "0", "6"] in rows
    as_xlsx = client.get(url, {"period": "2025", "format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en")
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Reporting period", "1.1.2025–31.12.2025", None, None, None, None] in values
    assert AuditEvent.objects.filter(actor=office.coordinator, action="indicators.report_export").count() == 2


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"period": "2025-13"}, "period"),
        ({"format": "pdf"}, "format"),
        ({"service_point": "6f1c3a5e-0000-4000-8000-000000000000"}, "service_point"),
    ],
)
def test_indicators__bad_filters__422_with_the_field(client, office, query, field):
    client.force_login(office.coordinator)
    response = client.get(
        f"{API}/projects/{office.project.uuid}/indicators", query, HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_participants__for_a_reporting_viewer__403_and_audited(client, office):
    _people(office, 2)
    client.force_login(office.viewer)
    assert client.get(f"{API}/projects/{office.project.uuid}/participants").status_code == 403
    assert AuditEvent.objects.filter(
        actor=office.viewer, action="indicators.individuals", outcome="denied"
    ).exists()


def test_participants__traced_by_indicator_and_gender(client, office, django_assert_max_num_queries):
    _people(office, 3, gender="woman", labour_status=LabourStatus.LONG_TERM_UNEMPLOYED)
    _people(office, 2, gender="man", labour_status=LabourStatus.LONG_TERM_UNEMPLOYED)
    _people(office, 4, gender="woman")
    client.force_login(office.advisor)
    with django_assert_max_num_queries(12):
        response = client.get(
            f"{API}/projects/{office.project.uuid}/participants", {"code": "EECO03", "gender": "woman"}
        )
    assert response.status_code == 200
    assert response.json()["count"] == 3
    assert client.get(f"{API}/projects/{office.project.uuid}/participants", {"code": "XX"}).status_code == 422


def test_participants__enrolled_over_the_api(client, office):
    person = office.client()
    client.force_login(office.advisor)
    url = f"{API}/projects/{office.project.uuid}/participants"
    payload = {"client": str(person.uuid), "entered_on": "2025-02-03", "labour_status": "inactive"}
    created = client.post(url, payload, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["labour_status"] == "inactive"
    again = client.post(url, payload, content_type="application/json")
    assert again.status_code == 422 and "client" in again.json()["errors"]
    bad = client.post(url, {**payload, "labour_status": "x"}, content_type="application/json")
    assert bad.status_code == 422


def test_targets__set_by_a_coordinator_and_read_with_actuals(client, office):
    _people(office, 7)
    client.force_login(office.coordinator)
    url = f"{API}/projects/{office.project.uuid}/targets"
    created = client.post(url, {"kind": "participants", "value": "310"}, content_type="application/json")
    assert created.status_code == 201, created.content
    [target] = client.get(url).json()
    assert (target["value"], target["actual"], target["reached"]) == ("310.00", "7", False)
    client.force_login(office.viewer)
    assert (
        client.post(url, {"kind": "participants", "value": "1"}, content_type="application/json").status_code
        == 403
    )


def test_desk_statistics__by_month_and_language(client, office):
    when = dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC)
    for _ in range(6):
        ContactFactory(service_point=office.point, happened_at=when, language="ar")
    ContactFactory(service_point=office.point, happened_at=when, language="ru")
    ContactFactory(service_point=office.other_point, happened_at=when, language="ru")
    client.force_login(office.viewer)
    response = client.get(f"{API}/statistics/desk", {"period": "2025", "dimension": "language"})
    assert response.status_code == 200, response.content
    body = response.json()
    contacts = body["summary"][0]
    assert contacts["total"] == 7 and contacts["values"][2] == 7 and contacts["values"][0] == 0
    assert {row["key"]: row["total"] for row in body["breakdown"]} == {"ar": 6, "ru": None}
    assert client.get(f"{API}/statistics/desk", {"dimension": "shoe_size"}).status_code == 422
