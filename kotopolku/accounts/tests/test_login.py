from __future__ import annotations

import pytest
from axes.models import AccessAttempt

from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _login(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_login__right_password__opens_the_front_page(client):
    user = UserFactory(email="aino@example.test")
    response = _login(client, "aino@example.test", TEST_PASSWORD)
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(actor=user, action="accounts.login", outcome=Outcome.DONE).exists()


def test_login__wrong_password__answers_401_with_a_clear_message_and_is_audited_with_the_username(client):
    UserFactory(email="aino@example.test")
    response = _login(client, "aino@example.test", "wrong-password")
    assert response.status_code == 401
    assert "failed attempts" in response.content.decode() or "epäonnistuneen" in response.content.decode()
    [event] = AuditEvent.objects.filter(action="accounts.login", outcome=Outcome.DENIED)
    assert event.details == {"username": "aino@example.test", "reason": "wrong credentials"}
    assert event.target_id == "aino@example.test"


def test_login__unknown_account__is_audited_with_the_username_tried(client):
    response = _login(client, "nobody.at.all@example.test", "whatever")
    assert response.status_code == 401
    event = AuditEvent.objects.get(action="accounts.login", outcome=Outcome.DENIED)
    assert event.details["username"] == "nobody.at.all@example.test"


def test_login__repeated_failures__lock_the_account_even_for_the_right_password(client, settings):
    UserFactory(email="aino@example.test")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "aino@example.test", "wrong-password")
    client.cookies["django_language"] = "en"
    response = _login(client, "aino@example.test", TEST_PASSWORD)
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()
    assert AccessAttempt.objects.filter(username="aino@example.test").exists()


def test_login__lockout_is_per_account__a_colleague_on_the_same_network_can_log_in(client, settings):
    UserFactory(email="aino@example.test")
    UserFactory(email="kalle@example.test")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "aino@example.test", "wrong-password")
    assert _login(client, "kalle@example.test", TEST_PASSWORD).status_code == 302


def test_passwords__are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = UserFactory()
    user.set_password("A-long-enough-passphrase")
    assert user.password.startswith("argon2")
    assert user.check_password("A-long-enough-passphrase")


@pytest.mark.parametrize(
    "email, status", [("", 400), ("not-an-email", 400), ("x" * 10_000, 400), ("a@b.c\u202e\x00", 400)]
)
def test_login__malformed_input__is_a_400_form_error_and_audited_with_what_was_typed(client, email, status):
    response = _login(client, email, "whatever")
    assert response.status_code == status
    assert "error-summary" in response.content.decode()
    event = AuditEvent.objects.get(action="accounts.login", outcome=Outcome.DENIED)
    assert event.details["username"] == "".join(ch for ch in email if ch.isprintable())[:254]
    assert event.details["reason"] == "malformed"


def test_login__control_characters_in_a_valid_looking_address__answer_401_and_are_not_stored(client):
    assert _login(client, "a@b.c\u202e", "whatever").status_code == 401
    event = AuditEvent.objects.get(action="accounts.login", outcome=Outcome.DENIED)
    assert event.details["username"] == "a@b.c"


def test_login__the_form_page__still_answers_200(client):
    assert client.get("/accounts/login/").status_code == 200
