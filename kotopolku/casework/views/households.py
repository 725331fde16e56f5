"""A client's household: created, members added and removed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from kotopolku.accounts.permissions import require
from kotopolku.casework import forms as cw_forms
from kotopolku.casework import services
from kotopolku.casework.selectors import (
    clients_visible,
    household_of,
)
from kotopolku.casework.views.cases import client_casework
from kotopolku.casework.views.common import (
    back_to_client,
    client_for_action,
    service_saved,
    user_of,
)


@login_required
@require_POST
def household_create(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = client_for_action(request, uuid, "casework.manage")
    form = cw_forms.HouseholdCreateForm(request.POST)
    if form.is_valid() and service_saved(
        form,
        lambda: services.household_create(client=client, name=form.cleaned_data["name"], by=user_of(request)),
    ):
        return back_to_client(client, "household-heading")
    return client_casework(request, uuid, forms={"household": form}, status=400)


@login_required
@require_POST
def household_add(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = client_for_action(request, uuid, "casework.manage")
    household, _members = household_of(client=client)
    if household is None:
        raise Http404
    candidates = list(
        clients_visible(user=user_of(request))
        .filter(service_point_id=client.service_point_id)
        .exclude(pk=client.pk)
    )
    form = cw_forms.HouseholdAddForm(request.POST, candidates=candidates)
    if form.is_valid() and service_saved(
        form,
        lambda: services.household_add(
            household=household,
            client=form.candidates[form.cleaned_data["client"]],
            relation=form.cleaned_data["relation"],
            by=user_of(request),
        ),
    ):
        return back_to_client(client, "household-heading")
    return client_casework(request, uuid, forms={"member": form}, status=400)


@login_required
@require_POST
def household_remove(request: HttpRequest, uuid: Any, member_id: int) -> HttpResponse:
    client = client_for_action(request, uuid, "casework.manage")
    _household, members = household_of(client=client)
    member = next((m for m in members if m.pk == member_id), None)
    if member is None:
        raise Http404
    require(request.user, "casework.manage", member.client)
    services.household_remove(member=member, by=user_of(request))
    return back_to_client(client, "household-heading")
