from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kotopolku.accounts.forms import EmailAuthenticationForm
from kotopolku.accounts.signals import audit_failed_login


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form: Any) -> HttpResponse:
        """A refused login answers 401 (wrong e-mail or password) or 400 (malformed input).

        A wrong password is audited by the ``user_login_failed`` signal; input refused before
        any password was checked (not an e-mail address, too long) is audited here, so every
        failed attempt names what was typed as the username."""
        checked = form.has_error(NON_FIELD_ERRORS, "invalid_login") or form.has_error(
            NON_FIELD_ERRORS, "inactive"
        )
        if not checked:
            audit_failed_login(username=self.request.POST.get("username", ""), reason="malformed")
        response = super().form_invalid(form)
        response.status_code = 401 if checked else 400
        return response


class LogoutView(auth_views.LogoutView):
    pass


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """Shown instead of the login form while an account is locked after repeated failures."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Too many failed login attempts. Try again later.")}, status=429)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
