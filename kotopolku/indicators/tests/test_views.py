from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from kotopolku.audit.models import AuditEvent
from kotopolku.indicators.enums import LabourStatus
from kotopolku.indicators.models import Participant, PopulationFigure
from kotopolku.indicators.tests.factories import ParticipantFactory
from kotopolku.indicators.tests.test_population import document


def _people(office, count, **fields):  # type: ignore[no-untyped-def]
    return [
        ParticipantFactory(project=office.project, service_point=office.point, **fields) for _ in range(count)
    ]


def test_reporting_viewer__home_lists_the_reports(client, office):
    client.force_login(office.viewer)
    page = client.get(reverse("core:home")).content.decode()
    assert reverse("indicators:indicators", args=[office.project.uuid]) in page
    assert reverse("indicators:desk") in page


def test_reports__render_for_each_reporting_role_with_bounded_queries(
    client, office, django_assert_max_num_queries
):
    _people(office, 6, gender="woman")
    _people(office, 2, gender="man")
    urls = [
        reverse("indicators:projects"),
        reverse("indicators:project", args=[office.project.uuid]),
        reverse("indicators:indicators", args=[office.project.uuid]) + "?period=2025",
        reverse("indicators:participants", args=[office.project.uuid]),
        reverse("indicators:desk") + "?period=2025&dimension=channel",
        reverse("indicators:population"),
    ]
    for user in (office.viewer, office.coordinator):
        client.force_login(user)
        for url in urls:
            with django_assert_max_num_queries(30):
                response = client.get(url)
            assert response.status_code == 200, (user, url)
            assert "<svg" in response.content.decode() or "chart" not in url


def test_indicator_page__viewer_sees_hidden_cells_and_no_links_to_people(client, office):
    _people(office, 6, gender="woman")
    _people(office, 2, gender="man")
    url = reverse("indicators:indicators", args=[office.project.uuid]) + "?period=2025"
    client.force_login(office.viewer)
    page = client.get(url).content.decode()
    assert "&lt;5" in page and "code=EECO01" not in page
    client.force_login(office.coordinator)
    page = client.get(url).content.decode()
    assert "code=EECO01&amp;gender=man" in page


def test_participants_page__traces_a_figure_to_its_people(client, office):
    _people(office, 2, gender="man", labour_status=LabourStatus.INACTIVE)
    _people(office, 3, gender="woman")
    client.force_login(office.coordinator)
    url = reverse("indicators:participants", args=[office.project.uuid])
    page = client.get(url, {"code": "EECO04", "gender": "man"}).content.decode()
    assert page.count(reverse("indicators:participant", args=[Participant.objects.first().uuid])[:-38]) >= 2
    assert AuditEvent.objects.filter(action="indicators.participant_list", actor=office.coordinator).exists()


