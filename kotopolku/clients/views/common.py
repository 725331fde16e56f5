"""What the client registry's staff pages share: the user, the client with its permission check,
form errors from a service."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import require
from kotopolku.clients.forms import (
    ClientForm,
)
from kotopolku.clients.models import Client
from kotopolku.clients.selectors import (
    client_get,
)
from kotopolku.clients.team_forms import TeamMemberForm

PAGE_SIZE = 50
TIMELINE_PAGE_SIZE = 20


def _user(request: HttpRequest) -> User:
    """The logged-in staff member (every view here is behind ``login_required``)."""
    return cast(User, request.user)


def _add_errors(form: ClientForm | TeamMemberForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def _client_for(request: HttpRequest, uuid: Any, action: str) -> Client:
    client = client_get(uuid=uuid)
    require(request.user, action, client)
    return client
