"""How gunicorn serves Kotopolku in production:

    gunicorn -c python:kotopolku.gunicorn_conf kotopolku.wsgi:application

Threads in a few processes (``gthread``): a request mostly waits for PostgreSQL, and a thread
costs far less memory than a process. Every value can be changed from the environment.
"""

from __future__ import annotations

import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, "") or default)


bind = os.environ.get("GUNICORN_BIND", "") or "127.0.0.1:8000"
worker_class = "gthread"
# One process per core and one more, each with a handful of threads: more threads than that
# only queue for the interpreter lock while holding a database connection each.
workers = _int("GUNICORN_WORKERS", (os.cpu_count() or 1) + 1)
threads = _int("GUNICORN_THREADS", 4)
# Connections waiting to be accepted while every thread is busy: a burst of logins at nine in
# the morning waits here instead of being refused.
backlog = _int("GUNICORN_BACKLOG", 2048)
# A browser (or the reverse proxy) keeps its connection open between a person's clicks. Closing
# it sooner than the client expects races with the client's next request on it, which then
# fails with "connection reset"; keep it longer than the pause between two clicks.
keepalive = _int("GUNICORN_KEEPALIVE", 30)
# A request still running after this long is stuck: the worker is restarted.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
accesslog = None
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
