"""The client's profile and what is done on it: the team, consents, closing and reopening."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotopolku.accounts.permissions import can, require
from kotopolku.clients import hooks, services
from kotopolku.clients.enums import ClientStatus, ConsentPurpose
from kotopolku.clients.forms import (
    ConsentForm,
    country_name,
    identifier_kind_label,
    language_name,
)
from kotopolku.clients.hooks import profile_actions
from kotopolku.clients.models import Client, ClientTeamMember, Consent
from kotopolku.clients.permissions import remembering_works_with
from kotopolku.clients.profile_data import ProfileLists, client_with_lists
from kotopolku.clients.selectors import (
    client_timeline,
)
from kotopolku.clients.team_forms import TeamMemberForm
from kotopolku.clients.views.common import TIMELINE_PAGE_SIZE, _add_errors, _client_for, _user


@login_required
def client_profile(request: HttpRequest, uuid: Any) -> HttpResponse:
    client, lists = client_with_lists(uuid=uuid)
    # The page asks a dozen actions of this client (its own and each app's panel and actions):
    # whether a network user works with the client is read once for all of them.
    with remembering_works_with():
        require(request.user, "clients.view", client)
        if client.status == ClientStatus.MERGED and client.merged_into_id:
            return redirect("clients:profile", uuid=Client.objects.get(pk=client.merged_into_id).uuid)
        return _profile(request, client, lists=lists)


def _profile(
    request: HttpRequest,
    client: Client,
    *,
    lists: ProfileLists | None = None,
    team_form: TeamMemberForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The profile: the client with its lists (one query), the timeline's page with its count
    (one), each app's panel, and what the user may do, from the permissions known here."""
    if lists is None:
        client, lists = client_with_lists(uuid=client.uuid)
    services.client_read_record(client=client, by=_user(request))
    user = _user(request)
    may_team = can(user, "clients.team", client) and client.status not in (
        ClientStatus.ANONYMISED,
        ClientStatus.MERGED,
    )
    timeline = client_timeline(client=client, user=user).expect(
        page=request.GET.get("page"), size=TIMELINE_PAGE_SIZE
    )
    return render(
        request,
        "clients/client_profile.html",
        {
            "client": client,
            "citizenships": [country_name(code) for code in client.citizenships],
            "languages": [(language_name(row.language), row) for row in lists.languages],
            "identifiers": [(identifier_kind_label(row.kind), row) for row in lists.identifiers],
            "consents": lists.consents,
            "consent_form": ConsentForm(),
            "team": lists.team,
            "may_team": may_team,
            "team_form": (team_form or TeamMemberForm(client=client)) if may_team else None,
            # The newest first, at the top of the profile, a page at a time.
            "timeline": Paginator(timeline, TIMELINE_PAGE_SIZE).get_page(request.GET.get("page")),
            "panels": [panel for source in hooks.profile_panels() if (panel := source(client, user))],
            "other_actions": profile_actions(client, user) if client.status == ClientStatus.ACTIVE else [],
            "may_change": can(user, "clients.change", client) and client.status != ClientStatus.ANONYMISED,
            "may_export": can(user, "clients.export", client),
            "may_erase": can(user, "clients.erase", client) and client.status != ClientStatus.ANONYMISED,
            "may_merge": can(user, "clients.merge", client) and client.status == ClientStatus.ACTIVE,
            "is_active": client.status == ClientStatus.ACTIVE,
            "is_closed": client.status == ClientStatus.CLOSED,
        },
        status=status,
    )


@login_required
@require_POST
def team_add(request: HttpRequest, uuid: Any) -> HttpResponse:
    """Bring a staff member onto the client's team; a wrong choice shows the profile again (400)."""
    client = _client_for(request, uuid, "clients.team")
    form = TeamMemberForm(request.POST, client=client)
    if form.is_valid():
        member = form.cleaned_data["user"]
        try:
            services.client_team_add(
                client=client, user=member, by=_user(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("%(name)s was added to the client's team.") % {"name": member})
            return redirect(f"{reverse('clients:profile', args=[client.uuid])}#team-heading")
    return _profile(request, client, team_form=form, status=400)


@login_required
@require_POST
def team_remove(request: HttpRequest, uuid: Any, member_uuid: Any) -> HttpResponse:
    client = _client_for(request, uuid, "clients.team")
    member = (
        ClientTeamMember.objects.current()
        .select_related("user")
        .filter(client=client, uuid=member_uuid)
        .first()
    )
    if member is None:
        raise Http404
    try:
        services.client_team_remove(member=member, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s was removed from the client's team.") % {"name": member.user})
    return redirect(f"{reverse('clients:profile', args=[client.uuid])}#team-heading")


@login_required
@require_POST
def consent_add(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client_for(request, uuid, "clients.change")
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a purpose from the list."))
        return redirect("clients:profile", uuid=client.uuid)
    try:
        services.consent_record(
            client=client, purpose=ConsentPurpose(form.cleaned_data["purpose"]), by=_user(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The consent was recorded."))
    return redirect("clients:profile", uuid=client.uuid)


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, uuid: Any, consent_uuid: Any) -> HttpResponse:
    client = _client_for(request, uuid, "clients.change")
    consent = Consent.objects.filter(client=client, uuid=consent_uuid).first()
    if consent is None:
        raise Http404
    try:
        services.consent_withdraw(consent=consent, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The consent was withdrawn."))
    return redirect("clients:profile", uuid=client.uuid)


@login_required
@require_POST
def client_close_view(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client_for(request, uuid, "clients.change")
    reopen = request.POST.get("reopen") == "yes"
    try:
        if reopen:
            services.client_reopen(client=client, by=_user(request))
        else:
            services.client_close(client=client, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case was reopened.") if reopen else _("The case was closed."))
    return redirect("clients:profile", uuid=client.uuid)