def test_desk_export__xlsx_writes_the_period_and_filters(client, office):
    client.force_login(office.viewer)
    response = client.get(
        reverse("indicators:desk"),
        {"period": "2025-Q1", "dimension": "outcome", "format": "xlsx"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert ["Reporting period", "1.1.2025–31.3.2025"] in rows
    assert ["Service points", "International Pointti Kemi"] in rows
    assert ["Break down by", "Contact outcome"] in rows
    header = next(row for row in rows if "01/2025" in row)
    assert header[-4:] == ["01/2025", "02/2025", "03/2025", "Total"], header


def test_report_filters__bad_period__shows_the_message_not_an_error(client, office):
    client.force_login(office.coordinator)
    response = client.get(reverse("indicators:desk"), {"period": "2025-99"})
    assert response.status_code == 200
    assert "2025-Q2" in response.content.decode()


def test_enrol_page__makes_a_participant_and_the_exit_and_follow_up_follow(client, office):
    person = office.client()
    client.force_login(office.advisor)
    url = reverse("indicators:enrol", args=[person.uuid])
    bad = client.post(
        url, {"project": str(office.project.uuid), "entered_on": "2023-01-01", "labour_status": "unemployed"}
    )
    assert bad.status_code == 200 and not Participant.objects.exists()
    response = client.post(
        url,
        {
            "project": str(office.project.uuid),
            "entered_on": "2025-01-10",
            "labour_status": "unemployed",
            "isced": "5_8",
        },
    )
    participant = Participant.objects.get()
    assert response.url == reverse("indicators:participant", args=[participant.uuid])
    page = reverse("indicators:participant", args=[participant.uuid])
    client.post(
        page, {"exited_on": "2025-05-31", "exit_reason": "employed", "exit_status": "employed", "version": 1}
    )
    follow_up = participant.follow_ups.get(kind="4w")
    client.post(
        reverse("indicators:follow_up", args=[follow_up.uuid]),
        {f"f{follow_up.pk}-done_on": "2025-06-28", f"f{follow_up.pk}-employed": "on"},
    )
    follow_up.refresh_from_db()
    assert follow_up.employed and follow_up.done_on == dt.date(2025, 6, 28)
    sheet = client.get(reverse("indicators:sheet", args=[participant.uuid]), {"lang": "sv"})
    assert sheet.status_code == 200 and 'lang="sv"' in sheet.content.decode()


def test_population_page__a_coordinator_imports_a_file(client, office):
    client.force_login(office.coordinator)
    upload = SimpleUploadedFile("11rm.json", json.dumps(document()).encode(), content_type="application/json")
    response = client.post(reverse("indicators:population"), {"document": upload})
    assert response.status_code == 302
    assert PopulationFigure.objects.count() == 20
    page = client.get(reverse("indicators:population")).content.decode()
    assert "Kemi" in page
    broken = SimpleUploadedFile("x.json", b"{not json", content_type="application/json")
    assert client.post(reverse("indicators:population"), {"document": broken}).status_code == 200
    client.force_login(office.viewer)
    assert client.post(reverse("indicators:population"), {"document": upload}).status_code == 403


def test_targets_export__csv_lists_each_target_with_its_actual(client, office):
    from decimal import Decimal

    from kotopolku.indicators import services

    _people(office, 7)
    services.target_set(
        by=office.coordinator, project=office.project, kind="participants", value=Decimal(310)
    )
    client.force_login(office.viewer)
    response = client.get(
        reverse("indicators:project", args=[office.project.uuid]),
        {"format": "csv"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Participants,310.0,,7.0," in text
    assert AuditEvent.objects.filter(actor=office.viewer, action="indicators.report_export").exists()


@pytest.mark.parametrize(
    ("language", "direction", "words"),
    [
        ("ar", "rtl", "تاريخ الالتحاق"),
        ("fa", "rtl", "تاریخ ورود"),
        ("so", "ltr", "Taariikhda gelitaanka"),
        ("uk", "ltr", "Безробітний"),
        ("zh", "ltr", "进入日期"),
        ("fi", "ltr", "Aloituspäivä"),
    ],
)
def test_participant_sheet__in_the_participant_s_language_and_direction(
    client, office, enrol, language, direction, words
):
    participant = enrol()
    client.force_login(office.advisor)
    url = reverse("indicators:sheet", args=[participant.uuid])
    html = client.get(url, {"lang": language}).content.decode()
    assert f'lang="{language}" dir="{direction}"' in html
    assert words in html
    assert "Entry date" not in html


def test_participant_sheet__by_default_in_the_first_language_the_client_speaks(client, office, enrol):
    from kotopolku.clients.models import ClientLanguage

    person = office.client()
    ClientLanguage.objects.create(client=person, language="ti", level="native")  # no sheet in Tigrinya
    ClientLanguage.objects.create(client=person, language="ar", level="b1")
    participant = enrol(client=person)
    client.force_login(office.advisor)
    html = client.get(reverse("indicators:sheet", args=[participant.uuid])).content.decode()
    assert 'lang="ar" dir="rtl"' in html
    # the staff page keeps its own language afterwards
    assert (
        'lang="fi"' in client.get(reverse("indicators:participant", args=[participant.uuid])).content.decode()
    )
