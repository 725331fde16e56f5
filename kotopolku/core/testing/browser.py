"""Browser tests: Playwright for Python driving the system Chromium, with axe-core for WCAG 2.1 AA.

Fixtures (registered in the root ``conftest.py``): ``browser_page`` gives a fresh page, or skips
the test with a clear reason where Chromium or Playwright is missing. ``log_in`` logs a user in
through the real login form. ``assert_accessible(page)`` runs axe-core on the current page.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE_SCRIPT = Path(__file__).parent / "assets" / "axe-4.11.0.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def launch_browser() -> tuple[Any, Any]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        pytest.skip("Playwright for Python is not installed; browser tests skipped")
    manager = sync_playwright().start()
    browser = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    return manager, browser


def assert_accessible(page: Any, *, context: str = "") -> None:
    """Fail with the list of violations when axe-core finds any WCAG 2.1 A/AA problem."""
    page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]
    assert not violations, f"axe-core on {context or page.url}:\n" + "\n".join(violations)


def log_in(page: Any, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")
