"""The JSON API at /api/v1/. Each product app's ``api`` module contributes a ``router``.

Session authentication serves the staff UI (with CSRF); ``Authorization: Bearer <token>``
serves integrations. Errors are JSON with a message per field, never a 500 page.
"""

from __future__ import annotations

import logging
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyCookie, HttpBearer

from kotopolku.accounts.services import api_token_authenticate
from kotopolku.audit.selectors import fields_changed_since
from kotopolku.core.api_docs import document_error_responses
from kotopolku.core.api_errors import error_message, http_error_message
from kotopolku.core.unavailable import unavailable_response
from kotopolku.core.versioning import StaleVersion, etag

logger = logging.getLogger("django.request")


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is None:
            return None
        request.user = user
        return user


class StaffSession(APIKeyCookie):
    """The staff UI's logged-in session; CSRF is checked for unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


class KotopolkuAPI(NinjaAPI):
    """The API whose OpenAPI document lists every operation's error answers."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_error_responses(schema)


api = KotopolkuAPI(
    title="Kotopolku API",
    version="1.0.0",
    description="Desk contacts, client registry and service catalogue of International House service points.",
    urls_namespace="api-v1",
    auth=[BearerToken(), StaffSession(csrf=True)],
    docs_url="/docs",
)


def _field_path(location: list[Any]) -> str:
    parts = [str(part) for part in location if part not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "__all__"


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        field = _field_path(list(error.get("loc", [])))
        errors.setdefault(field, []).append(error_message(error))
    return api.create_response(
        request, {"detail": _("The request has invalid fields."), "errors": errors}, status=422
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": http_error_message(exc)}, status=exc.status_code)


@api.exception_handler(DjangoValidationError)
def _domain_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
    return api.create_response(
        request, {"detail": _("The request has invalid fields."), "errors": errors}, status=422
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": _("Authentication required.")}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="kotopolku"'
    return response


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": _("You do not have permission to do this.")}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(StaleVersion)
def _stale_version(request: HttpRequest, exc: StaleVersion) -> HttpResponse:
    """A stale version that an operation did not answer itself: 409 with the body the apps give
    (the stored version and the fields changed since, with their stored values)."""
    current = exc.current
    names = fields_changed_since(target=current, version=exc.expected)
    changed = {name: _stored_value(current, name) for name in names}
    body = {
        "detail": _(
            "Someone else changed this record after you read it. Nothing was saved: read it again "
            "and apply your changes to it."
        ),
        "version": current.version,
        "changed": changed,
    }
    response = api.create_response(request, body, status=409)
    response["ETag"] = etag(current.version)
    return response


def _stored_value(row: Any, name: str) -> Any:
    """A field's stored value as the API shows it: a related record by its public id."""
    try:
        field = row._meta.get_field(name)
    except FieldDoesNotExist:
        return None  # kept beside the record under another name: named, not valued
    value = getattr(row, name)
    if field.many_to_many or field.one_to_many:
        return [_public_id(item) for item in value.all()]
    if field.is_relation and value is not None:
        return _public_id(value)
    return value


def _public_id(row: Any) -> str:
    return str(getattr(row, "code", None) or getattr(row, "uuid", None) or row.pk)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def _database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    return unavailable_response(request, exc)


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """An unexpected error answers JSON, in production too (never the HTML error page); it is
    logged and signalled as Django does for any failed request."""
    if settings.DEBUG:
        raise exc  # the developer's traceback page
    got_request_exception.send(sender=None, request=request)
    context = {"status_code": 500, "request": request}
    logger.error("Internal Server Error: %s", request.path, exc_info=exc, extra=context)
    return api.create_response(request, {"detail": _("Something went wrong on our side.")}, status=500)


def _mount_app_routers() -> None:
    for app in settings.KOTOPOLKU_APPS:
        if find_spec(f"{app}.api") is None:
            continue
        module = import_module(f"{app}.api")
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router("", router)


_mount_app_routers()
