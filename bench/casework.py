"""Case work at scale: the client profile with its timeline, the advisor's work list, and the
plan's PDF in Arabic.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_casework KOTOPOLKU_ENV=development
    .venv/bin/python -m kotopolku migrate
    .venv/bin/python bench/casework.py --generate --clients 100000   # 30 000 plans, 300 000 steps
    .venv/bin/python bench/casework.py [--repeat 200]

The generator writes, over 10 service points with 10 advisors each: clients, an open case for
each, plans for 30 % of them (one advisor responsible; 10 steps under 3 goals, due dates spread
over the plan, the past ones mostly done), a follow-up per plan, a needs assessment for 70 %,
and the case events of all that (the timeline's rows). Figures:

* ``profile``: GET of a client's profile (the registry's page with the timeline at the top and
  the case work panel) through the whole middleware stack, for an advisor of the client's point;
  floor: the same data (client, timeline events, notes, open case, household) read by one
  hand-written SQL statement. Target: ≤ 12 queries, p95 ≤ 3× floor (≤ 50 ms).
* ``worklist``: the work list selector of an advisor (steps due within 7 days or overdue,
  follow-ups due, plans ending within 30 days, open cases without an assessment); floor: one
  hand-written SQL statement with the four parts. Target p95 ≤ 3× floor (≤ 50 ms).
* ``pdf-ar``: the plan's PDF in Arabic (WeasyPrint with the shipped fonts). Target ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Measurement, measure, setup_django

POINTS = 10
ADVISORS_PER_POINT = 10
BATCH = 5_000


def _bulk(model: Any, rows: list[Any]) -> list[Any]:
    created: list[Any] = []
    for start in range(0, len(rows), BATCH):
        created.extend(model.objects.bulk_create(rows[start : start + BATCH]))
    return created


def generate(total_clients: int, seed: int = 7) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from kotopolku.accounts.enums import Role
    from kotopolku.accounts.models import Membership, User
    from kotopolku.casework.models import Assessment, Case, CaseEvent, FollowUp, Goal, Plan, Step
    from kotopolku.clients.models import Client
    from kotopolku.organisations.models import Municipality, ServicePoint

    rng = random.Random(seed)
    today = timezone.localdate()
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        municipality = Municipality.objects.order_by("code").first()
        points = []
        advisors: dict[int, list[User]] = {}
        for index in range(POINTS):
            point, _ = ServicePoint.objects.get_or_create(
                slug=f"bench-casework-{index}",
                defaults={"name": f"Bench International House {index}", "municipality": municipality},
            )
            points.append(point)
            advisors[point.pk] = []
            for number in range(ADVISORS_PER_POINT):
                user, _ = User.objects.get_or_create(
                    email=f"bench-advisor-{index}-{number}@example.test",
                    defaults={"full_name": f"Advisor {index}-{number}"},
                )
                Membership.objects.get_or_create(user=user, role=Role.ADVISOR, service_point=point)
                advisors[point.pk].append(user)
        clients = _bulk(
            Client,
            [
                Client(
                    service_point=points[i % POINTS],
                    given_names_latin=f"Given{i}",
                    family_name_latin=f"Family{i % 5000}",
                    birth_year=1960 + i % 45,
                    responsible_worker=advisors[points[i % POINTS].pk][i // POINTS % ADVISORS_PER_POINT],
                )
                for i in range(total_clients)
            ],
        )
        print(f"clients: {len(clients)} in {time.perf_counter() - started:.0f}s", flush=True)
        cases = _bulk(
            Case,
            [
                Case(
                    client=client,
                    service_point_id=client.service_point_id,
                    opened_on=today - dt.timedelta(days=rng.randint(1, 700)),
                    opened_because="desk",
                    opened_by=client.responsible_worker,
                )
                for client in clients
            ],
        )
        assessed = [client for client in clients if rng.random() < 0.7]
        _bulk(
            Assessment,
            [
                Assessment(
                    client=client,
                    service_point_id=client.service_point_id,
                    number=1,
                    literacy="literate",
                    reads_latin=True,
                    occupation="2221",
                    languages=[{"language": "ar", "listening": "native", "speaking": "native"}],
                    conclusion="integration",
                    assessed_by=client.responsible_worker,
                )
                for client in assessed
            ],
        )
        planned = rng.sample(clients, int(total_clients * 0.3))
        plans = []
        for client in planned:
            starts = today - dt.timedelta(days=rng.randint(0, 600))
            ends = starts + dt.timedelta(days=rng.randint(60, 720))
            status = "active" if ends >= today else rng.choice(["completed", "ended"])
            plans.append(
                Plan(
                    client=client,
                    service_point_id=client.service_point_id,
                    kind=rng.choice(["settlement", "integration"]),
                    status=status,
                    starts_on=starts,
                    ends_on=ends,
                    responsible=client.responsible_worker,
                    summary="Suomen kieli, työ ja asuminen.",
                )
            )
        plans = _bulk(Plan, plans)
        goals = _bulk(
            Goal, [Goal(plan=plan, text=f"Tavoite {n}", position=n) for plan in plans for n in (1, 2, 3)]
        )
        goals_by_plan: dict[int, list[Goal]] = {}
        for goal in goals:
            goals_by_plan.setdefault(goal.plan_id, []).append(goal)
        steps = []
        for plan in plans:
            span = (plan.ends_on - plan.starts_on).days
            for n in range(10):
                due = plan.starts_on + dt.timedelta(days=span * (n + 1) // 11)
                done = due < today and rng.random() < 0.9
                owner = "advisor" if n % 3 == 0 else "client"
                steps.append(
                    Step(
                        plan=plan,
                        goal=goals_by_plan[plan.pk][n % 3],
                        text=f"Toimenpide {n}",
                        owner=owner,
                        owner_user=plan.responsible if owner == "advisor" else None,
                        due_on=due,
                        status="done" if done else "todo",
                        position=n,
                    )
                )
        _bulk(Step, steps)
        _bulk(
            FollowUp,
            [
                FollowUp(plan=plan, planned_on=plan.starts_on + dt.timedelta(days=rng.randint(30, 90)))
                for plan in plans
            ],
        )
        events = [
            CaseEvent(
                client_id=case.client_id,
                service_point_id=case.service_point_id,
                kind="case_opened",
                happened_at=now,
            )
            for case in cases
        ]
        events += [
            CaseEvent(
                client_id=plan.client_id,
                service_point_id=plan.service_point_id,
                kind=kind,
                plan=plan,
                happened_at=now,
            )
            for plan in plans
            for kind in ("plan_created", "goal_added", "step_added", "plan_status")
        ]
        _bulk(CaseEvent, events)
    # As autovacuum would after a bulk load: the visibility map lets the work list's index-only
    # reads skip the table.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"generated {len(clients)} clients, {len(plans)} plans, {len(steps)} steps, {len(events)} events "
        f"in {time.perf_counter() - started:.0f}s",
        flush=True,
    )


def _floor(sql: str, params: list[Any], repeat: int = 50) -> float:
    from django.db import connection

    samples = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            samples.append((time.perf_counter() - started) * 1000)
    return Measurement("floor", samples, 0).p95


PROFILE_FLOOR = """
SELECT c.*, (SELECT json_agg(e ORDER BY e.happened_at DESC) FROM (
          SELECT ev.happened_at, ev.kind, ev.details, u.full_name, p.uuid AS plan_uuid, p.kind AS plan_kind
          FROM casework_caseevent ev LEFT JOIN accounts_user u ON u.id = ev.actor_id
          LEFT JOIN casework_plan p ON p.id = ev.plan_id WHERE ev.client_id = c.id) e),
       (SELECT json_agg(n) FROM casework_casenote n
         WHERE n.client_id = c.id AND n.service_point_id = c.service_point_id),
       (SELECT row_to_json(k) FROM casework_case k WHERE k.client_id = c.id AND k.status = 'open'),
       (SELECT json_agg(m) FROM casework_householdmember m WHERE m.client_id = c.id)
