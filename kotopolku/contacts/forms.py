from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kotopolku.clients.models import Client
from kotopolku.contacts.enums import Channel, ContactOutcome, Interpreter
from kotopolku.contacts.languages import DESK_LANGUAGES, language_choices
from kotopolku.contacts.models import (
    MAX_DURATION_MINUTES,
    MAX_NOTE_LENGTH,
    ClientGroup,
    CodeListEntry,
    Contact,
    Topic,
)
from kotopolku.contacts.selectors import active_code_lists
from kotopolku.contacts.services import ContactData, personal_data_in_note, personal_data_warning
from kotopolku.core.text import CleanTextFormMixin
from kotopolku.organisations.models import Organisation, ServicePoint

NOTE_HELP = _(
    "Optional. Do not write names, identity codes or other personal data here: "
    "an anonymous contact holds no personal data."
)


class FastSelect(forms.Select):
    """A select rendered in Python: the template-per-option default costs milliseconds on a page
    with a few hundred options, and the desk page is opened after every contact.

    Every form shares the field's choices (they are replaced, never changed in place), so a copy
    of the widget for each form does not copy and re-check them."""

    def __deepcopy__(self, memo: dict[int, Any]) -> FastSelect:
        widget = copy.copy(self)
        widget.attrs = self.attrs.copy()
        memo[id(self)] = widget
        return widget

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(option), mark_safe(" selected") if str(option) in selected else "", label)
                for option, label in self.choices
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


class SharedChoicesMixin:
    """For a choice field whose choices are replaced, never changed in place: each form's copy of
    the field shares them (Django's ChoiceField deep-copies them for every form)."""

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return forms.Field.__deepcopy__(self, memo)  # type: ignore[attr-defined]


class SharedChoiceField(SharedChoicesMixin, forms.ChoiceField):
    """A choice from a fixed list that every form shares, the chosen value looked up in a set
    (Django's field walks the list)."""

    def __init__(self, *, choices: Iterable[tuple[str, Any]], **kwargs: Any) -> None:
        pairs = [(str(value), label) for value, label in choices]
        kwargs.setdefault("widget", FastSelect)
        super().__init__(choices=pairs, **kwargs)
        self.allowed = frozenset(value for value, _label in pairs)

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.allowed


