"""The client registry over the API: register, read (audited), correct and search clients."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import require, service_point_ids
from kotopolku.clients import services
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.forms import (
    ClientForm,
    IdentifierFormSet,
    LanguageFormSet,
    client_initial,
    formset_rows,
)
from kotopolku.clients.models import Client
from kotopolku.clients.schemas import (
    ClientChanged,
    ClientCreated,
    ClientFields,
    ClientIn,
    ClientMatchOut,
    ClientOut,
    ClientPatch,
    ClientSummary,
    DuplicatesFound,
    VersionConflict,
)
from kotopolku.clients.selectors import (
    client_find,
    client_get,
    client_list,
    client_team,
)
from kotopolku.core.api_schemas import InputSchema, Line
from kotopolku.core.versioning import StaleVersion, etag, expected_version_from
from kotopolku.organisations.models import Municipality, ServicePoint

router = Router(tags=["clients"])

MAX_LIMIT = 100
# Far beyond any service point's clients, far below what the database's row offsets hold.
MAX_OFFSET = 10_000_000

_FORM_FIELDS = tuple(ClientForm.Meta.fields)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _form_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return [str(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _form_data(values: dict[str, Any], errors: dict[str, list[str]]) -> dict[str, Any]:
    """API values as the form's data: codes and UUIDs resolved to the form's choices."""
    data = {name: _form_value(values.get(name)) for name in _FORM_FIELDS}
    code = values.get("municipality")
    if code:
        municipality = Municipality.objects.filter(code=str(code)).first()
        if municipality is None:
            errors["municipality"] = [_("Unknown municipality code.")]
        data["municipality"] = str(municipality.pk) if municipality else ""
    worker = values.get("responsible_worker")
    if worker:
        user = User.objects.filter(uuid=worker).first()
        if user is None:
            errors["responsible_worker"] = [
                _("The responsible worker must be a staff member of this service point.")
            ]
        data["responsible_worker"] = str(user.pk) if user else ""
    return data


def _rows(kind: str, rows: list[Any] | None, errors: dict[str, list[str]]) -> list[dict[str, Any]] | None:
    if rows is None:
        return None
    formset_class = LanguageFormSet if kind == "languages" else IdentifierFormSet
    data: dict[str, Any] = {f"{kind}-TOTAL_FORMS": str(len(rows)), f"{kind}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        if kind == "languages" and not row.language:
            errors[f"languages.{index}.language"] = [_("Choose a language.")]
        for name, value in row.model_dump().items():
            data[f"{kind}-{index}-{name}"] = (
                "on" if value is True else ("" if value in (False, None) else value)
            )
    formset = formset_class(data, prefix=kind)
    if not formset.is_valid():
        for index, form_errors in enumerate(formset.errors):  # one ErrorDict per row
            for name, messages in form_errors.items():  # type: ignore[attr-defined]
                errors[f"{kind}.{index}.{name}"] = [str(message) for message in messages]
        if formset.non_form_errors():
            errors[kind] = [str(message) for message in formset.non_form_errors()]
        return None
    return formset_rows(formset)


def _validated(
    payload: ClientFields, *, service_point: ServicePoint, base: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]] | None, list[dict[str, Any]] | None]:
    """Validate through the staff UI's forms; every bad field is reported at once (422)."""
    given = payload.model_dump(exclude_unset=True, exclude={"languages", "identifiers"})
    given.pop("service_point", None)
    given.pop("confirm_new_person", None)
    errors: dict[str, list[str]] = {}
    data = _form_data({**base, **given}, errors)
    form = ClientForm(data, service_point=service_point, instance=Client(service_point=service_point))
    if not form.is_valid():
        for name, messages in form.errors.items():
            errors.setdefault(name, [str(message) for message in messages])
    languages = _rows("languages", payload.languages, errors)
    identifiers = _rows("identifiers", payload.identifiers, errors)
    if errors:
        raise ValidationError(errors)
    return form.client_fields(), languages, identifiers


