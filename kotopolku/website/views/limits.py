"""What every public form shares: the size limit of a post, the page that refuses one, and the
network address a rate limit counts (kept by the services only as a hash)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from kotopolku.audit.context import current_context
from kotopolku.website.views.context import Page

MAX_POST_BYTES = 16_384


def too_large(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_POST_BYTES
    except ValueError:
        return True


def refused(page: Page, message: str, status: int) -> HttpResponse:
    return page.render("website/refused.html", {"message": message}, status=status)


def network_address(request: HttpRequest) -> str:
    context = current_context()
    if context and context.ip:
        return str(context.ip)
    return str(request.META.get("REMOTE_ADDR", ""))
