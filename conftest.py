"""Fixtures shared by every app's tests."""

from __future__ import annotations

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# beside it are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def permission_world(db):  # type: ignore[no-untyped-def]
    from kotopolku.core.testing.permission_matrix import build_permission_world

    return build_permission_world()


@pytest.fixture(scope="session")
def _chromium():  # type: ignore[no-untyped-def]
    from kotopolku.core.testing.browser import launch_browser

    manager, browser = launch_browser()
    yield browser
    browser.close()
    manager.stop()


@pytest.fixture
def browser_page(_chromium, live_server):  # type: ignore[no-untyped-def]
    # axe-core is injected as an inline script, which the product's CSP rightly refuses.
    context = _chromium.new_context(locale="fi-FI", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _flush_past_the_audit_truncate_guard() -> None:
    """Tests that commit (live server, threads) are cleaned up with TRUNCATE, which the audit
    table refuses on PostgreSQL; the test database's owner lifts that guard for the flush only."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):  # type: ignore[no-untyped-def]
        statements = original(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if "audit_auditevent" not in tables or not statements:
            return statements
        guard = "ALTER TABLE audit_auditevent {} TRIGGER audit_event_no_truncate"
        return [guard.format("DISABLE"), *statements, guard.format("ENABLE")]

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]


_flush_past_the_audit_truncate_guard()


def _commits(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


def _duration_class(item: pytest.Item) -> int:
    if item.get_closest_marker("schemathesis"):
        return 0
    if item.get_closest_marker("browser"):
        return 1
    return 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Within the tests that commit, which Django's order (kept by pytest-django) runs after the
    others, the longest go first, so that on several workers none is left running alone at the end.

    The workers are fed in this order (`--dist load`, not work stealing): a test that commits
    empties the tables, migrations' rows included, so no worker may run one before a test that
    does not."""
    first_committing = next((index for index, item in enumerate(items) if _commits(item)), len(items))
    head, tail = items[:first_committing], items[first_committing:]
    tail.sort(key=lambda item: (not _commits(item), _duration_class(item)))
    items[:] = head + tail