def _registration_point(request: HttpRequest, wanted: Any) -> ServicePoint:
    allowed = service_point_ids(request.user, "clients.register")
    if wanted is not None:
        point = ServicePoint.objects.filter(uuid=wanted).first()
        if point is None:
            raise ValidationError({"service_point": _("Unknown service point.")})
        require(request.user, "clients.register", point)
        return point
    require(request.user, "clients.register")
    if len(allowed) > 1:
        raise ValidationError({"service_point": _("Choose the service point: you work at more than one.")})
    return ServicePoint.objects.get(id=next(iter(allowed)))


@router.post(
    "/clients",
    response={201: ClientCreated, 409: DuplicatesFound},
    summary="Register a client",
    description=(
        "Registers a client at the given service point (or the only one where the user may register "
        "clients). Before saving, the duplicate check runs: when it finds likely matches the request is "
        "**refused with 409** and the matches (uuid, name, birth date, score) are returned; send the "
        "same request again with `confirm_new_person: true` to register a different person anyway. "
        "Invalid fields give 422 with a message per field; nothing is saved."
    ),
)
def client_create(request: HttpRequest, payload: ClientIn) -> Any:
    point = _registration_point(request, payload.service_point)
    fields, languages, identifiers = _validated(
        payload, service_point=point, base={"gender": "not_told", "residence_basis": "unknown"}
    )
    try:
        client = services.client_register(
            service_point=point,
            fields=fields,
            languages=languages or [],
            identifiers=identifiers or [],
            by=_user(request),
            confirm_new_person=payload.confirm_new_person,
        )
    except services.PossibleDuplicates as found:
        return 409, {
            "detail": _("This person may already be registered."),
            "duplicates": [
                {
                    "uuid": match.client.uuid,
                    "name": match.client.display_name,
                    "birth_date": match.client.birth_date_display,
                    "score": match.score,
                }
                for match in found.matches
            ],
        }
    return 201, {"uuid": client.uuid}


def _client_out(client: Client) -> dict[str, Any]:
    return {
        "uuid": client.uuid,
        "version": client.version,
        "service_point": client.service_point.uuid,
        "status": client.status,
        **{
            name: getattr(client, name)
            for name in (
                "given_names",
                "family_name",
                "given_names_latin",
                "family_name_latin",
                "birth_year",
                "birth_month",
                "birth_day",
                "gender",
                "citizenships",
                "phone",
                "email",
                "arrival_date",
                "residence_basis",
                "permit_type",
                "permit_expires",
                "personal_identity_code",
                "identity_code_is_temporary",
            )
        },
        "municipality": client.municipality.code if client.municipality else None,
        "responsible_worker": client.responsible_worker.uuid if client.responsible_worker else None,
        "languages": list(
            client.languages.order_by("language").values("language", "level", "needs_interpreter")
        ),
        "identifiers": list(client.identifiers.order_by("kind").values("kind", "value", "issuing_country")),
        "consents": [
            {
                "purpose": consent.purpose,
                "given_at": consent.given_at.isoformat(),
                "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
            }
            for consent in client.consents.all()
        ],
        "team": [
            {
                "user": member.user.uuid,
                "name": str(member.user),
                "added_at": member.added_at,
                "reason": member.reason,
            }
            for member in client_team(client=client)
        ],
    }


@router.get(
    "/clients/{uuid}",
    response=ClientOut,
    summary="Read a client (audited)",
    description=(
        "Every read is written to the audit log with its purpose. 403 outside the user's service points. "
        "The answer carries the record's `version`, also as the `ETag` header, for a later PATCH."
    ),
)
def client_read(request: HttpRequest, response: HttpResponse, uuid: UUID) -> Any:
    client = client_get(uuid=uuid)
    require(request.user, "clients.view", client)
    services.client_read_record(client=client, by=_user(request))
    response["ETag"] = etag(client.version)
    return _client_out(client)


