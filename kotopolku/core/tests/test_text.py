"""Text input cleaned at the edge: the rules, the form mixin and the API's input schemas."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation
from pydantic import ValidationError

from kotopolku.core.api_schemas import FreeText, InputSchema, Line
from kotopolku.core.text import CleanTextFormMixin, clean_line, text_problem

REFUSED_EVERYWHERE = ["\x00", "a\x00b", "\x07", "\x1b[31m", "\x7f", "\x85", "\u202e", "\u2066x\u2069"]


@pytest.mark.parametrize("value", REFUSED_EVERYWHERE)
def test_text_problem__controls_and_bidi_overrides__refused_in_any_text(value):
    assert text_problem(value, multiline=True) == "control_characters"
    assert text_problem(value, multiline=False) == "control_characters"


@pytest.mark.parametrize("value", ["two\nlines", "tab\there", "crlf\r\n"])
def test_text_problem__line_breaks_and_tabs__only_in_free_text(value):
    assert text_problem(value, multiline=True) is None
    assert text_problem(value, multiline=False) == "line_break"


def test_clean_line__zero_width_characters__removed():
    assert clean_line("\ufeffAi\u200bno\u200c\u200d\u2060 ") == "Aino"


class NoteForm(CleanTextFormMixin, forms.Form):
    name = forms.CharField(max_length=50)
    note = forms.CharField(widget=forms.Textarea, required=False)
    count = forms.IntegerField(required=False)
    colour = forms.ChoiceField(choices=[("red", "red")], required=False)
    tags = forms.MultipleChoiceField(choices=[("a", "a")], required=False)


def test_form_mixin__names_lose_zero_width_characters():
    form = NoteForm({"name": "Ai\u200bno\ufeff", "note": "emoji 👩\u200d💻"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Aino"
    assert form.cleaned_data["note"] == "emoji 👩\u200d💻"  # free text keeps the joiner


def test_form_mixin__free_text_keeps_line_breaks__one_line_text_refuses_them():
    form = NoteForm({"name": "Aino\nNeuvoja", "note": "first\nsecond\tthird"})
    assert not form.is_valid()
    assert list(form.errors) == ["name"]


@pytest.mark.parametrize("field", ["name", "note", "count", "colour", "tags"])
def test_form_mixin__nul_in_any_field__field_error_in_the_users_language(field):
    data = {"name": "Aino", field: "1\x00"}
    with translation.override("fi"):
        form = NoteForm(data)
        assert not form.is_valid()
        assert form.errors[field] == ["Poista ohjausmerkit ja tekstin suunnan ohittavat merkit."]


class Payload(InputSchema):
    name: Line = ""
    note: FreeText = ""
    topics: list[Line] = []
    other: str = ""
    nested: dict[str, list[str]] = {}


@pytest.mark.parametrize(
    "data, field",
    [
        ({"name": "Null\x00byte"}, "name"),
        ({"note": "\x00"}, "note"),
        ({"topics": ["\x00"]}, "topics"),
        ({"other": "right\u202eleft"}, "other"),  # a plain str field of the schema
        ({"nested": {"key": ["\x1b"]}}, "nested"),
        ({"nested": {"\x00": []}}, "nested"),
        ({"name": "two\nlines"}, "name"),
    ],
)
def test_input_schema__refuses_every_bad_string__at_its_field(data, field):
    with pytest.raises(ValidationError) as raised:
        Payload.model_validate(data)
    assert [error["loc"][0] for error in raised.value.errors()] == [field]


def test_input_schema__line_loses_zero_width__free_text_keeps_line_breaks():
    payload = Payload.model_validate({"name": "Ai\u200bno", "note": "a\nb\tc", "topics": ["ke\ufeffla"]})
    assert (payload.name, payload.note, payload.topics) == ("Aino", "a\nb\tc", ["kela"])


class Row(InputSchema):
    code: Line = ""


class WithRows(InputSchema):
    rows: list[Row] = []


def test_input_schema__nested_schema__checks_its_fields_and_ignores_unknown_keys():
    assert WithRows.model_validate({"rows": [{"code": "a", "unknown\x0b": "\x00"}]}).rows == [Row(code="a")]
    with pytest.raises(ValidationError) as raised:
        WithRows.model_validate({"rows": [{"code": "\x00"}]})
    assert raised.value.errors()[0]["loc"] == ("rows", 0, "code")


@pytest.mark.parametrize("body", [None, [], [None, None], "x", 1])
def test_input_schema__a_body_other_than_an_object__is_refused(body):
    with pytest.raises(ValidationError):
        Payload.model_validate(body)
