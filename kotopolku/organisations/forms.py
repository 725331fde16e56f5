from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kotopolku.organisations.enums import OrganisationKind
from kotopolku.organisations.models import Organisation
from kotopolku.organisations.theme import LOGO_MAX_BYTES, logo_type_of
from kotopolku.organisations.validators import normalise_business_id, validate_theme_colour


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or business ID"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any")), *OrganisationKind.choices]
    )

    def clean_q(self) -> str:
        return self.cleaned_data.get("q", "").strip()


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "name_sv",
            "name_en",
            "short_name",
            "kind",
            "business_id",
            "municipality",
            "website",
            "email",
            "phone",
        ]

    def clean_business_id(self) -> str:
        value = self.cleaned_data.get("business_id", "").strip()
        return normalise_business_id(value) if value else ""


class MunicipalityThemeForm(forms.Form):
    theme_colour = forms.CharField(
        label=_("Primary colour"),
        required=False,
        max_length=7,
        validators=[validate_theme_colour],
        help_text=_("A colour as # and six hexadecimal digits, e.g. #0b4f8a; empty keeps the product's own."),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or SVG, at most 200 kB; shown in the page header."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_theme_colour(self) -> str:
        return self.cleaned_data.get("theme_colour", "").strip().lower()

    def clean_logo(self) -> tuple[bytes, str] | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo is larger than 200 kB."), code="too_large")
        data = upload.read()
        content_type = logo_type_of(data)
        if content_type is None:
            raise forms.ValidationError(
                _("The logo must be a PNG, JPEG, WebP or SVG image."), code="not_an_image"
            )
        return data, content_type
