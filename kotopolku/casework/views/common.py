"""What the case work pages share: the signed-in user, a client or plan the user may act on, and
a service's refusals put on the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import require
from kotopolku.casework.selectors import client_for
from kotopolku.core.versioning import StaleVersion
from kotopolku.organisations.models import Organisation


def user_of(request: HttpRequest) -> User:
    return cast(User, request.user)


def add_errors(form: Any, error: ValidationError, *, aliases: dict[str, str] | None = None) -> None:
    """A service's refusal on the form: on the field it names (``aliases`` where the form calls
    the field otherwise), else as the form's own error."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            name = (aliases or {}).get(name, name)
            target = name if name in form.fields else None
            for problem in problems:
                form.add_error(target, problem)
    else:
        for problem in error.messages:
            form.add_error(None, problem)


def active_organisations() -> list[Organisation]:
    return list(Organisation.objects.filter(is_active=True).order_by("name"))


def client_for_action(request: HttpRequest, uuid: Any, action: str = "casework.view") -> Any:
    client = client_for(user=request.user, uuid=uuid)
    require(request.user, action, client)
    return client


def back_to_client(client: Any, anchor: str = "") -> HttpResponse:
    return redirect(reverse("casework:client", args=[client.uuid]) + (f"#{anchor}" if anchor else ""))


def service_saved(
    form: Any,
    save: Callable[[], object],
    *,
    stale: str = "",
    aliases: dict[str, str] | None = None,
) -> bool:
    """Run a service on a valid form's data and tell whether it saved. A refusal lands on the
    form (see ``add_errors``), and a stale version as ``stale``, the form's own error; without
    ``stale`` a stale version is the caller's to handle."""
    try:
        save()
    except StaleVersion:
        if not stale:
            raise
        form.add_error(None, stale)
    except ValidationError as error:
        add_errors(form, error, aliases=aliases)
    else:
        return True
    return False
