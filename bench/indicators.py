# ruff: noqa: E501 (SQL statements and the usage lines read better unbroken)
"""Monitoring at scale (issue 18's figures): a year of desk statistics over 1 000 000 contacts,
and the ESF+ indicator report of a network over 100 000 participants.

Needs the contacts of ``bench/generate_contacts.py`` (1 000 000 contacts, 8 service points in one
network, 3 years); ``--generate`` adds one ESF+ project over those service points with 100 000
participants (about 40 % of them left, with their 4-week and 6-month follow-ups):

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/ind_bench KOTOPOLKU_ENV=development
    .venv/bin/python -m kotopolku migrate
    .venv/bin/python bench/generate_contacts.py
    .venv/bin/python bench/indicators.py --generate
    .venv/bin/python bench/indicators.py [--repeat 30] [--only desk|indicators]

The desk statistics sum the day tallies the contacts services keep; contacts copied in by hand
need ``python -m kotopolku desk_tallies_recount`` (``generate_contacts.py`` runs it). The figures
are checked against counting the contacts before they are measured, and the SQL that counts the
contacts and topic links themselves is timed too, for reference.

Each figure is printed twice: the selector alone and the whole API request (the Django test
client through the middleware, permission layer and audit event), each against its floor, the
hand-written SQL below that computes the same figures, run with a bare cursor; the ratio is the
code path's p95 over the floor's p95. Targets (issue 18): desk statistics ≤ 500 ms and ≤ 2× its
SQL; the indicator report ≤ 1 s and ≤ 2× its SQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Measurement, measure, setup_django

PROJECT = "Bench ESF+ project"
PARTICIPANTS = 100_000
ZONE = "Europe/Helsinki"

# What the desk statistics compute: contacts and their breakdown summed from the day tallies,
# who they were counted from the contacts that name a client.
DESK_SQL = [
    """SELECT date_trunc('month', day), sum(contacts) FROM contacts_desktally
        WHERE service_point_id = ANY(%(points)s) AND kind = 'contacts' AND day >= %(first)s AND day <= %(last)s
        GROUP BY 1 HAVING sum(contacts) > 0""",
    """SELECT date_trunc('month', happened_at AT TIME ZONE 'Europe/Helsinki') AS month, count(*), count(DISTINCT client_id)
         FROM contacts_contact
        WHERE client_id IS NOT NULL AND service_point_id = ANY(%(points)s) AND happened_at >= %(start)s AND happened_at < %(end)s
        GROUP BY 1""",
    """SELECT count(DISTINCT client_id) FROM contacts_contact
        WHERE client_id IS NOT NULL AND service_point_id = ANY(%(points)s) AND happened_at >= %(start)s AND happened_at < %(end)s""",
    """SELECT code, date_trunc('month', day), sum(contacts) FROM contacts_desktally
        WHERE service_point_id = ANY(%(points)s) AND kind = 'topic' AND day >= %(first)s AND day <= %(last)s
        GROUP BY 1, 2 HAVING sum(contacts) > 0""",
    "SELECT id, name_fi, name_sv, name_en FROM contacts_topic",
    """SELECT date_trunc('month', sent_at AT TIME ZONE 'Europe/Helsinki'), count(*) FROM referrals_referral
        WHERE service_point_id = ANY(%(points)s) AND sent_at >= %(start)s AND sent_at < %(end)s GROUP BY 1""",
    """SELECT date_trunc('month', starts_on), count(*) FROM casework_plan
        WHERE service_point_id = ANY(%(points)s) AND starts_on >= %(first)s AND starts_on <= %(last)s GROUP BY 1""",
    """SELECT date_trunc('month', starts_at AT TIME ZONE 'Europe/Helsinki'), count(*) FROM appointments_appointment
        WHERE service_point_id = ANY(%(points)s) AND starts_at >= %(start)s AND starts_at < %(end)s GROUP BY 1""",
]

# The same figures counted from the contacts and topic links themselves, for comparison.
RAW_DESK_SQL = [
    """SELECT date_trunc('month', happened_at AT TIME ZONE 'Europe/Helsinki') AS month, count(*),
              count(*) FILTER (WHERE client_id IS NULL), count(DISTINCT client_id)
         FROM contacts_contact
        WHERE service_point_id = ANY(%(points)s) AND happened_at >= %(start)s AND happened_at < %(end)s
        GROUP BY 1""",
    """SELECT count(*), count(*) FILTER (WHERE client_id IS NULL), count(DISTINCT client_id)
         FROM contacts_contact
        WHERE service_point_id = ANY(%(points)s) AND happened_at >= %(start)s AND happened_at < %(end)s""",
    """SELECT topic_id, date_trunc('month', happened_at AT TIME ZONE 'Europe/Helsinki'), count(*)
         FROM contacts_contacttopic
        WHERE service_point_id = ANY(%(points)s) AND happened_at >= %(start)s AND happened_at < %(end)s
        GROUP BY 1, 2""",
    "SELECT id, name_fi, name_sv, name_en FROM contacts_topic",
    """SELECT date_trunc('month', sent_at AT TIME ZONE 'Europe/Helsinki'), count(*) FROM referrals_referral
        WHERE service_point_id = ANY(%(points)s) AND sent_at >= %(start)s AND sent_at < %(end)s GROUP BY 1""",
    """SELECT date_trunc('month', starts_on), count(*) FROM casework_plan
        WHERE service_point_id = ANY(%(points)s) AND starts_on >= %(first)s AND starts_on <= %(last)s GROUP BY 1""",
    """SELECT date_trunc('month', starts_at AT TIME ZONE 'Europe/Helsinki'), count(*) FROM appointments_appointment
        WHERE service_point_id = ANY(%(points)s) AND starts_at >= %(start)s AND starts_at < %(end)s GROUP BY 1""",
]

_WHERE = "p.project_id = %(project)s AND p.service_point_id = ANY(%(points)s)"
INDICATOR_SQL = [
    f"""SELECT p.gender, count(*),
              count(*) FILTER (WHERE labour_status IN ('unemployed', 'long_term_unemployed')),
              count(*) FILTER (WHERE labour_status = 'long_term_unemployed'),
              count(*) FILTER (WHERE labour_status = 'inactive'),
              count(*) FILTER (WHERE labour_status = 'employed'),
              count(*) FILTER (WHERE age_group = 'under_18'),
              count(*) FILTER (WHERE age_group = '18_29'),
              count(*) FILTER (WHERE age_group = '55_plus'),
              count(*) FILTER (WHERE isced = '0_2'),
              count(*) FILTER (WHERE isced = '3_4'),
              count(*) FILTER (WHERE isced = '5_8'),
              count(*) FILTER (WHERE disability),
              count(*) FILTER (WHERE third_country_national),
              count(*) FILTER (WHERE foreign_background),
              count(*) FILTER (WHERE minority),
              count(*) FILTER (WHERE homeless),
              count(*) FILTER (WHERE rural)
         FROM indicators_participant p
        WHERE {_WHERE} AND p.entered_on BETWEEN %(first)s AND %(last)s
        GROUP BY p.gender""",
    f"""SELECT p.gender, count(*) FILTER (WHERE f.job_searching), count(*) FILTER (WHERE f.in_education),
              count(*) FILTER (WHERE f.qualification), count(*) FILTER (WHERE f.employed)
         FROM indicators_participantfollowup f JOIN indicators_participant p ON p.id = f.participant_id
        WHERE f.kind = '4w' AND {_WHERE} AND p.exited_on BETWEEN %(first)s AND %(last)s
        GROUP BY p.gender""",
    f"""SELECT p.gender, count(*) FILTER (WHERE f.employed), count(*) FILTER (WHERE f.improved)
         FROM indicators_participantfollowup f JOIN indicators_participant p ON p.id = f.participant_id
        WHERE f.kind = '6m' AND {_WHERE} AND p.exited_on BETWEEN %(first)s AND %(last)s
        GROUP BY p.gender""",
    """SELECT DISTINCT e.business_id, e.size_class, e.updated_at
         FROM employers_employer e JOIN employers_employeractivity a ON a.employer_id = e.id
        WHERE a.service_point_id = ANY(%(points)s) AND a.happened_on BETWEEN %(first)s AND %(last)s""",
]


def _points() -> list[int]:
    from kotopolku.organisations.models import ServicePoint

    points = list(
        ServicePoint.objects.filter(slug__startswith="bench-contacts-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not points:
        raise SystemExit("No bench service points: run bench/generate_contacts.py first.")
    return points


def generate(*, participants: int) -> None:
    """One project over the bench service points and ``participants`` rows, written with
    INSERT … SELECT generate_series: each column a fixed function of the row number."""
    from django.db import connection, transaction

    from kotopolku.indicators.models import Project, ProjectPoint
    from kotopolku.organisations.models import ServicePoint

    points = _points()
    today = dt.date.today()
    started = time.perf_counter()
    with transaction.atomic():
        project, _ = Project.objects.get_or_create(
            name=PROJECT,
            defaults={
                "starts_on": today.replace(year=today.year - 3, month=1, day=1),
                "ends_on": today.replace(month=12, day=31),
            },
        )
        project.participants.all().delete()
        for point in ServicePoint.objects.filter(pk__in=points).select_related("municipality"):
            ProjectPoint.objects.get_or_create(
                project=project, municipality=point.municipality, defaults={"service_point": point}
            )
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO indicators_participant
                    (uuid, created_at, updated_at, version, service_point_id, project_id, entered_on, gender, age_group,
                     labour_status, isced, third_country_national, foreign_background, disability, minority, homeless,
                     municipality_code, degurba, rural, exited_on, exit_reason, exit_status,
                     disability_consent_on, minority_consent_on, homeless_consent_on, entry_in_eura_on, exit_in_eura_on)
                SELECT gen_random_uuid(), now(), now(), 1,
                       (%(points)s::bigint[])[1 + i %% cardinality(%(points)s::bigint[])], %(project)s,
                       %(start)s::date + (i * 7919) %% (%(days)s),
                       (ARRAY['woman', 'man', 'woman', 'man', 'non_binary', 'not_told'])[1 + i %% 6],
                       (ARRAY['under_18', '18_29', '18_29', '30_54', '30_54', '30_54', '55_plus'])[1 + (i / 7) %% 7],
                       (ARRAY['unemployed', 'unemployed', 'long_term_unemployed', 'inactive', 'employed', 'in_education'])[1 + (i / 3) %% 6],
                       (ARRAY['', '0_2', '3_4', '5_8'])[1 + (i / 11) %% 4],
                       i %% 5 <> 0, i %% 9 <> 0,
                       CASE WHEN i %% 13 = 0 THEN i %% 2 = 0 END,
                       CASE WHEN i %% 17 = 0 THEN i %% 3 = 0 END,
                       CASE WHEN i %% 19 = 0 THEN i %% 4 = 0 END,
                       '', (ARRAY[2, 3, 1])[1 + i %% 3], i %% 3 = 1,
                       CASE WHEN i %% 5 < 2 THEN %(start)s::date + (i * 7919) %% (%(days)s) + 60 + i %% 200 END,
                       CASE WHEN i %% 5 < 2 THEN 'completed' ELSE '' END,
                       CASE WHEN i %% 5 < 2 THEN (ARRAY['employed', 'unemployed', 'in_education'])[1 + i %% 3] ELSE '' END,
                       CASE WHEN i %% 13 = 0 THEN %(start)s::date END,
                       CASE WHEN i %% 17 = 0 THEN %(start)s::date END,
                       CASE WHEN i %% 19 = 0 THEN %(start)s::date END,
                       NULL, NULL
                  FROM generate_series(1, %(n)s) AS i
                """,
                {
                    "points": points,
                    "project": project.pk,
                    "start": project.starts_on,
                    "days": (project.ends_on - project.starts_on).days - 300,
                    "n": participants,
                },
            )
            for kind, offset in (("4w", 28), ("6m", 182)):
                cursor.execute(
                    """
                    INSERT INTO indicators_participantfollowup
                        (uuid, created_at, updated_at, participant_id, kind, due_on, done_on,
                         job_searching, in_education, qualification, employed, improved, unreachable)
                    SELECT gen_random_uuid(), now(), now(), p.id, %(kind)s, p.exited_on + %(offset)s, p.exited_on + %(offset)s,
                           p.id %% 4 = 0, p.id %% 4 = 1, p.id %% 8 = 1, p.id %% 4 = 2, p.id %% 3 = 0, false
                      FROM indicators_participant p WHERE p.project_id = %(project)s AND p.exited_on IS NOT NULL
                    """,
                    {"kind": kind, "offset": offset, "project": project.pk},
                )
            cursor.execute("ANALYZE indicators_participant; ANALYZE indicators_participantfollowup")
    print(f"generated {participants} participants in {time.perf_counter() - started:.1f}s")


