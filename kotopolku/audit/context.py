"""Who is asking, from where, within which request: carried to the audit log without passing it around."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

from django.http import HttpRequest

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    ip: str | None
    user_agent: str = ""


_current: ContextVar[RequestContext | None] = ContextVar("kotopolku_request_context", default=None)


def client_ip(request: HttpRequest) -> str | None:
    # Behind the production proxy REMOTE_ADDR is the proxy; the proxy sets X-Real-IP.
    for header in ("HTTP_X_REAL_IP", "REMOTE_ADDR"):
        value = request.META.get(header, "").split(",")[0].strip()
        if value:
            return value[:45]
    return None


def client_ip_for_axes(request: HttpRequest) -> str | None:
    return client_ip(request)


def context_from_request(request: HttpRequest) -> RequestContext:
    incoming = request.headers.get("X-Request-ID", "")
    request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
    return RequestContext(
        request_id=request_id, ip=client_ip(request), user_agent=request.headers.get("User-Agent", "")[:200]
    )


def current_context() -> RequestContext | None:
    return _current.get()


def activate(context: RequestContext | None) -> object:
    return _current.set(context)


def deactivate(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]
