"""Creating and editing projects with their municipalities and shares, budget lines, and
correcting a participant's entry data: services, pages and API, with versions and audit."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kotopolku.audit.models import AuditEvent
from kotopolku.core.versioning import StaleVersion
from kotopolku.indicators import selectors
from kotopolku.indicators.corrections import participant_correct
from kotopolku.indicators.models import BudgetLine, Project
from kotopolku.indicators.project_services import PointShare, budget_line_add, project_edit
from kotopolku.organisations.tests.factories import municipality

API = "/api/v1"
VALUES = {
    "name": "Polku Kemi–Tornio",
    "funder": "ESF+",
    "funder_code": "S30001",
    "programme": "Uudistuva ja osaava Suomi 2021–2027",
    "priority": "4",
    "specific_objective": "4.1 Polkuja töihin",
    "starts_on": dt.date(2025, 1, 1),
    "ends_on": dt.date(2026, 12, 31),
}


def _shares(office, kemi="60", tornio="40"):  # type: ignore[no-untyped-def]
    return [
        PointShare(
            municipality=office.point.municipality, service_point=office.point, share_percent=Decimal(kemi)
        ),
        PointShare(municipality=municipality("851"), service_point=None, share_percent=Decimal(tornio)),
    ]


def test_project_edit__creates_a_group_project_with_shares_and_audits_it(office):
    project = project_edit(by=office.coordinator, values=VALUES, points=_shares(office))
    shares = {p.municipality.code: p.share_percent for p in project.points.select_related("municipality")}
    assert shares == {"240": Decimal(60), "851": Decimal(40)}
    assert AuditEvent.objects.filter(action="indicators.project_create", actor=office.coordinator).exists()
    assert AuditEvent.objects.filter(action="indicators.project_points").exists()


def test_project_edit__shares_not_adding_up_or_outside_the_reach__are_refused(office):
    with pytest.raises(ValidationError) as error:
        project_edit(by=office.coordinator, values=VALUES, points=_shares(office, "60", "30"))
    assert "points" in error.value.message_dict
    foreign = [
        PointShare(
            municipality=office.other_point.municipality,
            service_point=office.other_point,
            share_percent=Decimal(100),
        )
    ]
    with pytest.raises(ValidationError):
        project_edit(by=office.coordinator, values=VALUES, points=foreign)
    assert not Project.objects.filter(name=VALUES["name"]).exists()


def test_project_edit__points_alone_make_a_new_version_and_a_stale_one_is_refused(office):
    project = project_edit(by=office.coordinator, values=VALUES, points=_shares(office))
    changed = project_edit(
        by=office.coordinator, values=VALUES, points=_shares(office, "50", "50"), project=project, version=1
    )
    assert changed.version == 2
    with pytest.raises(StaleVersion):
        project_edit(
            by=office.coordinator, values={**VALUES, "name": "X"}, points=None, project=project, version=1
        )
    project.refresh_from_db()
    assert project.name == VALUES["name"]


def test_project_pages__coordinator_creates_and_edits__viewer_may_not(client, office):
    client.force_login(office.viewer)
    assert client.get(reverse("indicators:project_create")).status_code == 403
    client.force_login(office.coordinator)
    assert client.get(reverse("indicators:project_create")).status_code == 200
    form = {f"project-{k}": str(v) for k, v in VALUES.items()}
    form.update(
        {
            "points-TOTAL_FORMS": "2",
            "points-INITIAL_FORMS": "0",
            "points-0-municipality": "240",
            "points-0-service_point": str(office.point.uuid),
            "points-0-share_percent": "100",
            "points-1-municipality": "",
        }
    )
    response = client.post(reverse("indicators:project_create"), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    project = Project.objects.get(name=VALUES["name"])
    edit = reverse("indicators:project_edit", args=[project.uuid])
    form["points-INITIAL_FORMS"] = "1"  # the stored municipality, as the page renders it
    page = client.get(edit)
    assert page.status_code == 200 and 'name="version" value="1"' in page.content.decode()
    response = client.post(edit, {**form, "project-name": "Uusi nimi", "version": "1", "snapshot": ""})
    assert response.status_code == 302, response.content.decode()
    stale = client.post(edit, {**form, "project-programme": "Toinen", "version": "1", "snapshot": ""})
    assert stale.status_code == 409
    assert "Uusi nimi" in stale.content.decode()  # their saved value is shown
    bad = client.post(edit, {**form, "project-ends_on": "2020-01-01", "version": "2"})
    assert bad.status_code == 422


def test_projects_api__create_read_patch_with_etag_and_409(client, office, django_assert_max_num_queries):
    client.force_login(office.coordinator)
    body = {
        **{k: str(v) for k, v in VALUES.items()},
        "points": [
            {"municipality_code": "240", "service_point": str(office.point.uuid), "share_percent": "70"},
            {"municipality_code": "851", "share_percent": "30"},
        ],
    }
    created = client.post(f"{API}/projects", json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content
    uuid = created.json()["id"]
    read = client.get(f"{API}/projects/{uuid}")
    assert read["ETag"] == '"1"' and len(read.json()["points"]) == 2
    with django_assert_max_num_queries(40):
        patched = client.patch(
            f"{API}/projects/{uuid}",
            json.dumps({"name": "Uusi"}),
            content_type="application/json",
            headers={"If-Match": '"1"'},
        )
    assert patched.status_code == 200 and patched.json()["version"] == 2
    stale = client.patch(
        f"{API}/projects/{uuid}",
        json.dumps({"programme": "X"}),
        content_type="application/json",
        headers={"If-Match": '"1"'},
    )
    assert stale.status_code == 409
    assert stale.json()["version"] == 2 and "name" in stale.json()["changed"]
    bad = client.patch(
        f"{API}/projects/{uuid}",
        json.dumps({"points": [{"municipality_code": "999", "share_percent": "100"}]}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    client.force_login(office.viewer)
    assert (
        client.post(f"{API}/projects", json.dumps(body), content_type="application/json").status_code == 403
    )


def test_budget_lines__added_shown_on_the_project_page_and_in_the_api(client, office):
    budget_line_add(
        by=office.coordinator, project=office.project, category="Henkilöstökulut", amount=Decimal(1200)
    )
    budget_line_add(
        by=office.coordinator,
        project=office.project,
        category="Ostopalvelut",
        amount=Decimal("300.50"),
        service_point=office.point,
    )
    with pytest.raises(ValidationError) as error:
        budget_line_add(
            by=office.coordinator,
            project=office.project,
            category="",
            amount=Decimal(-1),
            service_point=office.other_point,
        )
    assert set(error.value.message_dict) == {"category", "amount", "service_point"}
    assert selectors.budget_of(office.project).total == Decimal("1500.50")
    client.force_login(office.coordinator)
    page = client.get(reverse("indicators:project", args=[office.project.uuid])).content.decode()
    assert "Ostopalvelut" in page
    assert "500,50" in page  # the total, in the page's (Finnish) number format
    assert len(client.get(f"{API}/projects/{office.project.uuid}").json()["budget"]) == 2
    line = BudgetLine.objects.get(category="Ostopalvelut")
    client.force_login(office.viewer)
    assert client.post(reverse("indicators:budget_remove", args=[line.uuid])).status_code == 403
    client.force_login(office.coordinator)
    assert client.post(reverse("indicators:budget_remove", args=[line.uuid])).status_code == 302
    assert AuditEvent.objects.filter(action="indicators.budget_line_delete").exists()


def test_correction__counted_by_the_report_and_marked_for_reentry(office, enrol):
    from kotopolku.indicators import services
    from kotopolku.indicators.periods import Period

    participant = enrol()
    services.participant_eura_mark(by=office.advisor, participant=participant, part="entry")
    with pytest.raises(ValidationError) as error:
        participant_correct(
            by=office.advisor,
            participant=participant,
            data={"labour_status": "employed"},
            reason=" ",
            version=2,
        )
    assert "reason" in error.value.message_dict
    corrected = participant_correct(
        by=office.advisor,
        participant=participant,
        data={"labour_status": "employed"},
        reason="Työsopimus löytyi",
        version=2,
    )
    assert corrected.version == 3 and corrected.entry_reentry_due
    table = selectors.indicator_table(
        project=office.project,
        service_points=[office.point.pk],
        period=Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        individuals=True,
    )
    cells = {row.code: row.cells["total"] for row in table.rows}
    assert (cells["EECO02"], cells["EECO05"]) == (0, 1)
    assert selectors.eura_backlog(user=office.advisor, project=office.project)["entry_missing"] == 1
    event = AuditEvent.objects.get(action="indicators.participant_correct")
    assert event.details["fields"] == ["labour_status"] and "reason" not in event.details
    assert corrected.corrections.get(uuid=event.details["correction"]).reason == "Työsopimus löytyi"
    with pytest.raises(StaleVersion):
        participant_correct(
            by=office.advisor, participant=participant, data={"isced": "5_8"}, reason="x", version=2
        )
    services.participant_eura_mark(by=office.advisor, participant=corrected, part="entry")
    corrected.refresh_from_db()
    assert not corrected.entry_reentry_due


def test_correction_page_and_api(client, office, enrol):
    participant = enrol()
    url = reverse("indicators:correct", args=[participant.uuid])
    client.force_login(office.viewer)
    assert client.get(url).status_code == 404  # no individuals for a viewer
    client.force_login(office.advisor)
    form = {
        "entered_on": "2025-01-02",
        "labour_status": "inactive",
        "isced": "3_4",
        "foreign_background": "on",
        "disability": "unknown",
        "minority": "unknown",
        "homeless": "unknown",
    }
    assert client.post(url, {**form, "version": "1"}).status_code == 422  # no reason
    assert client.post(url, {**form, "version": "1", "reason": "Väärä valinta"}).status_code == 302
    assert client.post(url, {**form, "version": "1", "reason": "Taas"}).status_code == 409
    api = f"{API}/participants/{participant.uuid}/entry"
    sent = client.patch(
        api, json.dumps({"isced": "5_8", "reason": "Tutkinto", "version": 2}), content_type="application/json"
    )
    assert sent.status_code == 200 and sent.json()["isced"] == "5_8" and sent.json()["version"] == 3
    stale = client.patch(
        api,
        json.dumps({"isced": "0_2", "reason": "x"}),
        content_type="application/json",
        headers={"If-Match": '"2"'},
    )
    assert stale.status_code == 409
    bad = client.patch(
        api, json.dumps({"labour_status": "nope", "reason": "x"}), content_type="application/json"
    )
    assert bad.status_code == 422 and "labour_status" in bad.content.decode()
    page = client.get(reverse("indicators:participant", args=[participant.uuid])).content.decode()
    assert "Väärä valinta" in page and "Tutkinto" in page


def test_targets_file__carries_the_budget(client, office):
    budget_line_add(
        by=office.coordinator, project=office.project, category="Ostopalvelut", amount=Decimal(300)
    )
    client.force_login(office.viewer)
    url = reverse("indicators:project", args=[office.project.uuid])
    text = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert "Ostopalvelut" in text and "300.0" in text


def test_correction__reason_is_cleared_when_the_client_is_anonymised(office, enrol):
    from kotopolku.indicators.hooks import on_client_anonymised

    person = office.client()
    participant = enrol(client=person)
    participant_correct(
        by=office.advisor,
        participant=participant,
        data={"isced": "5_8"},
        reason="Matti Meikäläisen todistus",
        version=1,
    )
    on_client_anonymised(sender=None, client=person)
    correction = participant.corrections.get()
    assert correction.reason == "–" and correction.fields == ["isced"] and correction.corrected_by is None
