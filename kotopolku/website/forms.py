"""Forms of the public site. Every message is the site's own (translated into every public
language), not Django's: no English is left on a Somali page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from kotopolku.catalogue.enums import LifeSituation
from kotopolku.clients.validators import phone_normalise
from kotopolku.core.public_languages import PLAIN_FINNISH, PUBLIC_LANGUAGES, public_language_choices
from kotopolku.core.text import one_line, text_problem
from kotopolku.inquiries.enums import AnswerBy
from kotopolku.inquiries.models import MAX_QUESTION_LENGTH
from kotopolku.website.presenters import LIFE_SITUATIONS

MESSAGES = {
    "required": _("This field is required."),
    "invalid_choice": _("Choose an option from the list."),
    "invalid": _("Check this field."),
    "max_length": _("Too long."),
    "null_characters_not_allowed": _("The text contains characters that cannot be sent."),
}


class InquiryForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_QUESTION_LENGTH,
        error_messages={**MESSAGES, "required": _("Write your question.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the answer"), choices=public_language_choices(), error_messages=MESSAGES
    )
    answer_by = forms.ChoiceField(
        label=_("How do you want the answer?"),
        choices=[(AnswerBy.EMAIL, _("By e-mail")), (AnswerBy.PHONE, _("By phone"))],
        widget=forms.RadioSelect,
        error_messages=MESSAGES,
        initial=AnswerBy.EMAIL,
    )
    email = forms.CharField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        error_messages=MESSAGES,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=32,
        error_messages=MESSAGES,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


def _situation_choices() -> list[tuple[str, Any]]:
    return [("", _("All")), *((code, LIFE_SITUATIONS[code]) for code in LifeSituation.values)]


def _language_choices() -> list[tuple[str, Any]]:
    return [
        ("", _("All")),
        *((item.code, item.name) for item in PUBLIC_LANGUAGES if item.code != PLAIN_FINNISH),
    ]


class DirectoryForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=200, error_messages=MESSAGES)
    situation = forms.ChoiceField(
        label=_("Life situation"), required=False, error_messages=MESSAGES, choices=_situation_choices
    )
    language = forms.ChoiceField(
        label=_("Language of the service"), required=False, error_messages=MESSAGES, choices=_language_choices
    )
    organisation = forms.CharField(
        label=_("Organisation"), required=False, max_length=200, error_messages=MESSAGES
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)


def _checked_text(value: str, *, multiline: bool) -> str:
    """A text cleaned by the shared rules, refused with the site's own words."""
    value = value.strip() if multiline else one_line(value)
    if text_problem(value, multiline=multiline):
        raise forms.ValidationError(MESSAGES["null_characters_not_allowed"], code="characters")
    return value


def _checked_email(value: str) -> str:
    value = value.strip().lower()
    if value:
        try:
            validate_email(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                _("Give an e-mail address such as name@example.com."), code="email"
            ) from None
    return value


def _checked_phone(value: str) -> str:
    value = one_line(value)
    if value:
        try:
            return phone_normalise(value)
        except Exception:
            raise forms.ValidationError(
                _("Give a phone number, digits only, such as 040 123 4567."), code="phone"
            ) from None
    return value


class _SiteForm(forms.Form):
    """A public form whose text fields are checked by the shared text rules (one line, or free
    text for text areas) with the site's messages, and whose every error is the site's own."""

    free_text: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages = {**field.error_messages, **MESSAGES}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in list(data.items()):
            if isinstance(value, str) and name not in ("email", "phone", "language"):
                try:
                    data[name] = _checked_text(value, multiline=name in self.free_text)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def clean_email(self) -> str:
        return _checked_email(self.cleaned_data.get("email", ""))

    def clean_phone(self) -> str:
        return _checked_phone(self.cleaned_data.get("phone", ""))


class EventRegistrationForm(_SiteForm):
    """Registration to an event from the site; the events app's service does the rest."""

    free_text = ("needs",)

    name = forms.CharField(
        label=_("Name or nickname"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("The confirmation and a cancel link are sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    needs = forms.CharField(
        label=_("Needs (optional)"),
        required=False,
        max_length=1000,
        help_text=_("For example accessibility, an interpreter or child care."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _appointment_language_choices() -> list[tuple[str, str]]:
    return [(item.code, item.name) for item in PUBLIC_LANGUAGES if item.code != PLAIN_FINNISH]


class AppointmentRequestForm(_SiteForm):
    """The appointment request of the appointments app, asked in the reader's language."""

    free_text = ("preferred_times", "message")

    topic = forms.CharField(label=_("What is your matter?"), max_length=200)
    language = forms.ChoiceField(label=_("Language you want to use"), choices=_appointment_language_choices)
    preferred_times = forms.CharField(
        label=_("When would suit you?"), max_length=200, widget=forms.Textarea(attrs={"rows": 2})
    )
    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.CharField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    message = forms.CharField(
        label=_("Anything else we should know"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("email") and not data.get("phone") and "email" not in self.errors:
            self.add_error("email", _("Give an e-mail address or a phone number, so that we can answer."))
        return data
