from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kotopolku.articles.links import MAX_LINKS
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


class UUIDListField(forms.Field):
    """Several UUIDs sent under one name (checkboxes): each must be a UUID, at most ``limit``."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, limit: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.limit = limit

    def to_python(self, value: Any) -> list[UUID]:
        if value in self.empty_values:
            return []
        if not isinstance(value, list | tuple):
            raise forms.ValidationError(_("Choose from the list."))
        if len(value) > self.limit:
            raise forms.ValidationError(_("Choose at most %(count)d.") % {"count": self.limit})
        try:
            return list(dict.fromkeys(UUID(str(item)) for item in value))
        except ValueError:
            raise forms.ValidationError(_("Choose from the list.")) from None


class LinksForm(forms.Form):
    services = UUIDListField(label=_("Related services"), limit=MAX_LINKS, required=False)
    path_steps = UUIDListField(label=_("Steps of service paths"), limit=MAX_LINKS, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)
