"""The case work API's router and what its operations share: the loosely typed body checked by
the staff pages' forms (with its text checked here), and the client an operation acts on."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from pydantic import ConfigDict, ModelWrapValidatorHandler, model_validator

from kotopolku.accounts.permissions import require
from kotopolku.casework.selectors import (
    client_for,
)
from kotopolku.core.api_schemas import InputSchema
from kotopolku.core.text import problem_message, text_problem
from kotopolku.organisations.models import Organisation

router = Router(tags=["casework"])


def _bad_text(value: Any, where: str, problems: dict[str, list[str]]) -> None:
    """Note under ``where`` (``education.0.field``) every string in ``value``, at any depth,
    that holds NUL or another control or bidi-override character (line breaks and tabs pass)."""
    if isinstance(value, str):
        code = text_problem(value, multiline=True)
        if code:
            problems.setdefault(where, [problem_message(code)])
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _bad_text(item, f"{where}.{index}", problems)
    elif isinstance(value, dict):
        for key, item in value.items():
            code = text_problem(key, multiline=False) if isinstance(key, str) else None
            if code:
                problems.setdefault(where, [problem_message(code)])
            else:
                _bad_text(item, f"{where}.{key}", problems)


class Loose(InputSchema):
    """A body checked field by field by the forms (any JSON object is accepted here).

    Its fields are not declared, so ``InputSchema`` cannot check their text: ``text_problems``
    does, for every field given. The operations taking it are wrapped in ``reports_bad_text``,
    which adds those problems to the other fields' messages (every bad field at once, 422), and
    call ``refuse_bad_text`` before they save anything."""

    model_config = ConfigDict(extra="allow")

    @model_validator(mode="wrap")  # type: ignore[arg-type]  # pydantic types a generic wrap validator loosely
    @classmethod
    def _run_root_validator(cls, values: Any, handler: ModelWrapValidatorHandler[Loose]) -> Loose:
        # Replaces django-ninja's: it reads the input through a ``DjangoGetter``, which hands
        # over only the declared fields, and this schema's fields are all extra ones.
        return handler(values)

    def text_problems(self) -> dict[str, list[str]]:
        problems: dict[str, list[str]] = {}
        for name, value in (self.model_extra or {}).items():
            code = text_problem(name, multiline=False)
            if code:
                problems.setdefault("__all__", [problem_message(code)])
            else:
                _bad_text(value, name, problems)
        return problems

    def refuse_bad_text(self) -> None:
        problems = self.text_problems()
        if problems:
            raise ValidationError(problems)

    def data(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True)


def reports_bad_text(view: Callable[..., Any]) -> Callable[..., Any]:
    """When the operation refuses its input, the body's bad text is reported with the rest."""

    @functools.wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        payload = kwargs["payload"]
        try:
            return view(request, *args, **kwargs)
        except ValidationError as error:
            problems = payload.text_problems()
            if not problems:
                raise
            errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            raise ValidationError({**problems, **errors}) from None

    # django-ninja reads the operation's parameters from the signature and resolves string
    # annotations in the wrapper's module: hand it the operation's own, already resolved.
    checked.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
    return checked


def form_errors(form: Any) -> ValidationError:
    return ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})


def client_for_action(request: HttpRequest, client_id: UUID, action: str) -> Any:
    client = client_for(user=request.user, uuid=client_id)
    require(request.user, action, client)
    return client


def uuid_field(value: Any, field: str) -> UUID:
    try:
        return UUID(str(value))
    except ValueError:
        raise ValidationError({field: [_("Give a UUID.")]}) from None


def uuids(values: list[str]) -> list[UUID]:
    result = []
    for value in values:
        try:
            result.append(UUID(value))
        except ValueError:
            continue
    return result


def organisations_by_uuid(values: Any, field: str) -> list[Organisation]:
    if values is None:
        return []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValidationError({field: [_("Give a list of organisation ids.")]})
    found = {
        str(org.uuid): org for org in Organisation.objects.filter(uuid__in=uuids(values), is_active=True)
    }
    unknown = [value for value in values if value not in found]
    if unknown:
        raise ValidationError({field: [_("Unknown organisation.")]})
    return [found[value] for value in values]
