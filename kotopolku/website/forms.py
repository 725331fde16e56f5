"""Forms of the public site. Every message is the site's own (translated into every public
language), not Django's: no English is left on a Somali page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotopolku.catalogue.enums import LifeSituation
from kotopolku.core.public_languages import PLAIN_FINNISH, PUBLIC_LANGUAGES, public_language_choices
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
