from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema

from kotopolku.accounts.permissions import require
from kotopolku.core.api_schemas import Line
from kotopolku.organisations.selectors import organisation_list, service_points_of_user

router = Router(tags=["organisations"])


class ServicePointOut(Schema):
    id: UUID
    name: str
    municipality_code: str
    municipality: str


class OrganisationOut(Schema):
    id: UUID
    name: str
    kind: str
    business_id: str


@router.get("/service-points", response=list[ServicePointOut], summary="Service points where I work")
def service_points(request: HttpRequest) -> list[ServicePointOut]:
    return [
        ServicePointOut(
            id=sp.uuid,
            name=sp.name,
            municipality_code=sp.municipality.code,
            municipality=sp.municipality.name_fi,
        )
        for sp in service_points_of_user(user=request.user)
    ]


@router.get("/organisations", response=list[OrganisationOut], summary="Partner organisations")
def organisations(request: HttpRequest, search: Line = "") -> list[OrganisationOut]:
    require(request.user, "organisations.view")
    return [
        OrganisationOut(id=o.uuid, name=o.name, kind=o.kind, business_id=o.business_id)
        for o in organisation_list(search=search[:100])[:500]
    ]
