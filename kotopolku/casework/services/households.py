"""Households: clients linked as one family, so that one plan can be for all of them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.casework.models import (
    Household,
    HouseholdMember,
)
from kotopolku.casework.services.common import timeline_event
from kotopolku.clients.models import Client
from kotopolku.core.versioning import versioned_update


@transaction.atomic
def household_create(*, client: Client, name: str, by: Any) -> Household:
    if HouseholdMember.objects.filter(client=client).exists():
        raise ValidationError({"name": _("The client already belongs to a household.")})
    household = Household.objects.create(service_point_id=client.service_point_id, name=name)
    HouseholdMember.objects.create(household=household, client=client, relation="main")
    audit_record(actor=by, action="casework.household_create", target=household, purpose="family")
    timeline_event(client=client, kind="household_joined", by=by, household=name)
    return household


@transaction.atomic
def household_add(*, household: Household, client: Client, relation: str, by: Any) -> HouseholdMember:
    if client.service_point_id != household.service_point_id:
        raise ValidationError({"client": _("The client is not registered at this service point.")})
    if HouseholdMember.objects.filter(client=client).exists():
        raise ValidationError({"client": _("The client already belongs to a household.")})
    member = HouseholdMember.objects.create(household=household, client=client, relation=relation)
    versioned_update(household, changes={"name": household.name})
    audit_record(
        actor=by,
        action="casework.household_add",
        target=household,
        purpose="family",
        details={"client": str(client.uuid), "relation": relation},
    )
    timeline_event(client=client, kind="household_joined", by=by, household=household.name)
    return member


@transaction.atomic
def household_remove(*, member: HouseholdMember, by: Any) -> None:
    household = member.household
    client = member.client
    member.delete()
    audit_record(
        actor=by,
        action="casework.household_remove",
        target=household,
        purpose="family",
        details={"client": str(client.uuid)},
    )
    timeline_event(client=client, kind="household_left", by=by, household=household.name)