FROM clients_client c WHERE c.id = %s
"""

# The work list's rows with what the page shows of them (the plan's kind, the client's name),
# each part led by the advisor's own rows, in one statement.
_NAME = "c.uuid, c.given_names, c.family_name, c.given_names_latin, c.family_name_latin"
WORKLIST_FLOOR = f"""
WITH own AS (SELECT id FROM casework_plan WHERE responsible_id = %(user)s
              AND status IN ('draft', 'active') AND service_point_id = %(point)s)
(SELECT 'step', s.id, s.text, s.status, s.due_on, p.uuid, p.kind, {_NAME}
   FROM casework_step s JOIN casework_plan p ON p.id = s.plan_id JOIN clients_client c ON c.id = p.client_id
  WHERE s.status IN ('todo', 'in_progress') AND s.due_on <= %(soon)s
    AND s.plan_id IN (SELECT id FROM own) AND s.owner <> 'partner' ORDER BY s.due_on, s.id LIMIT 200)
UNION ALL
(SELECT 'own step', s.id, s.text, s.status, s.due_on, p.uuid, p.kind, {_NAME}
   FROM casework_step s JOIN casework_plan p ON p.id = s.plan_id JOIN clients_client c ON c.id = p.client_id
  WHERE s.status IN ('todo', 'in_progress') AND s.due_on <= %(soon)s AND s.owner_user_id = %(user)s
    AND p.status IN ('draft', 'active') AND p.service_point_id = %(point)s
    AND s.plan_id NOT IN (SELECT id FROM own) ORDER BY s.due_on, s.id LIMIT 200)
