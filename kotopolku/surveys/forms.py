from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kotopolku.core.public_languages import public_language_choices
from kotopolku.organisations.models import ServicePoint
from kotopolku.surveys.enums import QuestionKind


class SurveyCreateForm(forms.Form):
    service_point = forms.ModelChoiceField(label=_("Service point"), queryset=ServicePoint.objects.none())
    language = forms.ChoiceField(label=_("Language"), choices=public_language_choices(), initial="fi")
    title = forms.CharField(label=_("Title"), max_length=200)

    def __init__(self, *args: Any, service_points: QuerySet[ServicePoint], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service_point"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = service_points


class SurveyTitleForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=public_language_choices())
    title = forms.CharField(label=_("Title"), max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput)


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=public_language_choices(), initial="fi")
    text = forms.CharField(label=_("Question"), max_length=500)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a choice question: one choice per line."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    measures_satisfaction = forms.BooleanField(
        label=_("Counts towards the average satisfaction"), required=False
    )


class QuestionTranslationForm(forms.Form):
    question = forms.UUIDField(widget=forms.HiddenInput)
    language = forms.ChoiceField(label=_("Language"), choices=public_language_choices())
    text = forms.CharField(label=_("Question"), max_length=500)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a choice question: one choice per line."),
    )


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
