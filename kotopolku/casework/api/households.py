"""Households over the API: those of the user's service points, and a new one with its members."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import require
from kotopolku.casework import forms as cw_forms
from kotopolku.casework import services
from kotopolku.casework.api.common import (
    Loose,
    client_for_action,
    form_errors,
    reports_bad_text,
    router,
    uuid_field,
)
from kotopolku.casework.api.schemas import (
    HouseholdOut,
    MemberOut,
)
from kotopolku.casework.models import Household
from kotopolku.casework.selectors import (
    client_for,
    households_visible,
)


def _household_out(household: Household) -> HouseholdOut:
    return HouseholdOut(
        id=household.uuid,
        name=household.name,
        service_point=household.service_point.uuid,
        members=[MemberOut(client=m.client.uuid, relation=m.relation) for m in household.members.all()],
        version=household.version,
    )


@router.get(
    "/households",
    response=list[HouseholdOut],
    summary="Households of the user's service points",
    operation_id="kotopolku_casework_api_list_households",
)
def list_households(request: HttpRequest) -> list[HouseholdOut]:
    require(request.user, "casework.view")
    households = (
        households_visible(user=request.user)
        .select_related("service_point")
        .prefetch_related("members__client")
        .order_by("name", "id")[:500]
    )
    return [_household_out(household) for household in households]


@router.post(
    "/households",
    response={201: HouseholdOut},
    summary="Start a household around a client",
    description='`{"name": …, "client": id, "members": [{"client": id, "relation": "spouse|child|other"}]}`',
    operation_id="kotopolku_casework_api_create_household",
)
@reports_bad_text
def create_household(request: HttpRequest, payload: Loose) -> tuple[int, HouseholdOut]:
    data = payload.data()
    form = cw_forms.HouseholdCreateForm(data)
    if not form.is_valid():
        raise form_errors(form)
    client = client_for_action(request, uuid_field(data.get("client"), "client"), "casework.manage")
    members = data.get("members") or []
    if not isinstance(members, list) or not all(isinstance(m, dict) for m in members):
        raise ValidationError({"members": [_("Give a list of objects.")]})
    resolved = []
    for index, member in enumerate(members):
        other = client_for(
            user=request.user, uuid=uuid_field(member.get("client"), f"members.{index}.client")
        )
        require(request.user, "casework.manage", other)
        relation = member.get("relation")
        if relation not in ("spouse", "child", "other"):
            raise ValidationError({f"members.{index}.relation": [_("Choose spouse, child or other.")]})
        resolved.append((other, relation))
    from django.db import transaction

    payload.refuse_bad_text()
    with transaction.atomic():
        household = services.household_create(client=client, name=form.cleaned_data["name"], by=request.user)
        for index, (other, relation) in enumerate(resolved):
            try:
                services.household_add(household=household, client=other, relation=relation, by=request.user)
            except ValidationError as error:
                raise ValidationError({f"members.{index}.client": error.messages}) from None
    household = (
        Household.objects.select_related("service_point")
        .prefetch_related("members__client")
        .get(pk=household.pk)
    )
    return 201, _household_out(household)
