"""After enrolment: an administrator resets someone's authenticator, and staff renew their own
recovery codes."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotopolku.accounts.administration import second_factor_reset
from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.accounts.tests.test_two_factor import _code, _enrol, _password, _person
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


def _codes(page: str) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", page)


@pytest.fixture
def enrolled(client):
    """A coordinator with an authenticator, logged in; returns (user, key, recovery codes)."""
    user = _person(Role.COORDINATOR, "kaisa@example.test")
    key = _enrol(client, user.email)
    codes = _codes(client.get("/accounts/login/recovery-codes/").content.decode())
    return user, key, codes


def test_reset__by_the_administrator_of_the_users_point__the_user_enrols_again(client, enrolled):
    user, _key, _codes_given = enrolled
    admin = UserFactory(email="antti@example.test")
    Membership.objects.create(
        user=admin, role=Role.ADMINISTRATOR, service_point=user.memberships.get().service_point
    )
    client.logout()
    client.force_login(admin)
    client.cookies["django_language"] = "en"
    edit = client.get(reverse("accounts:user_edit", args=[user.uuid])).content.decode()
    assert "The user has an authenticator app" in edit
    reset_url = reverse("accounts:second_factor_reset", args=[user.uuid])
    assert reset_url in edit
    asked = client.get(reset_url)
    assert asked.status_code == 200
    assert "Reset the authenticator of" in asked.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()  # asking changes nothing
    done = client.post(reset_url, {"confirmed": "1"})
    assert done["Location"] == reverse("accounts:user_edit", args=[user.uuid])
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    event = AuditEvent.objects.get(action="accounts.second_factor_reset")
    assert (event.actor, event.target_id, event.outcome, event.details) == (
        admin,
        str(user.uuid),
        Outcome.DONE,
        {"devices_removed": 2},
    )
    assert (
        "The user has no authenticator app"
        in client.get(reverse("accounts:user_edit", args=[user.uuid])).content.decode()
    )
    client.logout()
    assert _password(client, user.email)["Location"] == "/accounts/login/code/"
    assert client.get("/accounts/login/code/")["Location"] == "/accounts/login/authenticator/"


def test_reset__ends_the_sessions_the_user_has_open(client, enrolled):
    """The phone may be in other hands: a session signed in with it must sign in again."""
    user, _key, _codes_given = enrolled
    home = reverse("accounts:security")
    assert client.get(home).status_code == 200  # the user's own session, signed in with the code
    elsewhere = Client()
    elsewhere.force_login(user)
    admin = UserFactory(email="antti@example.test")
    point = user.memberships.get().service_point
    Membership.objects.create(user=admin, role=Role.ADMINISTRATOR, service_point=point)
    second_factor_reset(user=user, by=admin)
    for session in (client, elsewhere):
        assert session.get(home)["Location"].startswith(reverse("accounts:login"))
    fresh = Client()
    fresh.force_login(User.objects.get(pk=user.pk))  # a new sign-in matches the new generation
    assert fresh.get(home).status_code == 200


def test_session_hash__of_a_user_whose_sessions_never_ended__is_djangos():
    """Sessions opened before this field existed stay valid."""
    user = UserFactory()
    assert user.session_generation == 0
    assert user.get_session_auth_hash() == AbstractBaseUser._get_session_auth_hash(user)


@pytest.mark.parametrize("who", ["administrator elsewhere", "coordinator", "the user themself"])
def test_reset__by_anyone_else__is_refused_and_audited(client, enrolled, who):
    user, _key, _codes_given = enrolled
    if who == "the user themself":
        actor = user
    else:
        actor = UserFactory(email="other@example.test")
        elsewhere = who == "administrator elsewhere"
        point = ServicePointFactory() if elsewhere else user.memberships.get().service_point
        role = Role.ADMINISTRATOR if elsewhere else Role.COORDINATOR
        Membership.objects.create(user=actor, role=role, service_point=point)
    client.logout()
    client.force_login(actor)
    reset_url = reverse("accounts:second_factor_reset", args=[user.uuid])
    assert client.get(reset_url).status_code == 403
    assert client.post(reset_url, {"confirmed": "1"}).status_code == 403
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert AuditEvent.objects.filter(actor=actor, outcome=Outcome.DENIED).count() == 2
    if who == "administrator elsewhere":
        assert reset_url not in client.get(reverse("accounts:user_list")).content.decode()


def test_reset__unknown_user__is_404(client):
    admin = UserFactory()
    Membership.objects.create(user=admin, role=Role.ADMINISTRATOR, service_point=ServicePointFactory())
    client.force_login(admin)
    url = reverse("accounts:second_factor_reset", args=["00000000-0000-0000-0000-000000000000"])
    assert client.post(url, {"confirmed": "1"}).status_code == 404


def test_recovery_codes__count_left__renewed_after_a_code__shown_once__old_ones_void(
    client, enrolled, django_assert_max_num_queries
):
    user, key, old_codes = enrolled
    client.logout()
    _password(client, user.email)
    assert client.post("/accounts/login/code/", {"code": old_codes[0]}).status_code == 302
    client.cookies["django_language"] = "en"
    home = client.get("/staff/").content.decode()
    assert "recovery codes left" in home
    assert reverse("accounts:security") in home
    with django_assert_max_num_queries(8):
        page = client.get(reverse("accounts:security"))
    assert "You have 9 recovery codes left." in page.content.decode()
    refused = client.post(reverse("accounts:security"), {"code": old_codes[1]})  # not the app's code
    assert refused.status_code == 400
    assert "The code is not right" in refused.content.decode()
    denied = AuditEvent.objects.get(action="accounts.recovery_codes_renewed", outcome=Outcome.DENIED)
    assert denied.actor == user
    assert StaticToken.objects.filter(device__user=user).count() == 9
    time.sleep(1.1)  # the device's pause after a wrong code
    renewed = client.post(reverse("accounts:security"), {"code": _code(key, offset=1)})
    assert renewed["Location"] == "/accounts/login/recovery-codes/"
    shown = client.get("/accounts/login/recovery-codes/").content.decode()
    new_codes = _codes(shown)
    assert len(new_codes) == 10
    assert not set(new_codes) & set(old_codes)
    assert f'href="{reverse("accounts:security")}"' in shown
    assert _codes(client.get("/accounts/login/recovery-codes/").content.decode()) == []  # shown once
    event = AuditEvent.objects.get(action="accounts.recovery_codes_renewed", outcome=Outcome.DONE)
    assert event.details == {"left_before": 9, "count": 10}
    assert "You have 10 recovery codes left." in client.get(reverse("accounts:security")).content.decode()
    client.logout()
    _password(client, user.email)
    assert client.post("/accounts/login/code/", {"code": old_codes[2]}).status_code == 401
    time.sleep(1.1)
    assert client.post("/accounts/login/code/", {"code": new_codes[0]}).status_code == 302


@pytest.mark.parametrize("language,text", [("fi", "varakoodia jäljellä"), ("sv", "reservkoder kvar")])
def test_recovery_codes__page_in_finnish_and_swedish(client, enrolled, language, text):
    client.cookies["django_language"] = language
    page = client.get(reverse("accounts:security")).content.decode()
    assert text in page.lower()


def test_recovery_codes__bad_input__is_a_field_error(client, enrolled):
    response = client.post(reverse("accounts:security"), {"code": "12\x0034"})
    assert response.status_code == 400
    assert StaticToken.objects.filter(device__user=enrolled[0]).count() == 10


def test_security__without_an_authenticator__says_so_and_offers_nothing(client):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.ADVISOR, service_point=ServicePointFactory())
    client.force_login(user)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("accounts:security"))
    assert page.status_code == 200
    assert "does not use an authenticator app" in page.content.decode()
    assert client.post(reverse("accounts:security"), {"code": "123456"}).status_code == 200
    assert not StaticDevice.objects.filter(user=user).exists()
