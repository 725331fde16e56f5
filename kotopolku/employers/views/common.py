"""What the employer pages share: the signed-in user, a form page that saves through a service,
form errors from a service, the page that
shows what another person changed, list page links, and the records a path names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import require, service_point_ids
from kotopolku.core.versioning import StaleVersion
from kotopolku.employers import selectors
from kotopolku.employers.models import Employer
from kotopolku.organisations.models import ServicePoint

PAGE_SIZE = 50


def staff_user(request: HttpRequest) -> User:
    return cast(User, request.user)


def apply_errors(form: Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, field_messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, field_messages)


def form_page(
    request: HttpRequest,
    form: Form,
    *,
    title: Any,
    save: Callable[[], Any],
    done: Any,
    then: Callable[[Any], str],
    back: Any = None,
) -> HttpResponse:
    """A page with one form: on a valid POST ``save`` calls the service; its refusal is shown at
    the fields, its success is told and the browser goes to ``then(what was saved)``. Otherwise
    the form (again)."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(then(saved))
    context = {"form": form, "title": title} | ({"back": back} if back is not None else {})
    return render(request, "employers/form.html", context)


def stale_message(form: Form, error: StaleVersion, initial: dict[str, Any]) -> Form:
    """The form again, holding the stored values, with what the other person changed named."""
    submitted = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    fresh = type(form)(initial=initial)
    fresh.cleaned_data = {}  # an unbound form shows the stored values; it takes messages all the same
    differ = [
        str(fresh.fields[name].label)
        for name, value in initial.items()
        if name in fresh.fields
        and name != "version"
        and name in submitted
        and comparable(submitted[name]) != comparable(value)
    ]
    message = _(
        "Someone else saved this record while you were editing. The form now shows the saved values; "
        "these differ from yours: %(fields)s. Make your change again."
    )
    fresh.add_error(None, message % {"fields": ", ".join(differ) or "–"})
    return fresh


def page_query(request: HttpRequest) -> str:
    """The list's other parameters for its page links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def comparable(value: Any) -> Any:
    return getattr(value, "pk", value)


def first_service_point(request: HttpRequest, action: str) -> ServicePoint:
    allowed = service_point_ids(request.user, action)
    if not allowed:
        raise PermissionDenied(action)
    return ServicePoint.objects.filter(pk__in=allowed).order_by("name").first()  # type: ignore[return-value]


def employer_for(request: HttpRequest, uuid: UUID, action: str) -> Employer:
    employer = selectors.employer_get(uuid=uuid)
    require(request.user, action, employer)
    return employer