@router.patch(
    "/clients/{uuid}",
    response={200: ClientChanged, 409: VersionConflict},
    summary="Correct a client's data",
    description=(
        "Only the fields sent are changed; `languages` and `identifiers`, when sent, replace the lists. "
        'Audited with the names of the changed fields. Send the version you read as `If-Match: "7"` '
        "or as the `version` field: when someone changed the record since, nothing is saved and the "
        "answer is **409** with the current version and the fields they changed with their values. "
        "Without a version the change is applied to the record as it is now."
    ),
)
def client_patch(request: HttpRequest, response: HttpResponse, uuid: UUID, payload: ClientPatch) -> Any:
    client = client_get(uuid=uuid)
    require(request.user, "clients.change", client)
    if client.status == ClientStatus.ANONYMISED:
        raise ValidationError(_("An anonymised record cannot be changed."))
    base = client_initial(client)
    if client.municipality is not None:
        base["municipality"] = client.municipality.code
    if client.responsible_worker is not None:
        base["responsible_worker"] = client.responsible_worker.uuid
    fields, languages, identifiers = _validated(payload, service_point=client.service_point, base=base)
    sent = payload.model_dump(exclude_unset=True)
    # The birth date and the temporary-code flag follow the identity code only when it is sent;
    # otherwise writing them back from this copy could undo a colleague's correction.
    derived = _DERIVED if "personal_identity_code" in sent else ()
    changed_fields = {name: value for name, value in fields.items() if name in sent or name in derived}
    expected = expected_version_from(request, payload.version)
    try:
        changed = services.client_update(
            client=client,
            fields=changed_fields,
            languages=languages,
            identifiers=identifiers,
            by=_user(request),
            expected_version=expected,
        )
    except StaleVersion as stale:
        return 409, _conflict(stale)
    response["ETag"] = etag(client.version)
    return 200, {"uuid": client.uuid, "changed": changed, "version": client.version}


def _conflict(stale: StaleVersion) -> dict[str, Any]:
    current = stale.current
    assert isinstance(current, Client)
    stored = _client_out(current)
    names = services.client_changes_since(client=current, version=stale.expected)
    return {
        "detail": _(
            "Someone else changed this client's data after you read it. Nothing was saved: "
            "read the record again and apply your changes to it."
        ),
        "version": current.version,
        "changed": {name: stored[name] for name in names if name in stored},
    }


# Filled from the identity code when it is sent.
_DERIVED = ("identity_code_is_temporary", "birth_year", "birth_month", "birth_day")


class ClientListFilters(InputSchema):
    search: Line = Field("", max_length=200, description="A name in any script, a birth date, a phone…")
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="How many clients (at most 100)")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many of the newest clients to skip")


@router.get(
    "/clients",
    response=list[ClientMatchOut],
    summary="Search or list clients",
    description=(
        "With `search` (name in any script or spelling, birth date, phone, identity code or identifier): "
        "the best matches first, each with its `score` (0–1). Without it: the newest clients, paged with "
        "`limit` (at most 100) and `offset`. Only clients of the user's service points."
    ),
)
def client_index(request: HttpRequest, filters: Query[ClientListFilters]) -> Any:
    require(request.user, "clients.view")
    limit = filters.limit
    if filters.search.strip():
        hits = client_find(user=_user(request), text=filters.search, limit=limit)
        return [{"client": _summary(hit.client), "score": hit.score} for hit in hits]
    clients = client_list(user=_user(request))[filters.offset : filters.offset + limit]
    return [{"client": _summary(client), "score": None} for client in clients]


def _summary(client: Client) -> ClientSummary:
    return ClientSummary(
        uuid=client.uuid,
        service_point=client.service_point.uuid,
        name=client.display_name,
        name_as_written=client.written_name,
        birth_date=client.birth_date_display,
        status=client.status,
    )
