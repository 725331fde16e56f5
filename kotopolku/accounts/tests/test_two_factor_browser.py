"""Two-factor sign-in in the browser: enrolment, recovery codes and the code step are axe-clean
in fi, sv and en, and work from the keyboard."""

from __future__ import annotations

import base64

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.core.testing.browser import _totp_now, assert_accessible
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _password(page, base, email):
    # The first page of a cold test server can take longer than the default 15 s on a busy machine.
    page.goto(f"{base}/accounts/login/", timeout=60_000)
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", TEST_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_two_factor__enrol_then_log_in_with_a_code__accessible(browser_page, live_server, language):
    page = browser_page
    user = UserFactory(email="kaisa@example.test", language=language)
    Membership.objects.create(user=user, role=Role.COORDINATOR, service_point=ServicePointFactory())
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    _password(page, live_server.url, user.email)
    assert page.url.endswith("/accounts/login/authenticator/")
    assert page.locator("main img[src^='data:image/svg+xml']").count() == 1
    assert_accessible(page, context=f"authenticator enrolment ({language})")
    secret = page.inner_text("main code").replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("input[name=code]", "000000" if _totp_now(key) != "000000" else "111111")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page, context=f"enrolment with a wrong code ({language})")
    page.wait_for_timeout(1200)  # the device's pause after a wrong code
    page.fill("input[name=code]", _totp_now(key))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/accounts/login/recovery-codes/")
    assert page.locator("main li code").count() == 10
    assert_accessible(page, context=f"recovery codes ({language})")
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    _password(page, live_server.url, user.email)
    assert page.url.endswith("/accounts/login/code/")
    assert_accessible(page, context=f"one-time code ({language})")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_recovery_codes__renewed_from_the_security_page__accessible(browser_page, live_server, language):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from kotopolku.core.testing.browser import log_in

    page = browser_page
    user = UserFactory(email="kaisa@example.test", language=language)
    Membership.objects.create(user=user, role=Role.ADMINISTRATOR, service_point=ServicePointFactory())
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(page, live_server.url, user.email, TEST_PASSWORD)
    page.goto(f"{live_server.url}/accounts/security/", timeout=60_000)
    assert page.locator("main p").first.inner_text().count("10") == 1
    assert_accessible(page, context=f"login security ({language})")
    page.fill("input[name=code]", "12345")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page, context=f"login security with a wrong code ({language})")
    page.wait_for_timeout(1200)  # the device's pause after a wrong code
    device = TOTPDevice.objects.get(user=user)
    page.fill("input[name=code]", _totp_now(device.bin_key, last_t=device.last_t))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/accounts/login/recovery-codes/")
    assert page.locator("main li code").count() == 10
    admin_page = f"{live_server.url}/accounts/users/{user.uuid}/authenticator/reset/"
    page.goto(admin_page)
    assert_accessible(page, context=f"reset the authenticator, asked first ({language})")