class LanguageChoiceField(SharedChoiceField):
    """The language used: the desk's languages (labels in the user's language, chosen when the
    form renders), and on a correction the contact's own language if it is another one."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=(), **kwargs)
        self.allowed = frozenset(DESK_LANGUAGES)
        self.choices = _desk_language_choices

    def allow_also(self, code: str) -> None:
        if code and code not in self.allowed:
            self.allowed = self.allowed | {code}
            self.choices = language_choices(get_language(), extra=code)


def _desk_language_choices() -> list[tuple[str, str]]:
    return language_choices(get_language())


class CodeListMixin(SharedChoicesMixin):
    """The loaded rows of a code list are the choices: the chosen code is looked up among them
    (no query of its own), and their labels are made only when the form renders."""

    entries: dict[str, CodeListEntry]

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.entries


class CodeListChoiceField(CodeListMixin, forms.ChoiceField):
    """One entry of a code list the form loaded (``set_entries``); cleans to the entry or None."""

    def set_entries(self, entries: Iterable[CodeListEntry], language: str | None, empty_label: str) -> None:
        self.entries = {entry.code: entry for entry in entries}
        self.choices = lambda: [("", empty_label), *_labelled(self.entries, language)]

    def clean(self, value: Any) -> CodeListEntry | None:
        code = super().clean(value)
        return self.entries.get(code) if code else None


class CodeListMultipleChoiceField(CodeListMixin, forms.MultipleChoiceField):
    """Several entries of a code list the form loaded; cleans to the entries in code-list order."""

    def set_entries(self, entries: Iterable[CodeListEntry], language: str | None) -> None:
        self.entries = {entry.code: entry for entry in entries}
        self.choices = lambda: _labelled(self.entries, language)

    def clean(self, value: Any) -> list[CodeListEntry]:
        chosen = set(super().clean(value))
        return [entry for code, entry in self.entries.items() if code in chosen]


def _labelled(entries: dict[str, CodeListEntry], language: str | None) -> list[tuple[str, str]]:
    return [(code, entry.name_in(language)) for code, entry in entries.items()]


class ScopedClientField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """The linked client, found only among the clients of ``service_point_ids``; the lookup is
    built when a client is given (most contacts are anonymous)."""

    service_point_ids: list[int]

    def to_python(self, value: Any) -> Client | None:
        if value in self.empty_values:
            return None
        self.queryset = Client.objects.filter(service_point_id__in=self.service_point_ids)
        return cast(Client | None, super().to_python(value))


class OrganisationChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name_in(get_language()))


class ContactForm(CleanTextFormMixin, forms.Form):
    """One desk contact. Field order is the tab order of the desk page."""

    channel = SharedChoiceField(label=_("Channel"), choices=Channel.choices)
    language = LanguageChoiceField(label=_("Language used"))
    interpreter = SharedChoiceField(
        label=_("Interpreter"), choices=Interpreter.choices, initial=Interpreter.NONE
    )
    topics = CodeListMultipleChoiceField(
        label=_("Topics"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )
    client_group = CodeListChoiceField(label=_("Client group"), required=False, widget=FastSelect)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=1,
        max_value=MAX_DURATION_MINUTES,
        initial=10,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    outcome = SharedChoiceField(label=_("Outcome"), choices=ContactOutcome.choices)
    organisation = OrganisationChoiceField(
        label=_("Organisation guided to"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        to_field_name="uuid",
        required=False,
        empty_label=_("None"),
        widget=FastSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=MAX_NOTE_LENGTH,
        help_text=NOTE_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm_note = forms.BooleanField(
        label=_("The note holds no personal data: save it as written"), required=False
    )
    happened_at = forms.DateTimeField(
        label=_("Time"),
        required=False,
        help_text=_("Leave empty for now."),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    service_point = forms.ChoiceField(label=_("Service point"), widget=FastSelect)
    client = ScopedClientField(
        queryset=Client.objects.none(), to_field_name="uuid", required=False, widget=forms.HiddenInput
    )

    def __init__(
        self,
        *args: Any,
        service_point_ids: Iterable[int],
        choose_service_point: bool,
        language_extra: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.service_points: dict[str, ServicePoint] = {}
        ids = list(service_point_ids)
        fields = self.fields
        language = get_language()
        code_lists = active_code_lists()
        cast(LanguageChoiceField, fields["language"]).allow_also(language_extra)
        cast(CodeListMultipleChoiceField, fields["topics"]).set_entries(code_lists.topics, language)
        cast(CodeListChoiceField, fields["client_group"]).set_entries(
            code_lists.client_groups, language, str(_("Not recorded"))
        )
        cast(ScopedClientField, fields["client"]).service_point_ids = ids
        if choose_service_point:
            # Plain choices from one query: a model choice field would query twice to render.
            self.service_points = {
                str(point.uuid): point for point in ServicePoint.objects.filter(id__in=ids).order_by("name")
            }
            choices = [(key, point.name) for key, point in self.service_points.items()]
            fields["service_point"].choices = choices  # type: ignore[attr-defined]
        else:
            del fields["service_point"]
        if not self.is_bound:
            # Back at the first field after each save; with errors the summary takes focus.
            fields["channel"].widget.attrs["autofocus"] = True

    def topic_boxes(self) -> list[tuple[str, str, str, bool]]:
        """(id, code, label, checked) for each topic check box, rendered without a template each."""
        bound = self["topics"]
        checked = {str(value) for value in (bound.value() or [])}
        return [
            (f"{bound.auto_id}_{index}", str(code), str(label), str(code) in checked)
            for index, (code, label) in enumerate(bound.field.choices)  # type: ignore[attr-defined]
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        note = cleaned.get("note") or ""
        if note and cleaned.get("client") is None and not cleaned.get("confirm_note"):
            found = personal_data_in_note(note)
            if found:
                self.add_error("note", personal_data_warning(found))
        return cleaned

    @property
    def asks_note_confirmation(self) -> bool:
        """Whether the form is shown again because the note seems to hold personal data."""
        if not self.is_bound or "note" not in self.errors:
            return False
        note = self.data.get("note") or ""
        return bool(personal_data_in_note(note)) and not self.data.get("client")

    def clean_service_point(self) -> ServicePoint:
        return self.service_points[self.cleaned_data["service_point"]]

    def contact_data(self) -> ContactData:
        data = self.cleaned_data
        return ContactData(
            channel=data["channel"],
            language=data["language"],
            interpreter=data["interpreter"],
            topics=cast(list[Topic], data["topics"]),
            client_group=cast(ClientGroup | None, data.get("client_group")),
            duration_minutes=data["duration_minutes"],
            outcome=data["outcome"],
            organisation=data.get("organisation"),
            note=data.get("note") or "",
            client=data.get("client"),
            happened_at=data.get("happened_at"),
            note_confirmed=bool(data.get("confirm_note")),
        )

    @staticmethod
    def initial_for(contact: Contact) -> dict[str, Any]:
        return {
            "channel": contact.channel,
            "language": contact.language,
            "interpreter": contact.interpreter,
            "topics": [topic.code for topic in contact.topics.all()],
            "client_group": contact.client_group.code if contact.client_group else None,
            "duration_minutes": contact.duration_minutes,
            "outcome": contact.outcome,
            "organisation": contact.organisation.uuid if contact.organisation else None,
            "note": contact.note,
            "client": contact.client.uuid if contact.client else None,
            "happened_at": contact.happened_at,
        }


class ContactFilterForm(CleanTextFormMixin, forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("Any")), *Channel.choices]
    )

    def __init__(self, *args: Any, topics: Iterable[Topic], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language()
        self.fields["topic"].choices = [("", _("Any")), *((t.code, t.name_in(language)) for t in topics)]  # type: ignore[attr-defined]
        self.fields["language"].choices = [("", _("Any")), *language_choices(language)]  # type: ignore[attr-defined]
