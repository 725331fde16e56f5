from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from kotopolku.audit.context import activate, context_from_request, deactivate


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = context_from_request(request)
        request.request_id = context.request_id  # type: ignore[attr-defined]
        token = activate(context)
        try:
            response = self.get_response(request)
        finally:
            deactivate(token)
        response["X-Request-ID"] = context.request_id
        return response
