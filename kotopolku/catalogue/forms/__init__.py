"""Staff forms of the service catalogue."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kotopolku.catalogue.enums import EDIT_LANGUAGES, ChannelKind, TaxonomyKey
from kotopolku.catalogue.models import Location, Service, TaxonomyTerm
from kotopolku.catalogue.models.base import validate_language_code
from kotopolku.core.text import CleanTextFormMixin
from kotopolku.organisations.models import Municipality, Organisation

# C0 controls and DEL, bidi embeddings/overrides and isolates; free text may keep \t \n \r.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
LANGUAGE_NAMES = {"fi": _("Finnish"), "sv": _("Swedish"), "en": _("English")}


def validate_text(value: Any) -> None:
    if isinstance(value, str) and _FORBIDDEN.search(value):
        raise ValidationError(_("Remove control characters and text-direction override characters."))


class CleanTextMixin(CleanTextFormMixin):
    """Every text field of the form refuses control and bidi-override characters; one-line
    fields (names) refuse line breaks and tabs and lose zero-width characters."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        for name, value in list(cleaned.items()):
            try:
                validate_text(value)
            except ValidationError as error:
                self.add_error(name, error)  # type: ignore[attr-defined]
        return cleaned


def term_choices() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Classification (PTV)"),
        queryset=TaxonomyTerm.objects.filter(
            taxonomy__key__in=[key.value for key in TaxonomyKey], is_active=True
        ).select_related("taxonomy"),
        required=False,
        help_text=_("Service classes, target groups and life events."),
    )


class ServiceSearchForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Name or words"), required=False, max_length=200)
    term = forms.ModelChoiceField(
        label=_("Service class"),
        queryset=TaxonomyTerm.objects.filter(taxonomy__key=TaxonomyKey.SERVICE_CLASSES, parent__isnull=True),
        required=False,
        empty_label=_("Any"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        empty_label=_("Any"),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.all(), required=False, empty_label=_("Any")
    )

    def __init__(self, *args: Any, language: str = "fi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term"].label_from_instance = lambda term: term.label_in(language)  # type: ignore[attr-defined]
        self.fields["municipality"].label_from_instance = lambda m: m.name_in(language)  # type: ignore[attr-defined]


class ServiceForm(CleanTextMixin, forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=ChannelKind.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    e_service_url = forms.URLField(
        label=_("E-service address"), required=False, max_length=500, assume_scheme="https"
    )
    languages = forms.CharField(
        label=_("Languages served"),
        required=False,
        max_length=300,
        help_text=_("ISO 639 codes separated by commas, e.g. fi, sv, en, ar"),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Service area (municipalities)"), queryset=Municipality.objects.all(), required=False
    )

    class Meta:
        model = Service
        fields = ["organisation", "status", "url", "email", "fees", "minimum_age", "maximum_age"]
        widgets = {"url": forms.URLInput(attrs={"inputmode": "url"})}

    def __init__(self, *args: Any, language: str = "fi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = True
        self.fields["terms"] = term_choices()
        self.fields["municipalities"].label_from_instance = lambda m: m.name_in(language)  # type: ignore[attr-defined]
        self.fields["terms"].label_from_instance = (  # type: ignore[attr-defined]
            lambda t: f"{t.taxonomy.name_in(language)}: {t.code} {t.label_in(language)}"
        )
        service: Service = self.instance
        if service.pk:
            self.initial.setdefault("channels", list(service.channels.values_list("kind", flat=True)))
            e_service = service.channels.filter(kind=ChannelKind.E_SERVICE).first()
            self.initial.setdefault("e_service_url", e_service.url if e_service else "")
            self.initial.setdefault("languages", ", ".join(service.languages.values_list("code", flat=True)))
            self.initial.setdefault(
                "municipalities",
                list(
                    service.service_areas.filter(municipality__isnull=False).values_list(
                        "municipality_id", flat=True
                    )
                ),
            )
            self.initial.setdefault("terms", list(service.classifications.values_list("term_id", flat=True)))

    def clean_languages(self) -> list[str]:
        codes = [
            code.strip().lower() for code in self.cleaned_data.get("languages", "").split(",") if code.strip()
        ]
        for code in codes:
            try:
                validate_language_code(code)
            except ValidationError as error:
                raise ValidationError(
                    _("“%(code)s” is not an ISO 639 language code."), params={"code": code[:20]}
                ) from error
        return codes

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        low, high = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", _("The maximum age is below the minimum age."))
        return cleaned


class ServiceTextForm(CleanTextMixin, forms.Form):
    """A service's texts in one language (the form's prefix is the language code)."""

    name = forms.CharField(label=_("Name"), max_length=300, required=False)
    alternate_name = forms.CharField(label=_("Alternate name"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=8000
    )
    eligibility_description = forms.CharField(
        label=_("Eligibility"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )
    application_process = forms.CharField(
        label=_("How to apply"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )
    fees_description = forms.CharField(
        label=_("Fees"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    documents = forms.CharField(
        label=_("Required documents"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_("One document per line, in the same order in every language."),
    )

    def __init__(self, *args: Any, language: str, required: bool = False, **kwargs: Any) -> None:
        kwargs["prefix"] = language
        super().__init__(*args, **kwargs)
        self.language = language
        self.language_name = LANGUAGE_NAMES.get(language, language)
        self.legend = self.language_name  # names the language in a list of changed fields
        self.fields["name"].required = required

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        texts = [v for k, v in cleaned.items() if k != "name" and v]
        if texts and not cleaned.get("name") and "name" not in self.errors:
            self.add_error("name", _("Give the name in this language too."))
        return cleaned


def service_text_forms(
    data: Any, service: Service | None, overrides: Mapping[str, Mapping[str, Any]] | None = None
) -> list[ServiceTextForm]:
    """One form per edit language; ``overrides`` (by language) replace the stored texts."""
    initial: dict[str, dict[str, str]] = {}
    if service is not None and service.pk:
        for row in service.translations.all():
            initial[row.language] = {
                field: getattr(row, field) for field in ServiceTextForm.base_fields if hasattr(row, field)
            }
        for document in service.required_documents.order_by("position", "id"):
            for language, fields in (document.texts or {}).items():
                if fields.get("document"):
                    entry = initial.setdefault(language, {})
                    entry["documents"] = (entry.get("documents", "") + "\n" + fields["document"]).strip()
    return [
        ServiceTextForm(
            data,
            language=code,
            required=code == "fi",
            initial={**initial.get(code, {}), **(overrides or {}).get(code, {})},
        )
        for code in EDIT_LANGUAGES
    ]


class LocationForm(CleanTextMixin, forms.ModelForm):
    address_1 = forms.CharField(label=_("Street address"), max_length=300, required=False)
    postal_code = forms.RegexField(label=_("Postal code"), regex=r"^\d{5}$", required=False, max_length=5)
    city = forms.CharField(label=_("Post office"), max_length=100, required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.all(), required=False
    )

    class Meta:
        model = Location
        fields = ["organisation", "location_type", "url", "latitude", "longitude"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        location: Location = self.instance
        address = location.addresses.order_by("id").first() if location.pk else None
        if address is not None:
            for field in ("address_1", "postal_code", "city", "municipality"):
                self.initial.setdefault(
                    field, getattr(address, field + ("_id" if field == "municipality" else ""))
                )

    def address(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data.get("address_1"):
            return None
        return {
            "address_1": data["address_1"],
            "postal_code": data.get("postal_code") or "",
            "city": data.get("city") or "",
            "municipality": data.get("municipality"),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("address_1") and not (cleaned.get("postal_code") and cleaned.get("city")):
            self.add_error("city", _("Give the postal code and the post office of the address."))
        return cleaned


class LocationTextForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )
    transportation = forms.CharField(
        label=_("How to get there"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    accessibility = forms.CharField(
        label=_("Accessibility"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )

    def __init__(self, *args: Any, language: str, required: bool = False, **kwargs: Any) -> None:
        kwargs["prefix"] = language
        super().__init__(*args, **kwargs)
        self.language = language
        self.language_name = LANGUAGE_NAMES.get(language, language)
        self.legend = self.language_name  # names the language in a list of changed fields
        self.fields["name"].required = required


def location_text_forms(
    data: Any, location: Location | None, overrides: Mapping[str, Mapping[str, Any]] | None = None
) -> list[LocationTextForm]:
    """One form per edit language; ``overrides`` (by language) replace the stored texts."""
    initial: dict[str, dict[str, str]] = {}
    if location is not None and location.pk:
        for row in location.translations.all():
            initial[row.language] = {
                "name": row.name,
                "description": row.description,
                "transportation": row.transportation,
            }
        access = location.accessibility.order_by("id").first()
        if access is not None:
            for language, fields in (access.texts or {}).items():
                initial.setdefault(language, {})["accessibility"] = fields.get("description", "")
    return [
        LocationTextForm(
            data,
            language=code,
            required=code == "fi",
            initial={**initial.get(code, {}), **(overrides or {}).get(code, {})},
        )
        for code in EDIT_LANGUAGES
    ]
