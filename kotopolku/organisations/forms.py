from __future__ import annotations

from django import forms

from kotopolku.core.text import CleanTextFormMixin
from kotopolku.organisations.models import Organisation
from kotopolku.organisations.validators import normalise_business_id


class OrganisationForm(CleanTextFormMixin, forms.ModelForm):
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
