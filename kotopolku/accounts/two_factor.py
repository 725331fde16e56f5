"""Two-factor sign-in (TOTP, django-otp) for password accounts of administrators and coordinators.

After the right password such a person is not logged in yet: the session holds a pending
sign-in, for a few minutes, until a code from their authenticator app (or one of their
recovery codes) is given. A person without an authenticator enrols one first. People who sign
in through the identity provider, and other roles, are not asked (the provider does its own).
"""

from __future__ import annotations

import time
from typing import Any

import segno
from django.contrib.auth import login
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import User
from kotopolku.audit.enums import Outcome
from kotopolku.audit.services import audit_record

SECOND_FACTOR_ROLES = frozenset({Role.ADMINISTRATOR, Role.COORDINATOR})
PENDING_KEY = "kotopolku_pending_sign_in"
PENDING_SECONDS = 5 * 60
RECOVERY_CODE_COUNT = 10
LOGIN_METHOD = "password and one-time code"


def requires_second_factor(user: User) -> bool:
    return user.has_usable_password() and user.memberships.filter(role__in=SECOND_FACTOR_ROLES).exists()


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def begin(request: HttpRequest, user: User, *, next_url: str) -> None:
    """The password was right: remember who is half-way in, without logging them in."""
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", ""),
        "next": next_url,
        "at": time.time(),
    }


def pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    return User.objects.filter(pk=pending["user"], is_active=True).first()


def finish(request: HttpRequest, user: User, device: Any) -> str:
    """The second factor was right: log in (audited by the login signal) and return the next page."""
    pending = request.session.pop(PENDING_KEY)
    request.login_method = LOGIN_METHOD  # type: ignore[attr-defined]
    login(request, user, backend=pending["backend"] or None)
    otp_login(request, device)
    return str(pending["next"] or "")


def refuse(user: User, reason: str) -> None:
    audit_record(
        actor=None,
        action="accounts.login",
        target=user,
        outcome=Outcome.DENIED,
        details={"username": user.email, "reason": reason},
    )


def verify(user: User, code: str) -> Any:
    """The device that accepts ``code``: the authenticator's, else a recovery code (used up).

    Each device counts its own failures and refuses for a growing while after them."""
    code = "".join(code.split()).lower()
    with transaction.atomic():
        for device in TOTPDevice.objects.filter(user=user, confirmed=True).select_for_update():
            if code.isdigit() and device.verify_token(code):
                return device
        for device in StaticDevice.objects.filter(user=user, confirmed=True).select_for_update():
            if device.verify_token(code):
                audit_record(
                    actor=user,
                    action="accounts.recovery_code_used",
                    target=user,
                    details={"left": device.token_set.count()},
                )
                return device
    return None


def enrolment_device(user: User) -> TOTPDevice:
    """The authenticator being enrolled (unconfirmed until its first code is given)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


def qr_code_data_uri(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2))


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app that cannot read the picture."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def confirm_enrolment(user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """The first code proves the app holds the key: the device counts from now on, older ones go,
    and a fresh set of recovery codes is made (returned once, to be shown once)."""
    code = "".join(code.split())
    if not code.isdigit() or not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = new_recovery_codes(user)
    audit_record(actor=user, action="accounts.second_factor_enrolled", target=user)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def renew_recovery_codes(user: User, code: str) -> list[str] | None:
    """A fresh set of recovery codes (the old ones stop working), once the person proves again
    that they hold their authenticator: a code from the app, not a recovery code. A wrong code
    changes nothing and is audited as denied."""
    code = "".join(code.split())
    with transaction.atomic():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True).select_for_update()
        if code.isdigit() and any(device.verify_token(code) for device in devices):
            left = recovery_codes_left(user)
            codes = new_recovery_codes(user)
            audit_record(
                actor=user,
                action="accounts.recovery_codes_renewed",
                target=user,
                details={"left_before": left, "count": len(codes)},
            )
            return codes
    audit_record(
        actor=user,
        action="accounts.recovery_codes_renewed",
        target=user,
        outcome=Outcome.DENIED,
        details={"reason": "wrong one-time code"},
    )
    return None


@transaction.atomic
def reset_second_factor(user: User, *, by: User) -> int:
    """Remove the person's authenticator and recovery codes (a lost or changed phone) and end
    the sessions they have open (the phone may be in other hands): at their next password
    sign-in they enrol a new authenticator. Audited; returns the devices removed."""
    removed = TOTPDevice.objects.filter(user=user).delete()[1].get("otp_totp.TOTPDevice", 0)
    removed += StaticDevice.objects.filter(user=user).delete()[1].get("otp_static.StaticDevice", 0)
    sessions_end(user)
    audit_record(
        actor=by,
        action="accounts.second_factor_reset",
        target=user,
        details={"devices_removed": removed},
    )
    return removed


def sessions_end(user: User) -> None:
    """End every session ``user`` has open, wherever it is: each must sign in again."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])


def new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes
