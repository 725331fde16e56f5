"""Staff sign-in through the municipality's OpenID Connect provider (mozilla-django-oidc).

The provider vouches for who the person is; what they may do here comes from the provider's
groups, mapped to memberships by ``OIDC_GROUP_ROLES`` (``group=role@service-point``). For every
(role, service point) pair the mapping names, the user holds it exactly while they are in one
of its groups; memberships the mapping does not name (granted by hand) are left alone. A person
with no role at all after the mapping is refused: the provider knows them, the product does not.
Each sign-in, refusal and failure is audited.
"""

from __future__ import annotations

import logging
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.oidc_provider import DiscoveryError, endpoints
from kotopolku.accounts.oidc_provider import settings_config as _config
from kotopolku.accounts.permissions import forget_grants
from kotopolku.accounts.signals import audit_failed_login
from kotopolku.audit.services import audit_record
from kotopolku.core.versioning import versioned_update
from kotopolku.organisations.models import ServicePoint

logger = logging.getLogger(__name__)

LOGIN_METHOD = "oidc"


def oidc_configured() -> bool:
    return getattr(settings, "OIDC", None) is not None


def provider_name() -> str:
    oidc = getattr(settings, "OIDC", None)
    return oidc.provider_name if oidc is not None else ""


def _mapped_pairs() -> dict[tuple[str, str], set[str]]:
    """(role, service point slug) -> the groups that grant it."""
    pairs: dict[tuple[str, str], set[str]] = {}
    for group, role, point in _config().group_roles:
        if role not in Role.values:
            logger.warning("OIDC_GROUP_ROLES names an unknown role %r; ignored", role)
            continue
        pairs.setdefault((role, point), set()).add(group)
    return pairs


def _groups_of(claims: dict[str, Any]) -> set[str]:
    groups = claims.get(_config().groups_claim) or []
    if isinstance(groups, str):
        groups = [groups]
    return {str(group) for group in groups if isinstance(group, str | int)}


def _full_name(claims: dict[str, Any]) -> str:
    name = claims.get("name") or " ".join(
        part for part in (claims.get("given_name"), claims.get("family_name")) if part
    )
    return "".join(ch for ch in str(name or claims.get("email", "")) if ch.isprintable())[:200]


@transaction.atomic
def sync_memberships(user: User, claims: dict[str, Any]) -> list[str]:
    """Bring the mapped memberships in line with the provider's groups; audited per change."""
    groups = _groups_of(claims)
    pairs = _mapped_pairs()
    points = {point.slug: point for point in ServicePoint.objects.filter(slug__in={p for _r, p in pairs})}
    changes = []
    for (role, slug), granting in pairs.items():
        point = points.get(slug)
        if point is None:
            logger.warning("OIDC_GROUP_ROLES names an unknown service point %r; ignored", slug)
            continue
        held = Membership.objects.filter(user=user, role=role, service_point=point)
        if groups & granting and not held.exists():
            Membership.objects.create(user=user, role=role, service_point=point)
            action = "accounts.membership_added"
        elif not groups & granting and held.exists():
            held.delete()
            action = "accounts.membership_ended"
        else:
            continue
        changes.append(f"{action}:{role}@{slug}")
        audit_record(
            actor=user,
            action=action,
            target=user,
            details={"role": role, "service_point": str(point.uuid), "source": "identity provider groups"},
            service_point_id=point.pk,
        )
    if changes:
        forget_grants(user)
    return changes


# The library reads these at construction; here they are filled in from ``endpoints()`` only when
# they are used, so that a password login never waits for (or fails on) the provider.
_ENDPOINT_SETTINGS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
}


def _setting(attr: str, *args: Any) -> Any:
    if attr in _ENDPOINT_SETTINGS:
        return ""
    return import_from_settings(attr, *args)