UNION ALL
(SELECT 'follow-up', f.id, '', '', f.planned_on, p.uuid, p.kind, {_NAME}
   FROM casework_followup f JOIN casework_plan p ON p.id = f.plan_id
   JOIN clients_client c ON c.id = p.client_id
  WHERE f.plan_id IN (SELECT id FROM own) AND f.held_on IS NULL AND f.planned_on <= %(soon)s
  ORDER BY f.planned_on, f.id LIMIT 200)
UNION ALL
(SELECT 'plan', p.id, '', '', p.ends_on, p.uuid, p.kind, {_NAME}
   FROM casework_plan p JOIN clients_client c ON c.id = p.client_id
  WHERE p.responsible_id = %(user)s AND p.status = 'active' AND p.ends_on <= %(month)s
    AND p.service_point_id = %(point)s ORDER BY p.ends_on, p.id LIMIT 200)
UNION ALL
(SELECT 'case', k.id, '', '', k.opened_on, NULL, '', {_NAME}
   FROM casework_case k JOIN clients_client c ON c.id = k.client_id
  WHERE k.status = 'open' AND c.responsible_worker_id = %(user)s AND c.service_point_id = %(point)s
    AND NOT EXISTS (SELECT 1 FROM casework_assessment a WHERE a.client_id = k.client_id)
  ORDER BY k.opened_on, k.id LIMIT 200)
"""


def run(repeat: int) -> None:
    from django.db.models import Count
    from django.test import Client as HttpClient
    from django.utils import timezone

    from kotopolku.accounts.models import User
    from kotopolku.casework.models import Plan, Step
    from kotopolku.casework.pdf import plan_pdf
    from kotopolku.casework.selectors import plan_get, work_list
    from kotopolku.clients.models import Client

    counts = {
        "clients": Client.objects.count(),
        "plans": Plan.objects.count(),
        "steps": Step.objects.count(),
    }
    print("scale: " + ", ".join(f"{name}={value}" for name, value in counts.items()), flush=True)
    advisor = User.objects.get(email="bench-advisor-0-0@example.test")
    planned = list(
        Client.objects.filter(responsible_worker=advisor)
        .annotate(plan_count=Count("plans"))
        .filter(plan_count__gt=0)
        .order_by("id")[:50]
    )
    http = HttpClient(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="fi")
    http.force_login(advisor)

    def profile(i: int) -> None:
        response = http.get(f"/clients/{planned[i % len(planned)].uuid}/")
        assert response.status_code == 200, response.status_code

    measured = measure("profile", profile, repeat=repeat)
    floor = _floor(PROFILE_FLOOR, [planned[0].pk])
    print(measured.line(floor_ms=floor, target_ms=50) + " (queries target <= 12)", flush=True)

    today = timezone.localdate()
    soon, month = today + dt.timedelta(days=7), today + dt.timedelta(days=30)
    measured = measure("worklist", lambda i: work_list(user=advisor), repeat=repeat)
    point = advisor.memberships.values_list("service_point_id", flat=True).get()
    floor = _floor(WORKLIST_FLOOR, {"user": advisor.pk, "point": point, "soon": soon, "month": month})  # type: ignore[arg-type]
    work = work_list(user=advisor)
    print(
        measured.line(floor_ms=floor, target_ms=50)
        + f" (rows: steps {len(work.steps_due)}, follow-ups {len(work.follow_ups_due)}, "
        f"plans {len(work.plans_ending)}, cases {len(work.cases_without_assessment)})",
        flush=True,
    )

    plan = plan_get(
        user=advisor, uuid=Plan.objects.filter(client__in=planned).values_list("uuid", flat=True)[0]
    )
    measured = measure("pdf-ar", lambda i: plan_pdf(plan, "ar"), repeat=max(5, repeat // 20), warmup=1)
    print(measured.line(target_ms=1500), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", action="store_true", help="write the synthetic data first")
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    arguments = parser.parse_args()
    setup_django()
    import logging

    logging.disable(logging.WARNING)
    if arguments.generate:
        generate(arguments.clients)
    run(arguments.repeat)


if __name__ == "__main__":
    main()
