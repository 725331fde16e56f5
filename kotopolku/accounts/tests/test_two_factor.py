"""Two-factor sign-in (TOTP) for password accounts of administrators and coordinators."""

from __future__ import annotations

import base64
import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotopolku.accounts.enums import Role
from kotopolku.accounts.tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


def _person(role, email="kaisa@example.test"):
    user = UserFactory(email=email)
    MembershipFactory(user=user, role=role, service_point=ServicePointFactory())
    return user


def _password(client, email, next_url=""):
    data = {"username": email, "password": TEST_PASSWORD}
    return client.post(f"/accounts/login/{'?next=' + next_url if next_url else ''}", data)


def _code(key: bytes, offset: int = 0) -> str:
    totp = TOTP(key)
    totp.time = totp.time + offset * 30
    return f"{totp.token():06d}"


def _enrol(client, email):
    """Password, then the enrolment page's key typed into 'the phone'; returns the key."""
    _password(client, email)
    page = client.get("/accounts/login/authenticator/").content.decode()
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    response = client.post("/accounts/login/authenticator/", {"code": _code(key)})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/recovery-codes/"
    return key


def test_advisor__logs_in_with_the_password_alone(client):
    _person(Role.ADVISOR, "aino@example.test")
    response = _password(client, "aino@example.test")
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.COORDINATOR])
def test_first_login__password_is_not_enough__enrolment_with_a_qr_code_then_recovery_codes(client, role):
    user = _person(role)
    response = _password(client, user.email, next_url="/clients/")
    assert response["Location"] == "/accounts/login/code/"
    assert "_auth_user_id" not in client.session
    assert client.get("/staff/").status_code == 302  # not in yet
    assert client.get("/accounts/login/code/")["Location"] == "/accounts/login/authenticator/"
    client.cookies["django_language"] = "en"
    page = client.get("/accounts/login/authenticator/").content.decode()
    assert 'src="data:image/svg+xml' in page
    assert "Set up your authenticator" in page
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    refused = client.post(
        "/accounts/login/authenticator/", {"code": "000000" if _code(key) != "000000" else "111111"}
    )
    assert refused.status_code == 400
    assert "The code is not right" in refused.content.decode()
    time.sleep(1.1)  # after a wrong code the device refuses every code for a second (then 2, 4...)
    assert client.post("/accounts/login/authenticator/", {"code": _code(key)}).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    codes_page = client.get("/accounts/login/recovery-codes/").content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", codes_page)
    assert len(codes) == 10
    assert 'href="/clients/"' in codes_page
    assert "<code>" not in client.get("/accounts/login/recovery-codes/").content.decode()  # shown once
    assert TOTPDevice.objects.get(user=user).confirmed
    assert AuditEvent.objects.filter(action="accounts.second_factor_enrolled", actor=user).exists()
    login = AuditEvent.objects.get(action="accounts.login", outcome=Outcome.DONE)
    assert login.details == {"method": "password and one-time code"}
    assert AuditEvent.objects.get(action="accounts.login", outcome=Outcome.DENIED).details["reason"] == (
        "wrong one-time code at enrolment"
    )


def test_later_login__asks_for_the_code__a_wrong_one_is_refused_and_audited(client):
    user = _person(Role.ADMINISTRATOR)
    key = _enrol(client, user.email)
    client.logout()
    assert _password(client, user.email)["Location"] == "/accounts/login/code/"
    client.cookies["django_language"] = "fi"
    wrong = client.post("/accounts/login/code/", {"code": "12345x"})
    assert wrong.status_code == 401
    assert "Koodi ei ole oikein" in wrong.content.decode()
    assert "_auth_user_id" not in client.session
    refusal = AuditEvent.objects.filter(action="accounts.login", outcome=Outcome.DENIED).latest("id")
    assert refusal.details == {"username": user.email, "reason": "wrong one-time code"}
    time.sleep(1.1)  # the device's pause after a wrong code
    # The code just used at enrolment is not accepted twice; the next one is.
    response = client.post("/accounts/login/code/", {"code": _code(key, offset=1)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_recovery_code__works_once_in_place_of_the_phone(client):
    user = _person(Role.COORDINATOR)
    _enrol(client, user.email)
    codes = re.findall(
        r"<li><code>([a-z2-7]+)</code></li>", client.get("/accounts/login/recovery-codes/").content.decode()
    )
    client.logout()
    _password(client, user.email)
    assert client.post("/accounts/login/code/", {"code": codes[0].upper()}).status_code == 302
    used = AuditEvent.objects.get(action="accounts.recovery_code_used")
    assert used.details == {"left": 9}
    client.logout()
    _password(client, user.email)
    assert client.post("/accounts/login/code/", {"code": codes[0]}).status_code == 401


def test_code_page__without_a_password_first__goes_back_to_the_login(client):
    assert client.get("/accounts/login/code/")["Location"] == "/accounts/login/"
    assert client.post("/accounts/login/authenticator/", {"code": "123456"})["Location"] == "/accounts/login/"


def test_code__bad_input__is_a_field_error_not_a_500(client):
    user = _person(Role.ADMINISTRATOR)
    _password(client, user.email)
    response = client.post("/accounts/login/authenticator/", {"code": "12\x0034"})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
