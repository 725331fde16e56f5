from __future__ import annotations

import sys

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kotopolku.accounts.permissions import grants_for
from kotopolku.core.home import render_home_panels
from kotopolku.core.unavailable import is_database_unavailable, unavailable_response
from kotopolku.organisations.selectors import service_points_of_user


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's home: the panels the installed apps contribute to the roles the user holds."""
    held = grants_for(request.user).all_roles()  # type: ignore[arg-type]  # login_required
    return render(
        request,
        "core/home.html",
        {
            "service_points": service_points_of_user(user=request.user),
            "panels": render_home_panels(request, held),
        },
    )


# The JSON APIs answer JSON also when an error happens outside their views (an unknown
# address, a failure in a middleware).
API_PREFIX = "/api/"

_API_MESSAGES = {
    400: gettext_lazy("Bad request."),
    403: gettext_lazy("You do not have permission to do this."),
    404: gettext_lazy("Not found."),
    500: gettext_lazy("Something went wrong on our side."),
}


def _error(request: HttpRequest, status: int, template: str) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        response = JsonResponse({"detail": str(_API_MESSAGES[status])}, status=status)
        response["Cache-Control"] = "no-store"
        return response
    return render(request, template, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "core/errors/400.html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "core/errors/403.html")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "core/errors/404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    failure = sys.exc_info()[1]
    if is_database_unavailable(failure):  # a middleware lost the database, not a bug: 503
        assert failure is not None
        return unavailable_response(request, failure)
    if request.path.startswith(API_PREFIX):
        return _error(request, 500, "core/errors/500.html")
    # Rendered without the request's context processors: they may need the database, which
    # may be what failed. The page still follows the staff member's language.
    body = loader.render_to_string("core/errors/500.html", {"request_id": getattr(request, "request_id", "")})
    return HttpResponse(body, status=500)
