"""The form that brings a staff member onto a client's team. Its options are read as plain values,
and the candidates are read as a queryset only to check a choice made."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from kotopolku.clients.models import Client
from kotopolku.clients.validators import validate_free_text
from kotopolku.core.text import CleanTextFormMixin


def _staff_text(full_name: str, email: str) -> str:
    return f"{full_name} ({email})" if full_name else email


class _TeamCandidates(forms.models.ModelChoiceIterator):
    """The options of ``_TeamCandidateField``: read as plain values (``team_candidates_listed``)."""

    def __init__(self, field: Any) -> None:
        self.field = field  # its queryset is built only when asked for

    @property
    def queryset(self) -> Any:  # type: ignore[override]
        return self.field.queryset

    def __iter__(self) -> Any:
        from kotopolku.clients.selectors import team_candidates_listed

        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        client = getattr(self.field, "client", None)
        for row in team_candidates_listed(client=client) if client is not None else []:
            yield (str(row["uuid"]), _staff_text(row["full_name"], row["email"]))


class _TeamCandidateField(forms.ModelChoiceField):
    """The staff who may be brought onto the client's team: listed from plain values, and read
    as a queryset only to check a choice made."""

    iterator = _TeamCandidates
    client: Client | None = None
    _queryset: Any

    def _get_queryset(self) -> Any:
        if self._queryset is None and self.client is not None:
            from kotopolku.clients.selectors import team_candidates

            on_team = self.client.team_members.current().values("user_id")
            self._queryset = team_candidates(client=self.client).exclude(pk__in=on_team)
        return self._queryset

    def _set_queryset(self, queryset: Any) -> None:
        self._queryset = None if queryset is None else queryset.all()
        self.widget.choices = self.choices  # type: ignore[attr-defined]

    queryset = property(_get_queryset, _set_queryset)  # type: ignore[assignment]


class TeamMemberForm(CleanTextFormMixin, forms.Form):
    """Bring a staff member onto the client's team (the client's own service point does this)."""

    user = _TeamCandidateField(
        label=gettext_lazy("Staff member"),
        queryset=None,
        to_field_name="uuid",
        help_text=gettext_lazy(
            "Staff of this service point or of its networks, "
            "for example the region's residence-permit expert."
        ),
        error_messages={"invalid_choice": gettext_lazy("Choose a staff member from the list.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=200, required=False, validators=[validate_free_text]
    )

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.fields["user"]
        assert isinstance(user, _TeamCandidateField)
        user.client = client
        user.widget.choices = user.choices  # type: ignore[attr-defined]
