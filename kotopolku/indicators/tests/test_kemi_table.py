"""The Kemi plan (seed 001, section 6.2) tabulates its 310 planned participants by age group and
labour-market status. Participants entered to match it give the same table, row for row and total
for total, in the participants report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from kotopolku.clients.enums import ConsentPurpose
from kotopolku.clients.models import Client, Consent
from kotopolku.indicators import services
from kotopolku.indicators.enums import LabourStatus
from kotopolku.indicators.periods import Period
from kotopolku.indicators.selectors import entry_table

SEEDS = Path(__file__).resolve().parents[3] / ".." / "shared" / "seeds"

# Section 6.2, as printed: rows Työttömät, joista pitkäaikaistyöttömiä, koulutuksessa, työssä,
# työmarkkinoiden ulkopuolella; columns alle 18, 18–29, 30–54, yli 54, yhteensä.
KEMI_6_2 = [
    [0, 65, 150, 35, 250],
    [0, 0, 0, 0, 0],
    [0, 30, 0, 0, 30],
    [0, 0, 15, 0, 15],
    [0, 5, 10, 0, 15],
]
KEMI_TOTALS = [0, 100, 175, 35, 310]
STATUSES = [
    LabourStatus.UNEMPLOYED,
    LabourStatus.LONG_TERM_UNEMPLOYED,
    LabourStatus.IN_EDUCATION,
    LabourStatus.EMPLOYED,
    LabourStatus.INACTIVE,
]
# A birth year per age group on the entry date 1.9.2025.
BIRTH_YEARS = [2010, 2000, 1985, 1965]


def _seed_table() -> tuple[list[list[int]], list[int]]:
    files = sorted(SEEDS.glob("001_*"))
    if not files:
        pytest.skip(f"the seeds are not at {SEEDS}: section 6.2 cannot be read")
    lines = files[0].read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("6.2 "))
    rows: list[list[int]] = []
    for line in lines[start + 1 :]:
        cells = line.split("\t")
        if len(cells) != 6 or not cells[0]:
            continue
        rows.append([int(cell) if cell.strip() else 0 for cell in cells[1:]])
        if cells[0].startswith("Yhteensä"):
            break
    return rows[:-1], rows[-1]


def test_the_seed_table__is_the_one_this_test_enters():
    rows, totals = _seed_table()
    assert rows == KEMI_6_2
    assert totals == KEMI_TOTALS


def _enter(office):  # type: ignore[no-untyped-def]
    # The unemployed row includes the long-term unemployed ("joista"): enter only its remainder as
    # short-term unemployed.
    entered = {status: list(row[:4]) for status, row in zip(STATUSES, KEMI_6_2, strict=True)}
    entered[LabourStatus.UNEMPLOYED] = [
        total - long_term for total, long_term in zip(KEMI_6_2[0][:4], KEMI_6_2[1][:4], strict=True)
    ]
    clients = []
    for status, counts in entered.items():
        for age_index, count in enumerate(counts):
            clients += [(status, BIRTH_YEARS[age_index])] * count
    made = Client.objects.bulk_create(
        [
            Client(
                service_point=office.point,
                given_names=f"Osallistuja{i}",
                birth_year=year,
                birth_month=1,
                birth_day=1,
            )
            for i, (_status, year) in enumerate(clients)
        ]
    )
    Consent.objects.bulk_create(
        [Consent(client=c, purpose=ConsentPurpose.ESF_PARTICIPANT, given_at=timezone.now()) for c in made]
    )
    for client, (status, _year) in zip(made, clients, strict=True):
        services.participant_enrol(
            by=office.advisor,
            client=client,
            project=office.project,
            entered_on=dt.date(2025, 9, 1),
            data={"labour_status": status},
        )


def test_kemi_participants__give_the_plan_s_table_row_for_row(office, client, django_assert_max_num_queries):
    _enter(office)
    table = entry_table(
        project=office.project,
        service_points=[office.point.pk],
        period=Period(office.project.starts_on, office.project.ends_on),
        individuals=True,
    )
    assert [[*values, total] for _key, _label, values, total in table.rows] == KEMI_6_2
    assert [*table.totals, table.total] == KEMI_TOTALS

    client.force_login(office.coordinator)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("indicators:participants", args=[office.project.uuid]))
    assert response.status_code == 200
    page = response.content.decode()
    for row in [*KEMI_6_2, KEMI_TOTALS]:
        assert "".join(f"<td>{value}</td>" for value in row) in page
