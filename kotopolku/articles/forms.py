from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kotopolku.articles.models import MAX_BODY_LENGTH, MAX_SUMMARY_LENGTH, MAX_TITLE_LENGTH
from kotopolku.catalogue.enums import LifeSituation
from kotopolku.core.public_languages import public_language_choices
from kotopolku.organisations.models import ServicePoint


class TranslationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE_LENGTH)
    summary = forms.CharField(label=_("Summary"), max_length=MAX_SUMMARY_LENGTH, required=False)
    body = forms.CharField(
        label=_("Text"),
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Separate paragraphs with an empty line."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ArticleCreateForm(TranslationForm):
    service_point = forms.ModelChoiceField(label=_("Service point"), queryset=ServicePoint.objects.none())
    slug = forms.SlugField(label=_("Short name in the address"), max_length=80)
    life_situation = forms.ChoiceField(label=_("Life situation"), choices=LifeSituation.choices)
    source_language = forms.ChoiceField(label=_("Language"), choices=public_language_choices(), initial="fi")

    field_order = ["service_point", "slug", "life_situation", "source_language", "title", "summary", "body"]

    def __init__(self, *args: Any, service_points: QuerySet[ServicePoint], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service_point"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = service_points
        if service_points.count() == 1:
            field.initial = service_points.first()
