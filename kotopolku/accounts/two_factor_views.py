"""The second step of a password sign-in: the code from the authenticator, or its enrolment."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kotopolku.accounts import two_factor
from kotopolku.core.text import CleanTextFormMixin

CODES_KEY = "kotopolku_new_recovery_codes"


class CodeForm(CleanTextFormMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        help_text=gettext_lazy(
            "The six digits your authenticator app shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "text"}
        ),
    )


class RenewalForm(CleanTextFormMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=12,
        help_text=gettext_lazy("The six digits your authenticator app shows now."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class EnrolmentForm(CodeForm):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=12,
        help_text=gettext_lazy("The six digits your authenticator app shows after adding Kotopolku."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "numeric"}
        ),
    )


def _next_page(request: HttpRequest, next_url: str) -> str:
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return next_url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _expired(request: HttpRequest) -> HttpResponse:
    from django.contrib import messages

    messages.error(request, _("The sign-in took too long. Log in again."))
    return redirect("accounts:login")


@never_cache
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    user = two_factor.pending_user(request)
    if user is None:
        return _expired(request)
    if not two_factor.has_authenticator(user):
        return redirect("accounts:two_factor_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(user, form.cleaned_data["code"])
        if device is not None:
            return redirect(_next_page(request, two_factor.finish(request, user, device)))
        two_factor.refuse(user, "wrong one-time code")
        form.add_error(
            "code", _("The code is not right, or it was already used. Wait for a new code and try again.")
        )
    return render(
        request,
        "accounts/two_factor.html",
        {"form": form},
        status=401 if request.method == "POST" else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    user = two_factor.pending_user(request)
    if user is None:
        return _expired(request)
    if two_factor.has_authenticator(user):
        return redirect("accounts:two_factor")
    device = two_factor.enrolment_device(user)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_enrolment(user, device, form.cleaned_data["code"])
        if codes is not None:
            next_url = two_factor.finish(request, user, device)
            request.session[CODES_KEY] = {"codes": codes, "next": next_url}
            return redirect("accounts:recovery_codes")
        two_factor.refuse(user, "wrong one-time code at enrolment")
        form.add_error(
            "code", _("The code is not right. Check the time on your phone and try the next code.")
        )
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_data_uri(device),
            "secret": two_factor.secret_for_typing(device),
        },
        status=400 if request.method == "POST" else 200,
    )


@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Shown once, right after enrolment; a reload shows nothing more."""
    shown = request.session.pop(CODES_KEY, None)
    if shown is None or not request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": shown["codes"], "next": _next_page(request, shown["next"])},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def security(request: HttpRequest) -> HttpResponse:
    """The staff member's own login security: how many recovery codes are left, and new ones
    (shown once, the old ones stop working) after a code from the authenticator app."""
    user = request.user
    assert isinstance(user, two_factor.User)
    if not two_factor.has_authenticator(user):
        return render(request, "accounts/security.html", {"has_authenticator": False})
    form = RenewalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            codes = two_factor.renew_recovery_codes(user, form.cleaned_data["code"])
            if codes is not None:
                request.session[CODES_KEY] = {"codes": codes, "next": request.path}
                return redirect("accounts:recovery_codes")
            form.add_error(
                "code", _("The code is not right, or it was already used. Wait for a new code and try again.")
            )
    return render(
        request,
        "accounts/security.html",
        {"has_authenticator": True, "form": form, "left": two_factor.recovery_codes_left(user)},
        status=status,
    )
