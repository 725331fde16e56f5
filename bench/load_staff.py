"""Load test: concurrent staff users against a real server (gunicorn on loopback, PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_load KOTOPOLKU_ENV=development \\
        .venv/bin/python -m kotopolku prepare            # the demo, once
    DATABASE_URL=... KOTOPOLKU_ENV=development \\
        .venv/bin/python bench/load_staff.py --users 100 --duration 600 \\
        [--ramp 30] [--cut-at 120] [--port 8100] [--workers N --threads N]

The server runs with the production settings of ``kotopolku/gunicorn_conf.py`` (``--workers`` and
``--threads`` override them). The users start one after another over ``--ramp`` seconds, as
staff arrive in the morning, rather than 100 logins in one instant.

Each virtual user is a desk advisor with a session of their own (logged in through the login
form) and the desk tablet's API token. In a loop, with a think time of 0.5–1.5 s, they do the
mix of a desk day: open the desk, log a contact (the API), search clients by name, open a
profile, open the service catalogue or a service. Every answer that is not the expected status
counts as an error; p50/p95/max are printed per request kind.

``--cut-at N``: N seconds in, every connection to the load database is cut with
``pg_terminate_backend`` (what a restart does to the application, without restarting the
PostgreSQL server that others share). Requests caught then must answer 503, never 500; the run
reports how long until every kind answers again, and checks afterwards that each contact the
API said it created exists with its topics and that no other contact was written.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import requests
from harness import setup_django

ROOT = Path(__file__).resolve().parent.parent
MARK = "load-run"
ADVISORS = ["advisor.rovaniemi@demo.kotopolku.fi", "advisor.kemi@demo.kotopolku.fi"]


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, Counter[int]] = defaultdict(Counter)
        self.errors: list[tuple[float, str, str]] = []
        self.created: list[str] = []
        self.last_failure_at = 0.0

    def add(self, kind: str, started: float, elapsed: float, status: int, ok: bool, note: str = "") -> None:
        with self.lock:
            self.timings[kind].append(elapsed * 1000)
            self.statuses[kind][status] += 1
            if not ok:
                self.errors.append((started, kind, f"{status} {note}"[:200]))
                self.last_failure_at = max(self.last_failure_at, started)


def _setup(users: int) -> dict[str, Any]:
    """API tokens for the advisors, and what the users will ask for (names, clients, services)."""
    setup_django()
    from kotopolku.accounts.models import User
    from kotopolku.accounts.services import api_token_create
    from kotopolku.catalogue.models import Service
    from kotopolku.clients.models import Client

    tokens = {}
    points = {}
    for email in ADVISORS:
        user = User.objects.get(email=email)
        tokens[email] = api_token_create(user=user, name=f"{MARK} {uuid.uuid4().hex[:6]}")[1]
        membership = user.memberships.select_related("service_point").get()
        points[email] = membership.service_point
    clients = {
        email: list(Client.objects.filter(service_point=point).values_list("uuid", "family_name")[:200])
        for email, point in points.items()
    }
    services = [str(u) for u in Service.objects.values_list("uuid", flat=True)[:100]]
    return {
        "tokens": tokens,
        "points": {email: str(point.uuid) for email, point in points.items()},
        "clients": {email: [(str(u), n) for u, n in rows] for email, rows in clients.items()},
        "services": services,
    }


def _start_server(port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DEBUG": "false", "LOG_LEVEL": "WARNING", "GUNICORN_BIND": f"127.0.0.1:{port}"}
    if workers:
        env["GUNICORN_WORKERS"] = str(workers)
    if threads:
        env["GUNICORN_THREADS"] = str(threads)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--config=python:kotopolku.gunicorn_conf",
            "kotopolku.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if requests.get(f"{base}/accounts/login/", timeout=5).status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(1)
    server.terminate()
    raise SystemExit("the server did not start")


def _log_in(session: requests.Session, base: str, email: str) -> None:
    from kotopolku.accounts.demo import DEMO_PASSWORD

    # The same patience as for every other request: a login given up after 30 s is still worked
    # on by the server, and the user's retry doubles the work of the morning's burst.
    page = session.get(f"{base}/accounts/login/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, "no CSRF token on the login page"
    answer = session.post(
        f"{base}/accounts/login/",
        data={"username": email, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
        timeout=60,
    )
    assert answer.status_code == 302, f"login of {email} answered {answer.status_code}"


def _user(number: int, base: str, plan: dict[str, Any], results: Results, stop: threading.Event) -> None:
    email = ADVISORS[number % len(ADVISORS)]
    rng = random.Random(number)
    session = requests.Session()
    while not stop.is_set():
        try:
            _log_in(session, base, email)
            break
        except (requests.RequestException, AssertionError) as error:
            results.add("login", time.time(), 0, 0, False, str(error))
            time.sleep(2)
    bearer = {"Authorization": f"Bearer {plan['tokens'][email]}"}
    clients = plan["clients"][email]
    kinds = ["desk", "log contact", "search", "profile", "catalogue", "service"]
    weights = [20, 20, 25, 20, 8, 7]
    while not stop.is_set():
        kind = rng.choices(kinds, weights)[0]
        started = time.time()
        expected = 200
        try:
            if kind == "desk":
                answer = session.get(f"{base}/contacts/", timeout=60)
            elif kind == "log contact":
                expected = 201
                body = {
                    "service_point": plan["points"][email],
                    "channel": "walk_in",
                    "language": rng.choice(["fi", "en", "uk", "ru", "ar"]),
                    "topics": rng.sample(["kela", "housing", "work", "residence_permits", "education"], 2),
                    "duration_minutes": rng.randint(5, 40),
                    "outcome": "guided",
                    "note": MARK,
                }
                answer = session.post(f"{base}/api/v1/contacts", json=body, headers=bearer, timeout=60)
                if answer.status_code == 201:
                    with results.lock:
                        results.created.append(answer.json()["id"])
            elif kind == "search":
                name = rng.choice(clients)[1] if clients else "Koval"
                answer = session.get(f"{base}/clients/", params={"q": name}, timeout=60)
            elif kind == "profile":
                client = rng.choice(clients)[0]
                answer = session.get(f"{base}/clients/{client}/", timeout=60)
            elif kind == "catalogue":
                answer = session.get(f"{base}/catalogue/", timeout=60)
            else:
                answer = session.get(f"{base}/catalogue/services/{rng.choice(plan['services'])}/", timeout=60)
            elapsed = time.time() - started
            ok = answer.status_code == expected
            results.add(kind, started, elapsed, answer.status_code, ok, "" if ok else answer.text[:120])
        except requests.RequestException as error:
            results.add(kind, started, time.time() - started, 0, False, type(error).__name__)
        stop.wait(rng.uniform(0.5, 1.5))


def _cut_connections(database_url: str) -> int:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return len(rows)


def _check_writes(created: list[str]) -> dict[str, int]:
    from django.db import connection
    from django.db.models import Count

    connection.close()  # this script's own connection was cut with the others

    from kotopolku.contacts.models import Contact

    stored = Contact.objects.filter(note=MARK).annotate(topics_count=Count("topic_links"))
    by_id = {str(c.uuid): c.topics_count for c in stored}
    return {
        "answered 201": len(created),
        "stored": len(by_id),
        "answered 201 but missing": sum(1 for c in created if c not in by_id),
        "stored without topics (half-written)": sum(1 for n in by_id.values() if n == 0),
        "stored without a 201": len(set(by_id) - set(created)),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=int, default=600, help="seconds")
    parser.add_argument("--cut-at", type=int, default=0, help="cut every database connection at N s")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--workers", type=int, default=0, help="default: kotopolku/gunicorn_conf.py")
    parser.add_argument("--threads", type=int, default=0, help="default: kotopolku/gunicorn_conf.py")
    parser.add_argument("--ramp", type=float, default=30, help="seconds over which the users start")
    args = parser.parse_args()
    database_url = os.environ["DATABASE_URL"]
    plan = _setup(args.users)
    from kotopolku.contacts.models import Contact

    Contact.objects.filter(note=MARK).delete()
    server = _start_server(args.port, args.workers, args.threads)
    base = f"http://127.0.0.1:{args.port}"
    results, stop = Results(), threading.Event()
    threads = [
        threading.Thread(target=_user, args=(n, base, plan, results, stop), daemon=True)
        for n in range(args.users)
    ]
    began = time.time()
    cut_time = 0.0
    try:
        for thread in threads:
            thread.start()
            time.sleep(args.ramp / max(1, args.users))
        while time.time() - began < args.duration:
            if args.cut_at and not cut_time and time.time() - began >= args.cut_at:
                cut_time = time.time()
                print(
                    f"cut {_cut_connections(database_url)} connections at {cut_time - began:.0f} s",
                    flush=True,
                )
            time.sleep(1)
        stop.set()
        for thread in threads:
            thread.join(70)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    seconds = time.time() - began
    total = sum(len(v) for v in results.timings.values())
    print(f"{args.users} users, {seconds:.0f} s, {total} requests ({total / seconds:.1f}/s)")
    print(f"{'kind':<12} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  statuses")
    for kind, samples in sorted(results.timings.items()):
        ordered = sorted(samples)
        p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
        statuses = dict(sorted(results.statuses[kind].items()))
        p50 = statistics.median(samples)
        print(f"{kind:<12} {len(samples):>7} {p50:>8.0f} {p95:>8.0f} {ordered[-1]:>8.0f}  {statuses}")
    errors_before = [e for e in results.errors if not cut_time or e[0] < cut_time]
    errors_after = [e for e in results.errors if cut_time and e[0] >= cut_time]
    print(f"errors: {len(results.errors)} ({len(errors_before)} before any cut)")
    print(
        "errors by kind and cause:",
        dict(Counter((kind, note.split(" ", 1)[-1][:40]) for _s, kind, note in results.errors)),
    )
    for started, kind, note in results.errors[:15]:
        print(f"  {started - began:7.1f} s {kind}: {note}")
    if cut_time:
        statuses_after = Counter(note.split()[0] for _s, _k, note in errors_after)
        if errors_after:
            recovered = results.last_failure_at - cut_time
            print(f"after the cut: {dict(statuses_after)}; last failure {recovered:.1f} s after it")
        else:
            print("after the cut: no request failed (each worker reconnected on its next request)")
    print("writes:", _check_writes(results.created))
    print("server errors (500):", sum(c[500] for c in results.statuses.values()))
    sys.exit(0)


if __name__ == "__main__":
    main()