def _floor(statements: list[str], params: dict[str, Any], repeat: int) -> Measurement:
    from django.db import connection

    samples = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
            samples.append((time.perf_counter() - started) * 1000)
    return Measurement("hand-written SQL", samples, len(statements))


def _coordinator() -> Any:
    from kotopolku.accounts.enums import Role
    from kotopolku.accounts.models import Membership, User
    from kotopolku.organisations.models import Network

    user = User.objects.get(email="bench.coordinator@bench.kotopolku.invalid")
    network = Network.objects.get(slug="bench-contacts")
    Membership.objects.get_or_create(user=user, role=Role.REPORTING_VIEWER, network=network)
    return user


def run(repeat: int, only: str | None = None) -> None:
    from django.test import Client

    from kotopolku.indicators.models import Project

    points = _points()
    project = Project.objects.filter(name=PROJECT).first()
    if project is None and only != "desk":
        raise SystemExit("No bench project: run with --generate first (or measure --only desk).")
    client = Client(HTTP_HOST="localhost")
    client.force_login(_coordinator())
    if only in (None, "desk"):
        _desk_figures(client, points, repeat)
    if project is not None and only in (None, "indicators"):
        _indicator_figures(client, project, points, repeat)
    print("# hand-written SQL, desk statistics:")
    for sql in DESK_SQL:
        print("  " + " ".join(sql.split()))
    print("# hand-written SQL, indicator report:")
    for sql in INDICATOR_SQL:
        print("  " + " ".join(sql.split()))


