from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts import two_factor
from kotopolku.accounts.administration import (
    MembershipForm,
    UserForm,
    administered_points,
    may_reset_second_factor,
    membership_add,
    membership_end,
    require_second_factor_reset,
    second_factor_reset,
    user_administered,
    user_save,
    users_administered,
)
from kotopolku.accounts.forms import EmailAuthenticationForm
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.oidc import oidc_configured, provider_name
from kotopolku.accounts.oidc_provider import logout_url
from kotopolku.accounts.permissions import require
from kotopolku.accounts.signals import audit_failed_login
from kotopolku.core.components import confirmation_page
from kotopolku.core.versioning import (
    StaleVersion,
    edit_conflict,
    form_conflict_rows,
    form_overrides,
    form_snapshot,
    snapshot_read,
    snapshot_sign,
    version_from_form,
)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_provider"] = provider_name() if oidc_configured() else ""
        following = self.get_redirect_url()
        context["oidc_url"] = reverse("accounts:oidc_start") + (
            "?" + urlencode({"next": following}) if following else ""
        )
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        """Administrators and coordinators give a one-time code before they are logged in."""
        user = form.get_user()
        if not two_factor.requires_second_factor(user):
            return super().form_valid(form)
        two_factor.begin(self.request, user, next_url=self.get_redirect_url())
        return redirect("accounts:two_factor")

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
    """Logs out here; someone who signed in through the identity provider is then sent to the
    provider to end their session there too, when it offers that (RP-initiated logout)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        if id_token and oidc_configured():
            at_provider = logout_url(request, str(id_token))
            if at_provider:
                return HttpResponseRedirect(at_provider)
        return response


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """Shown instead of the login form while an account is locked after repeated failures."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Too many failed login attempts. Try again later.")}, status=429)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)


@login_required
def user_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "accounts.administer")
    page = Paginator(
        users_administered(by=request.user).prefetch_related("memberships__service_point"), 50
    ).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page})


@login_required
def user_edit(request: HttpRequest, uuid: Any = None) -> HttpResponse:
    require(request.user, "accounts.administer")
    user = user_administered(by=request.user, uuid=uuid) if uuid else User()
    form = UserForm(request.POST or None, instance=user, prefix="user")
    version: Any = user.version
    snapshot = snapshot_sign(form_snapshot(UserForm(instance=user, prefix="user"))) if user.pk else ""
    conflict_rows: list[Any] = []
    status = 200
    if request.method == "POST":
        # Shown again after a mistake, the form keeps the version and values it was filled with.
        version, snapshot, status = request.POST.get("version", ""), request.POST.get("snapshot", ""), 400
    if request.method == "POST" and form.is_valid():
        try:
            saved = user_save(
                user=form.save(commit=False),
                by=request.user,
                expected_version=version_from_form(version) if user.pk else None,
            )
        except StaleVersion as stale:
            current = cast(User, stale.current)
            stored = form_snapshot(UserForm(instance=current, prefix="user"))
            submitted = form_snapshot(form)
            conflict = edit_conflict(base=snapshot_read(snapshot), current=stored, submitted=submitted)
            conflict_rows = form_conflict_rows([form], conflict, current=stored, submitted=submitted)
            overrides = form_overrides([form], conflict).get("user", {})
            form = UserForm(instance=current, prefix="user", initial=overrides)
            user, version, snapshot, status = current, current.version, snapshot_sign(stored), 409
        else:
            messages.success(request, _("The user was saved."))
            return redirect("accounts:user_edit", uuid=saved.uuid)
    return render(
        request,
        "accounts/user_form.html",
        {
            "form": form,
            "edited": user,
            "membership_form": MembershipForm(by=request.user, prefix="membership"),
            "memberships": list(user.memberships.select_related("service_point", "network", "organisation"))
            if user.pk
            else [],
            "administered": administered_points(request.user),
            "version": version,
            "snapshot": snapshot,
            "conflict_rows": conflict_rows,
            **_second_factor_context(request.user, user),
        },
        status=status,
    )


@login_required
@require_POST
def membership_create(request: HttpRequest, uuid: Any) -> HttpResponse:
    require(request.user, "accounts.administer")
    user = user_administered(by=request.user, uuid=uuid)
    form = MembershipForm(request.POST, by=request.user, prefix="membership")
    if not form.is_valid():
        return render(
            request,
            "accounts/user_form.html",
            {
                "form": UserForm(instance=user, prefix="user"),
                "edited": user,
                "membership_form": form,
                "memberships": list(
                    user.memberships.select_related("service_point", "network", "organisation")
                ),
                "administered": administered_points(request.user),
                "version": user.version,
                "snapshot": snapshot_sign(form_snapshot(UserForm(instance=user, prefix="user"))),
                **_second_factor_context(request.user, user),
            },
            status=400,
        )
    membership_add(
        user=user,
        role=form.cleaned_data["role"],
        service_point=form.cleaned_data["service_point"],
        by=request.user,
    )
    messages.success(request, _("The role was added."))
    return redirect("accounts:user_edit", uuid=user.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def membership_remove(request: HttpRequest, uuid: Any, membership_id: int) -> HttpResponse:
    require(request.user, "accounts.administer")
    user = user_administered(by=request.user, uuid=uuid)
    membership = get_object_or_404(Membership, pk=membership_id, user=user, service_point__isnull=False)
    if request.POST.get("confirmed") != "1":
        return confirmation_page(
            request,
            question=_("End the role %(role)s of %(name)s at %(place)s?")
            % {
                "role": membership.get_role_display(),
                "name": user.full_name,
                "place": membership.service_point,
            },
            action_url=request.path,
            cancel_url=reverse("accounts:user_edit", args=[user.uuid]),
            confirm_label=_("End the role"),
        )
    membership_end(membership=membership, by=request.user)
    messages.success(request, _("The role was ended."))
    return redirect("accounts:user_edit", uuid=user.uuid)


def _second_factor_context(by: Any, user: User) -> dict[str, Any]:
    if user.pk is None:
        return {}
    return {
        "has_authenticator": two_factor.has_authenticator(user),
        "may_reset_second_factor": may_reset_second_factor(by=by, user=user),
    }


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_reset_view(request: HttpRequest, uuid: Any) -> HttpResponse:
    """Asks first; then removes the user's authenticator and recovery codes, so that they set up
    a new one at their next sign-in (a lost or replaced phone)."""
    require(request.user, "accounts.second_factor_reset")
    user = get_object_or_404(User, uuid=uuid)
    require_second_factor_reset(by=request.user, user=user)
    if request.POST.get("confirmed") != "1":
        return confirmation_page(
            request,
            question=_("Reset the authenticator of %(name)s?") % {"name": user.full_name},
            detail=_(
                "Their authenticator app and recovery codes stop working. At their next login "
                "they set up an authenticator again."
            ),
            action_url=request.path,
            cancel_url=reverse("accounts:user_edit", args=[user.uuid]),
            confirm_label=_("Reset the authenticator"),
        )
    second_factor_reset(user=user, by=request.user)
    messages.success(
        request, _("The authenticator was reset. The user sets up a new one at their next login.")
    )
    return redirect("accounts:user_edit", uuid=user.uuid)
