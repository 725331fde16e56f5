"""Staff sign-in through OpenID Connect, against a real provider (oidc-provider-mock, an authlib
server) listening on loopback: the authorisation code flow with PKCE, signed ID tokens checked
against the provider's JWKS and the userinfo endpoint, all over HTTP."""

from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from kotopolku.accounts.tests.oidc_helpers import sign_in
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


def test_login_page__offers_the_provider_only_when_configured(client, settings):
    settings.OIDC = None
    assert "Kuntatunnus" not in client.get("/accounts/login/").content.decode()
    assert client.get("/accounts/oidc/start/").status_code == 404
    assert client.get("/accounts/oidc/callback/?code=x&state=y").status_code == 404


def test_login_page__names_the_provider_with_the_next_page(client, oidc):
    client.cookies["django_language"] = "en"
    page = client.get("/accounts/login/?next=/clients/").content.decode()
    assert "Sign in with Kuntatunnus" in page
    assert "/accounts/oidc/start/?next=%2Fclients%2F" in page


def test_sign_in__new_person_in_a_mapped_group__is_created_with_the_role_and_audited(client, oidc, rovaniemi):
    response = sign_in(
        client,
        oidc,
        "aino-1",
        {
            "email": "Aino.Virtanen@rovaniemi.example",
            "name": "Aino Virtanen",
            "locale": "sv-FI",
            "groups": ["ih-advisors"],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    user = User.objects.get(email="aino.virtanen@rovaniemi.example")
    assert (user.full_name, user.language, user.has_usable_password()) == ("Aino Virtanen", "sv", False)
    assert list(user.memberships.values_list("role", "service_point__slug")) == [("advisor", "ih-rovaniemi")]
    assert client.get("/staff/").status_code == 200
    login = AuditEvent.objects.get(action="accounts.login", outcome=Outcome.DONE)
    assert (login.actor_id, login.details) == (user.pk, {"method": "oidc"})
    assert AuditEvent.objects.filter(action="accounts.user_created", target_id=str(user.uuid)).exists()
    assert AuditEvent.objects.filter(action="accounts.membership_added", actor=user).count() == 1


def test_sign_in__groups_changed_at_the_provider__memberships_follow_and_hand_grants_stay(
    client, oidc, rovaniemi
):
    user = UserFactory(email="kalle@rovaniemi.example", full_name="Old Name")
    MembershipFactory(user=user, role=Role.ADVISOR, service_point=rovaniemi)
    elsewhere = ServicePointFactory(slug="ih-kemi")
    MembershipFactory(user=user, role=Role.PERMIT_EXPERT, service_point=elsewhere)
    sign_in(
        client,
        oidc,
        "kalle",
        {"email": "kalle@rovaniemi.example", "name": "Kalle Korhonen", "groups": ["ih-coordinators"]},
    )
    user.refresh_from_db()
    assert user.full_name == "Kalle Korhonen"
    held = set(Membership.objects.filter(user=user).values_list("role", "service_point__slug"))
    assert held == {
        ("advisor", "ih-rovaniemi"),
        ("coordinator", "ih-rovaniemi"),
        ("permit_expert", "ih-kemi"),
    }
    client.logout()
    sign_in(
        client, oidc, "kalle", {"email": "kalle@rovaniemi.example", "name": "Kalle Korhonen", "groups": []}
    )
    held = set(Membership.objects.filter(user=user).values_list("role", "service_point__slug"))
    assert held == {("permit_expert", "ih-kemi")}
    assert AuditEvent.objects.filter(action="accounts.membership_ended", actor=user).count() == 2


def test_sign_in__no_mapped_group__is_refused_and_audited_as_denied(client, oidc, rovaniemi):
    client.cookies["django_language"] = "en"
    response = sign_in(client, oidc, "stranger", {"email": "stranger@example.test", "groups": ["library"]})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action="accounts.login", outcome=Outcome.DENIED)
    assert event.details == {
        "username": "stranger@example.test",
        "reason": "no role mapped from the provider's groups",
    }
    page = client.get("/accounts/login/").content.decode()
    assert "Signing in through Kuntatunnus did not succeed" in page


def test_sign_in__deactivated_user__is_refused(client, oidc, rovaniemi):
    UserFactory(email="gone@example.test", is_active=False)
    sign_in(client, oidc, "gone", {"email": "gone@example.test", "groups": ["ih-advisors"]})
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action="accounts.login", outcome=Outcome.DENIED)
    assert event.details["reason"] == "account not active"


def test_sign_in__person_declines_at_the_provider__is_audited_as_a_failure(client, oidc, rovaniemi):
    response = sign_in(client, oidc, "x", {"email": "x@example.test"}, action="deny")
    assert response["Location"] == "/accounts/login/"
    event = AuditEvent.objects.get(action="accounts.login", outcome=Outcome.DENIED)
    assert event.details["reason"] == "provider refused: access_denied"


def test_callback__forged_state_or_code__is_refused_without_a_500(client, oidc, rovaniemi):
    client.get("/accounts/oidc/start/")
    assert client.get("/accounts/oidc/callback/?code=abc&state=forged").status_code == 302
    state = next(iter(client.session["oidc_states"]))
    response = client.get(f"/accounts/oidc/callback/?code=not-a-real-code&state={state}")
    assert response.status_code == 302
    reasons = list(
        AuditEvent.objects.filter(action="accounts.login", outcome=Outcome.DENIED).values_list(
            "details__reason", flat=True
        )
    )
    assert sorted(reasons) == ["provider exchange failed", "unknown state"]


def test_password_login__still_works_beside_the_provider(client, oidc):
    UserFactory(email="local@example.test")
    response = client.post("/accounts/login/", {"username": "local@example.test", "password": TEST_PASSWORD})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="accounts.login", outcome=Outcome.DONE)
    assert event.details == {"method": "password"}
