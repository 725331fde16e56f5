# ruff: noqa: E501 (SQL statements and the usage lines read better unbroken)
"""Appointments and referrals at scale (issue 15's figures).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_appointments_bench KOTOPOLKU_ENV=development
    .venv/bin/python -m kotopolku migrate
    .venv/bin/python bench/appointments_referrals.py --generate   # 100 000 clients, 200 000 appointments, 100 000 referrals
    .venv/bin/python bench/appointments_referrals.py [--repeat 100]

The generator writes with INSERT … SELECT generate_series (about a minute): 20 service points,
5 advisors each with availability Monday to Friday 8–16 in 30-minute slots, 200 000 appointments
over two years filling those slots, and 100 000 referrals to 30 partner organisations, each
with partner staff. Measured, each as the real code path with its floor (the same SQL statements
run by hand with a bare cursor) and the ratio:

* a service point's week calendar (``calendar_for``: availability, absences, appointments),
* a partner's referral inbox, first page of 50 and the count (``partner_inbox``),
* booking a slot (``appointment_book``: validation, the worker's row lock, the overlap check,
  the insert and its audit event),
* 1 000 reminders sent by the worker's task (``send_due_reminders``) to an SMTP server on loopback.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Measurement, measure, setup_django

PREFIX = "bench-appt"
POINTS = 20
ADVISORS_PER_POINT = 5
PARTNERS = 30


def _floor(statements: list[str], repeat: int = 30) -> float:
    from django.db import connection

    samples = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()
            samples.append((time.perf_counter() - started) * 1000)
    return Measurement("floor", samples, 0).p95


def _captured_selects(work: Any) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        work()
    return [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]


def generate(clients: int, appointments: int, referrals: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from kotopolku.accounts.enums import Role
    from kotopolku.accounts.models import Membership, User
    from kotopolku.appointments.models import Availability
    from kotopolku.organisations.models import Municipality, Organisation, ServicePoint

    started = time.perf_counter()
    municipality, _ = Municipality.objects.get_or_create(
        code="698", defaults={"name_fi": "Rovaniemi", "name_sv": "Rovaniemi"}
    )
    with transaction.atomic():
        points = []
        for index in range(POINTS):
            point, _ = ServicePoint.objects.get_or_create(
                slug=f"{PREFIX}-{index}",
                defaults={"name": f"Bench point {index}", "municipality": municipality},
            )
            points.append(point)
        for index in range(PARTNERS):
            partner, _ = Organisation.objects.get_or_create(
                name=f"{PREFIX} partner {index}", defaults={"kind": "ngo"}
            )
            staff, _ = User.objects.get_or_create(
                email=f"{PREFIX}-partner-{index}@example.test", defaults={"full_name": f"Partner {index}"}
            )
            Membership.objects.get_or_create(user=staff, role=Role.PARTNER_STAFF, organisation=partner)
        for point in points:
            for number in range(ADVISORS_PER_POINT):
                user, _ = User.objects.get_or_create(
                    email=f"{PREFIX}-{point.slug}-{number}@example.test",
                    defaults={"full_name": f"Advisor {number}"},
                )
                Membership.objects.get_or_create(user=user, role=Role.ADVISOR, service_point=point)
                for weekday in range(5):
                    Availability.objects.get_or_create(
                        worker=user,
                        service_point=point,
                        weekday=weekday,
                        defaults={"starts": "08:00", "ends": "16:00"},
                    )
    point_ids = [p.pk for p in points]
    with connection.cursor() as cursor:
        # Generated again from scratch: the rows of an earlier run go first.
        cursor.execute("DELETE FROM referrals_referral WHERE service_point_id = ANY(%s)", [point_ids])
        cursor.execute("DELETE FROM appointments_appointment WHERE service_point_id = ANY(%s)", [point_ids])
        cursor.execute("DELETE FROM clients_client WHERE service_point_id = ANY(%s)", [point_ids])
        cursor.execute(
            """
            INSERT INTO clients_client (created_at, updated_at, uuid, version, other_names, given_names, family_name, given_names_latin,
                family_name_latin, gender, citizenships, phone, email, residence_basis, permit_type,
                personal_identity_code, identity_code_is_temporary, status, service_point_id, birth_year)
            SELECT now(), now(), gen_random_uuid(), 1, '[]', 'Client' || g, 'Bench', 'Client' || g, 'Bench', 'not_told', '[]',
                '+35840' || lpad(g::text, 7, '0'), 'client' || g || '@example.test', 'unknown', '', '', false,
                'active', (%s::bigint[])[1 + g %% %s], 1950 + g %% 55
            FROM generate_series(1, %s) g
            """,
            [point_ids, POINTS, clients],
        )
        # Appointments fill the advisors' 30-minute weekday slots, going back two years from today.
        cursor.execute(
            f"""
            WITH workers AS (
                SELECT m.user_id, m.service_point_id, row_number() OVER (ORDER BY m.user_id) - 1 AS n
                FROM accounts_membership m JOIN organisations_servicepoint sp ON sp.id = m.service_point_id
                WHERE sp.slug LIKE '{PREFIX}-%%' AND m.role = 'advisor'
            ), counted AS (SELECT count(*) AS total FROM workers),
            slots AS (
                SELECT g, (g %% (SELECT total FROM counted)) AS worker_n, (g / (SELECT total FROM counted)) AS k
                FROM generate_series(0, %s - 1) g
            ), placed AS (
                SELECT s.g, w.user_id, w.service_point_id,
                    (date_trunc('week', now() AT TIME ZONE 'Europe/Helsinki')::date - 728
                        + ((s.k / 16 / 5) * 7 + (s.k / 16) %% 5)::int)::timestamp
                        + interval '8 hours' + (s.k %% 16) * interval '30 minutes' AS local_start
                FROM slots s JOIN workers w ON w.n = s.worker_n
            )
            INSERT INTO appointments_appointment (created_at, updated_at, uuid, version, kind, worker_id, starts_at,
                ends_at, channel, meeting_link, location, client_id, contact_name, contact_organisation, contact_email,
                contact_phone, language, topic, status, status_note, service_point_id, reminder_sent_at)
            SELECT now(), now(), gen_random_uuid(), 1, 'advisor', p.user_id,
                p.local_start AT TIME ZONE 'Europe/Helsinki',
                (p.local_start + interval '30 minutes') AT TIME ZONE 'Europe/Helsinki',
                'on_site', '', 'Bench street 1',
                (SELECT min(id) FROM clients_client) + (p.g::bigint * 7919) %% %s, '', '', '', '', 'fi', 'Bench', 'booked', '',
                p.service_point_id, now()
            FROM placed p
            """,
            [appointments, clients],
        )
        cursor.execute(
            f"""
            WITH partners AS (
                SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM organisations_organisation
                WHERE name LIKE '{PREFIX} partner %%'
            )
            INSERT INTO referrals_referral (created_at, updated_at, uuid, version, reason, message, shared_fields, status,
                decline_reason, completion_note, cancel_reason, consent_override_reason, source_type, client_id,
                organisation_id, service_point_id, sent_at, opened_at)
            SELECT now() - (g %% 700) * interval '1 day', now(), gen_random_uuid(), 1, 'Bench reason ' || g, 'Message',
                '["name", "phone"]',
                (ARRAY['sent', 'sent', 'accepted', 'completed', 'declined', 'draft'])[1 + g %% 6], '', '', '', '', '',
                c.id, p.id, c.service_point_id,
                now() - (g %% 700) * interval '1 day',
                CASE WHEN g %% 3 = 0 THEN NULL ELSE now() - (g %% 700) * interval '1 day' END
            FROM generate_series(1, %s) g
            JOIN clients_client c ON c.id = (SELECT min(id) FROM clients_client) + (g::bigint * 104729) %% %s
            JOIN partners p ON p.n = g %% {PARTNERS}
            """,
            [referrals, clients],
        )
        # What autovacuum does to a table soon after a bulk load: the visibility map that lets
        # the inbox count read its partial index alone, and fresh statistics.
        for table in ("clients_client", "appointments_appointment", "referrals_referral"):
            cursor.execute(f"VACUUM (ANALYZE) {table}")
        cursor.execute("ANALYZE")
    del timezone
    print(
        f"generated {clients} clients, {appointments} appointments, {referrals} referrals in {time.perf_counter() - started:.0f}s"
    )


def bench(repeat: int) -> None:
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from kotopolku.appointments import services
    from kotopolku.appointments.models import Appointment
    from kotopolku.appointments.selectors import calendar_for, local_start
    from kotopolku.organisations.models import ServicePoint
    from kotopolku.referrals.selectors import partner_inbox

    User = get_user_model()
    point = ServicePoint.objects.get(slug=f"{PREFIX}-3")
    advisor = User.objects.get(email=f"{PREFIX}-{point.slug}-0@example.test")
    counts = {
        "appointments": Appointment.objects.count(),
        "referrals": connection.cursor().execute("SELECT count(*) FROM referrals_referral").fetchone()[0],  # type: ignore[union-attr]
        "clients": connection.cursor().execute("SELECT count(*) FROM clients_client").fetchone()[0],  # type: ignore[union-attr]
    }
    print(f"data: {counts}")
    # The generated history starts 104 weeks back and fills its first 25 weeks: every weekday
    # slot of the point's advisors in those weeks is booked.
    today = timezone.localdate()
    first_monday = today - timedelta(days=today.weekday() + 728)

    def week(i: int) -> Any:
        return calendar_for(
            user=advisor, start=first_monday + timedelta(weeks=i % 20), days=7, service_point_id=point.pk
        )

    measured = measure("service point week calendar", week, repeat=repeat)
    booked = sum(1 for cells in week(0).rows.values() for slot in cells.slots if slot.state == "booked")
    floor = _floor(_captured_selects(lambda: week(0)))
    print(
        measured.line(floor_ms=floor, target_ms=60)
        + f" queries<=10 {'meets' if measured.queries <= 10 else 'MISSES'} booked_slots={booked}"
    )

    partner = User.objects.get(email=f"{PREFIX}-partner-7@example.test")

    def inbox(i: int) -> Any:
        queryset = partner_inbox(user=partner)
        return list(queryset[:50]), queryset.count()

    measured = measure("partner referral inbox (first 50 + count)", inbox, repeat=repeat)
    floor = _floor(_captured_selects(lambda: inbox(0)))
    print(measured.line(floor_ms=floor, target_ms=40) + f" rows={inbox(0)[1]}")

    # Booking: free slots of next year's weeks (the generated history ends before them).
    workers = list(User.objects.filter(memberships__service_point=point, memberships__role="advisor"))
    from kotopolku.clients.models import Client

    clients = list(Client.objects.filter(service_point=point)[:200])
    base = date.today() + timedelta(days=7 * 30 - date.today().weekday())
    Appointment.objects.filter(
        starts_at__gte=local_start(base), worker__in=workers
    ).delete()  # an earlier run's

    calls = iter(range(1_000_000))

    def book(_: int) -> Any:
        # Each call a new slot (the harness repeats its warm-up indices).
        i = next(calls)
        # Worker i % W, and for each worker its slots one after another: 16 a day, 5 days a week.
        k = i // len(workers)
        day = base + timedelta(days=(k // 16) % 5 + 7 * (k // 80))
        start = local_start(day) + timedelta(hours=8, minutes=30 * (k % 16))
        return services.appointment_book(
            service_point=point,
            data=services.BookingData(
                kind="advisor",
                starts_at=start,
                ends_at=start + timedelta(minutes=30),
                channel="on_site",
                worker=workers[i % len(workers)],
                client=clients[i % len(clients)],
                language="fi",
            ),
            by=advisor,
        )

    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        sid = transaction.savepoint()
        book(0)
        transaction.savepoint_rollback(sid)
    floor_statements = [
        q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")
    ]
    measured = measure("book a slot", book, repeat=repeat)
    print(measured.line(floor_ms=_floor(floor_statements), target_ms=30) + " (floor: its SELECTs only)")
    Appointment.objects.filter(starts_at__gte=local_start(base)).delete()

    _reminders(point, advisor, clients)
    del timezone


def _reminders(point: Any, advisor: Any, clients: list[Any]) -> None:
    import socket

    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.utils import timezone

    from kotopolku.appointments.models import Appointment
    from kotopolku.appointments.tasks import send_due_reminders

    class Counter:
        received = 0

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            Counter.received += 1
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.SMS_BACKEND = "kotopolku.appointments.sms.ConsoleSmsBackend"
    import logging

    logging.getLogger("kotopolku.sms").setLevel(logging.WARNING)
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # the SMTP server's line per command
    soon = timezone.now() + timedelta(hours=2)
    worker = advisor
    Appointment.objects.bulk_create(
        Appointment(
            service_point=point,
            kind="advisor",
            worker=worker,
            starts_at=soon + timedelta(seconds=i),
            ends_at=soon + timedelta(seconds=i, minutes=30),
            channel="on_site",
            location="Bench street 1",
            client=clients[i % len(clients)],
            language=("fi", "sv", "en")[i % 3],
            status="booked",
        )
        for i in range(1000)
    )
    try:
        started = time.perf_counter()
        sent = send_due_reminders.call()
        elapsed = time.perf_counter() - started
    finally:
        controller.stop()
        Appointment.objects.filter(starts_at__gte=soon, starts_at__lt=soon + timedelta(hours=1)).delete()
    verdict = "meets" if elapsed <= 30 else "MISSES"
    print(
        f"1000 reminders by the worker to loopback SMTP: {elapsed:.1f}s sent={sent} received={Counter.received} target<=30s {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--appointments", type=int, default=200_000)
    parser.add_argument("--referrals", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    setup_django()
    if args.generate:
        generate(args.clients, args.appointments, args.referrals)
        return
    bench(args.repeat)


if __name__ == "__main__":
    main()