class StaffOIDCBackend(OIDCAuthenticationBackend):
    """Creates or updates the staff user from the provider's claims and maps their groups."""

    get_settings = staticmethod(_setting)

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        if request is None or "code" not in request.GET:
            return None
        try:
            found = endpoints()
        except DiscoveryError as exc:
            logger.error("%s", exc)
            request.oidc_refusal = "provider discovery failed"
            return None
        self.OIDC_OP_TOKEN_ENDPOINT = found["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = found["userinfo_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = found["jwks_uri"]
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, SuspiciousOperation, ValueError, KeyError, jwt.PyJWTError) as exc:
            # The provider refused the code, answered nonsense or could not be reached.
            logger.warning("OpenID Connect sign-in failed: %s", exc)
            request.oidc_refusal = "provider exchange failed"
            return None

    def retrieve_matching_jwk(self, token: Any) -> Any:
        """A token without a key id is accepted only when the provider publishes exactly one key
        for its algorithm (the key id is optional when there is nothing to choose between)."""
        header = jwt.get_unverified_header(token)
        if "kid" in header:
            return super().retrieve_matching_jwk(token)
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=self.get_settings("OIDC_TIMEOUT", None))
        response.raise_for_status()
        keys = [
            key for key in response.json().get("keys", []) if key.get("alg", header["alg"]) == header["alg"]
        ]
        if len(keys) != 1:
            raise SuspiciousOperation("The ID token names no key and the provider has several.")
        return jwt.PyJWK(keys[0])

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        if not claims.get("email"):
            self.request.oidc_refusal = "no e-mail from the provider"
            return False
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return User.objects.filter(email__iexact=claims["email"].strip())

    def create_user(self, claims: dict[str, Any]) -> Any:
        with transaction.atomic():
            user = User(email=claims["email"].strip().lower(), full_name=_full_name(claims))
            user.set_unusable_password()
            self._apply_language(user, claims)
            user.save()
            audit_record(
                actor=None,
                action="accounts.user_created",
                target=user,
                details={"source": "identity provider"},
            )
            return self._admit(user, claims)

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        name = _full_name(claims)
        if name and name != user.full_name:
            with transaction.atomic():
                user, _changed = versioned_update(user, changes={"full_name": name})
        return self._admit(user, claims)

    def _apply_language(self, user: User, claims: dict[str, Any]) -> None:
        locale = str(claims.get("locale") or "")[:2].lower()
        if locale in dict(settings.LANGUAGES):
            user.language = locale

    def _admit(self, user: User, claims: dict[str, Any]) -> User | None:
        sync_memberships(user, claims)
        if not user.is_active:
            self.request.oidc_refusal = "account not active"
            return None
        if not user.memberships.exists():
            self.request.oidc_refusal = "no role mapped from the provider's groups"
            self.request.oidc_username = user.email
            return None
        self.request.login_method = LOGIN_METHOD
        return user


def _require_oidc() -> None:
    if not oidc_configured():
        raise Http404("OpenID Connect is not configured")


class _Start(OIDCAuthenticationRequestView):
    get_settings = staticmethod(_setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        self.OIDC_OP_AUTH_ENDPOINT = endpoints()["authorization_endpoint"]
        return super().get(request)  # type: ignore[no-any-return]


def oidc_start(request: HttpRequest) -> HttpResponse:
    """Sends the browser to the provider (state, nonce and PKCE kept in the session)."""
    _require_oidc()
    try:
        return _Start.as_view()(request)
    except DiscoveryError as exc:
        logger.error("%s", exc)
        messages.error(
            request,
            _(
                "%(provider)s cannot be reached right now. Try again in a moment, or log in with "
                "a password if you have one."
            )
            % {"provider": provider_name()},
        )
        return redirect("accounts:login")


class _Callback(OIDCAuthenticationCallbackView):
    def login_failure(self) -> HttpResponse:
        request = self.request
        if request.GET.get("error"):
            reason = "provider refused: " + request.GET["error"][:60]
        else:
            reason = getattr(request, "oidc_refusal", "") or "state or code not accepted"
        audit_failed_login(username=getattr(request, "oidc_username", ""), reason=reason)
        messages.error(
            request,
            _("Signing in through %(provider)s did not succeed. Ask your administrator for access.")
            % {"provider": provider_name()},
        )
        return redirect("accounts:login")


def oidc_callback(request: HttpRequest) -> HttpResponse:
    """Where the provider sends the browser back with a code."""
    _require_oidc()
    try:
        return _Callback.as_view()(request)
    except SuspiciousOperation:
        # A state the session never issued: a replayed or forged callback.
        audit_failed_login(username="", reason="unknown state")
        messages.error(request, _("The sign-in link was not valid. Start again."))
        return redirect("accounts:login")