def _desk_figures(client: Any, points: list[int], repeat: int) -> None:
    from kotopolku.indicators.desk import desk_statistics
    from kotopolku.indicators.periods import Period

    year = dt.date.today().year - 1
    period = Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    start = dt.datetime(year, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    params = {"points": points, "start": start, "end": end, "first": period.start, "last": period.end}

    def desk(_i: int) -> Any:
        return desk_statistics(service_points=points, period=period, dimension="topic", individuals=False)

    def desk_api(_i: int) -> Any:
        response = client.get("/api/v1/statistics/desk", {"period": str(year), "dimension": "topic"})
        assert response.status_code == 200, response.content[:300]

    stats = desk_statistics(service_points=points, period=period, dimension="topic", individuals=True)
    _desk_check(stats, params)
    print(
        f"# desk statistics: {stats.summary[0].total} contacts in {year} at {len(points)} service points (network), by topic and month"
    )
    raw = _floor(RAW_DESK_SQL, params, repeat)
    raw.name = "SQL counting the contacts and topic links (reference)"
    print(f"  {raw.line()}")
    floor = _floor(DESK_SQL, params, repeat)
    print(f"  {floor.line()}")
    for name, work, target in (
        ("desk statistics (selector)", desk, 500),
        ("desk statistics (API request)", desk_api, 500),
    ):
        measured = measure(name, work, repeat=repeat, warmup=3)
        print(f"  {measured.line(floor_ms=floor.p95, target_ms=target)}")


def _desk_check(stats: Any, params: dict[str, Any]) -> None:
    """The figures must equal counting the contacts: else the day tallies are behind the rows."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(RAW_DESK_SQL[1], params)
        contacts, anonymous, clients = cursor.fetchone()
        cursor.execute(RAW_DESK_SQL[2], params)
        topics = {}
        for topic_id, _month, n in cursor.fetchall():
            topics[str(topic_id)] = topics.get(str(topic_id), 0) + n
    got = [row.total for row in stats.summary]
    if got != [contacts, anonymous, clients] or {row.key: row.total for row in stats.breakdown} != topics:
        raise SystemExit(
            f"The desk statistics {got} differ from counting the contacts {[contacts, anonymous, clients]}: "
            "were contacts copied in by hand? Run `python -m kotopolku desk_tallies_recount`."
        )


def _indicator_figures(client: Any, project: Any, points: list[int], repeat: int) -> None:
    from kotopolku.indicators.periods import Period
    from kotopolku.indicators.selectors import indicator_table

    whole = Period(project.starts_on, project.ends_on)
    params = {"project": project.pk, "points": points, "first": whole.start, "last": whole.end}

    def report(_i: int) -> Any:
        return indicator_table(project=project, service_points=points, period=whole, individuals=False)

    def report_api(_i: int) -> Any:
        response = client.get(f"/api/v1/projects/{project.uuid}/indicators")
        assert response.status_code == 200, response.content[:300]

    total = report(0).outputs[0].cells["total"]
    print(
        f"# ESF+ indicator report: {total} participants of one project at {len(points)} service points, whole project period"
    )
    floor = _floor(INDICATOR_SQL, params, repeat)
    print(f"  {floor.line()}")
    for name, work, target in (
        ("indicator report (selector)", report, 1000),
        ("indicator report (API request)", report_api, 1000),
    ):
        measured = measure(name, work, repeat=repeat, warmup=3)
        print(f"  {measured.line(floor_ms=floor.p95, target_ms=target)}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("--participants", type=int, default=PARTICIPANTS)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--only",
        choices=("desk", "indicators"),
        help="Measure the desk statistics or the indicator report only.",
    )
    args = parser.parse_args()
    setup_django()
    if args.generate:
        generate(participants=args.participants)
    else:
        run(args.repeat, args.only)


if __name__ == "__main__":
    main()
