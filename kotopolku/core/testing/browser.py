"""Browser tests: Playwright for Python driving the system Chromium, with axe-core for WCAG 2.1 AA.

Fixtures (registered in the root ``conftest.py``): ``browser_page`` gives a fresh page, or skips
the test with a clear reason where Chromium or Playwright is missing. ``log_in`` logs a user in
through the real login form. ``assert_accessible(page)`` runs axe-core on the current page.
"""

from __future__ import annotations

import base64
import shutil
import time
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
    _pass_the_second_factor(page, email)


def _pass_the_second_factor(page: Any, email: str) -> None:
    """Administrators and coordinators give a one-time code after the password (enrolling an
    authenticator the first time): the test plays the phone, from the key on the page or in the
    test database."""
    if "/accounts/login/authenticator/" in page.url:
        secret = page.inner_text("main code").replace(" ", "")
        page.fill("input[name=code]", _totp_now(base64.b32decode(secret + "=" * (-len(secret) % 8))))
        with page.expect_navigation():
            page.click("main button[type=submit]")
        with page.expect_navigation():
            page.click("main a.hds-button")
    elif "/accounts/login/code/" in page.url:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user__email=email, confirmed=True).first()
        assert device is not None, "a second-factor page without an enrolled authenticator"
        page.fill("input[name=code]", _totp_now(device.bin_key, last_t=device.last_t))
        with page.expect_navigation():
            page.click("main button[type=submit]")


def _totp_now(key: bytes, last_t: int = -1) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(key)
    while totp.t() <= last_t:  # a code is accepted once: wait for the next one
        time.sleep(1)
        totp = TOTP(key)
    return f"{totp.token():06d}"
