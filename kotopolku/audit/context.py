"""Who is asking, from where, within which request: carried to the audit log without passing it around."""

from __future__ import annotations

import ipaddress
import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    ip: str | None
    user_agent: str = ""


_current: ContextVar[RequestContext | None] = ContextVar("kotopolku_request_context", default=None)


def normalised_ip(value: object) -> str | None:
    """The address in its one canonical text form (what the database stores and the chain
    hashes), or None when ``value`` is not a plain IPv4 or IPv6 address. An IPv4 address
    mapped into IPv6 is stored as the IPv4 address it is."""
    if not isinstance(value, str) or not value or len(value) > 45 or "%" in value:
        return None
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(address)


def _trusted_proxies() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(entry, strict=False) for entry in getattr(settings, "TRUSTED_PROXIES", [])]


def _is_trusted(address: str, proxies: list[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> bool:
    parsed = ipaddress.ip_address(address)
    return any(parsed.version == network.version and parsed in network for network in proxies)


def client_ip(request: HttpRequest) -> str | None:
    """The address of whoever sent the request.

    Forwarded-for headers are anyone's to write, so they count only when the peer is one of
    ``TRUSTED_PROXIES``: then ``X-Real-IP`` (set by the proxy), else the nearest address in
    ``X-Forwarded-For`` that is not itself a trusted proxy. A header that is not an address is
    ignored and the peer's address is kept."""
    peer = normalised_ip(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return None
    proxies = _trusted_proxies()
    if not proxies or not _is_trusted(peer, proxies):
        return peer
    real_ip = normalised_ip(request.META.get("HTTP_X_REAL_IP", ""))
    if real_ip is not None:
        return real_ip
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed(forwarded):
        address = normalised_ip(hop)
        if address is None:
            break
        if not _is_trusted(address, proxies):
            return address
    return peer


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
