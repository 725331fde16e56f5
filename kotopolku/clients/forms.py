"""Forms of the client registry. The API validates through the same forms, so the UI and the API
give the same message for the same mistake."""

from __future__ import annotations

from typing import Any

from babel import Locale
from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from kotopolku.accounts.enums import STAFF_ROLES
from kotopolku.accounts.models import User
from kotopolku.clients.enums import CefrLevel, ConsentPurpose
from kotopolku.clients.models import Client
from kotopolku.clients.services import EDITABLE_FIELDS
from kotopolku.clients.validators import (
    identity_code_parse,
    partial_birth_date_check,
    phone_normalise,
    validate_free_text,
    validate_not_future,
    validate_plain_text,
)
from kotopolku.core.text import CleanTextFormMixin
from kotopolku.organisations.models import Municipality, ServicePoint


def _code_contradiction(date: str) -> str:
    return _("The identity code gives the birth date %(date)s, which differs from the one given.") % {
        "date": date
    }


NAME_FIELDS = ("given_names", "family_name", "given_names_latin", "family_name_latin")

IDENTIFIER_KINDS = [
    ("passport", gettext_lazy("Passport")),
    ("migri_customer_number", gettext_lazy("Migri customer number")),
    ("residence_card", gettext_lazy("Residence permit card")),
    ("national_id", gettext_lazy("National identity card")),
    ("other", gettext_lazy("Other identifier")),
]


def identifier_kind_label(kind: str) -> str:
    return str(dict(IDENTIFIER_KINDS).get(kind, kind))


def _locale() -> Locale:
    return Locale.parse((get_language() or "fi").split("-")[0])


def country_choices() -> list[tuple[str, str]]:
    """ISO 3166 alpha-2 countries, named in the UI language."""
    names = _locale().territories
    countries = [(code, name) for code, name in names.items() if len(code) == 2 and code.isalpha()]
    return sorted(countries, key=lambda item: item[1].casefold())


def country_name(code: str) -> str:
    return str(_locale().territories.get(code, code))


def language_choices() -> list[tuple[str, str]]:
    """ISO 639 languages (two- and three-letter codes), named in the UI language."""
    names = _locale().languages
    languages = [(code, name) for code, name in names.items() if code.isalpha() and len(code) in (2, 3)]
    return sorted(languages, key=lambda item: item[1].casefold())


def language_name(code: str) -> str:
    return str(_locale().languages.get(code, code))


def _safe(field: forms.Field) -> forms.Field:
    field.validators.append(validate_plain_text)
    return field


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class CountryInputs(forms.Widget):
    """Citizenships typed by name: a few text boxes sharing one list of country names to pick
    from while typing (an HTML datalist, so it works without JavaScript)."""

    rows = 3
    is_group = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        return [values] if isinstance(values, str) else list(values)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data

    def display_values(self, value: Any) -> list[str]:
        if not value:
            return []
        return [country_name(item) if len(item) == 2 and item.isupper() else item for item in value]

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        attrs = dict(attrs or {})
        base_id = attrs.pop("id", f"id_{name}")
        described = attrs.pop("aria-describedby", "")
        invalid = attrs.pop("aria-invalid", "")
        values = self.display_values(value)
        count = max(self.rows, len(values) + 1)
        inputs = []
        for index in range(count):
            label = _("Citizenship %(number)s") % {"number": index + 1}
            inputs.append(
                format_html(
                    '<div class="kp-field hds-text-input">'
                    '<label class="hds-text-input__label" for="{}_{}">{}</label>'
                    '<div class="hds-text-input__input-wrapper">'
                    '<input class="hds-text-input__input" type="text" name="{}" id="{}_{}" value="{}" '
                    'list="country-names" autocomplete="off" maxlength="80"{}{}>'
                    "</div></div>",
                    base_id,
                    index,
                    label,
                    name,
                    base_id,
                    index,
                    values[index] if index < len(values) else "",
                    format_html(' aria-describedby="{}"', described) if described else "",
                    format_html(' aria-invalid="{}"', invalid) if invalid else "",
                )
            )
        options = format_html_join(
            "", '<option value="{}"></option>', ((label,) for _code, label in country_choices())
        )
        return format_html(
            '<div class="kp-columns">{}</div><datalist id="country-names">{}</datalist>',
            mark_safe("".join(inputs)),  # noqa: S308 - each part escaped by format_html
            options,
        )


def _country_codes_by_name() -> dict[str, str]:
    """Country names in the staff languages and ISO codes, case-folded, to their ISO code."""
    names: dict[str, str] = {}
    for language in ("fi", "sv", "en"):
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha():
                names[str(name).casefold()] = code
                names[code.casefold()] = code
    return names


class CountriesField(forms.Field):
    widget = CountryInputs
    default_error_messages = {
        "unknown": gettext_lazy(
            "“%(value)s” is not a country on the list. Type its name in Finnish, Swedish or English "
            "and pick it from the suggestions."
        )
    }

    def to_python(self, value: Any) -> list[str]:
        typed = [str(item).strip() for item in (value or []) if str(item).strip()]
        known = _country_codes_by_name()
        codes = []
        for item in typed:
            code = known.get(item.casefold())
            if code is None:
                raise ValidationError(
                    self.error_messages["unknown"], code="unknown", params={"value": item[:80]}
                )
            codes.append(code)
        return list(dict.fromkeys(codes))


class ClientForm(CleanTextFormMixin, forms.ModelForm[Client]):
    citizenships = CountriesField(
        label=gettext_lazy("Citizenships"),
        required=False,
        help_text=gettext_lazy(
            "Type the country's name and pick it from the suggestions; one country a box."
        ),
    )
    consents = forms.MultipleChoiceField(
        label=gettext_lazy("Consents the client gives now"),
        required=False,
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Ask the client; each consent is recorded with your name and today's date."),
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("Finnish numbers may be written without +358."),
    )
    personal_identity_code = forms.CharField(
        label=gettext_lazy("Personal identity code"),
        required=False,
        max_length=20,
        help_text=gettext_lazy("Optional. Fills in the birth date when it is empty."),
    )
    birth_year = forms.IntegerField(label=gettext_lazy("Birth year"), required=False)
    birth_month = forms.IntegerField(label=gettext_lazy("Birth month"), required=False)
    birth_day = forms.IntegerField(label=gettext_lazy("Birth day"), required=False)

    class Meta:
        model = Client
        # The identity-code flag is derived from the code, never entered.
        fields = [name for name in EDITABLE_FIELDS if name != "identity_code_is_temporary"]
        widgets = {"arrival_date": DateInput(), "permit_expires": DateInput()}

    def __init__(self, *args: Any, service_point: ServicePoint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service_point = service_point
        for name in NAME_FIELDS:
            _safe(self.fields[name])
        _safe(self.fields["email"])
        self.fields["permit_type"].validators.append(validate_free_text)
        self.fields["arrival_date"].validators.append(validate_not_future)
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ModelChoiceField)
        language = get_language() or "fi"
        municipality.queryset = Municipality.objects.order_by("name_fi")
        municipality.label_from_instance = lambda m: m.name_in(language)  # type: ignore[method-assign,assignment]
        worker = self.fields["responsible_worker"]
        assert isinstance(worker, forms.ModelChoiceField)
        worker.queryset = (
            User.objects.filter(
                is_active=True,
                memberships__service_point=service_point,
                memberships__role__in=[str(role) for role in STAFF_ROLES],
            )
            .distinct()
            .order_by("full_name")
        )
        worker.help_text = _("A staff member of %(service_point)s.") % {"service_point": service_point.name}

    def clean_phone(self) -> str:
        return phone_normalise(self.cleaned_data.get("phone") or "")

    def clean_personal_identity_code(self) -> str:
        value = (self.cleaned_data.get("personal_identity_code") or "").strip()
        if not value:
            return ""
        return identity_code_parse(value).code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any(name in self.errors for name in NAME_FIELDS) and not any(
            (cleaned.get(name) or "").strip() for name in NAME_FIELDS
        ):
            # Said at the first name field, the one a person fills first.
            self.add_error("given_names", _("Give at least one name: a given name or a family name."))
        birth: dict[str, Any] = {
            name: cleaned.get(name) for name in ("birth_year", "birth_month", "birth_day")
        }
        for name in birth:
            if name in self.errors:
                return cleaned
        code = cleaned.get("personal_identity_code")
        cleaned["identity_code_is_temporary"] = False
        if code:
            parsed = identity_code_parse(code)
            cleaned["identity_code_is_temporary"] = parsed.is_temporary
            from_code: dict[str, Any] = {
                "birth_year": parsed.birth_date.year,
                "birth_month": parsed.birth_date.month,
                "birth_day": parsed.birth_date.day,
            }
            if all(value is None for value in birth.values()):
                cleaned.update(from_code)
                birth = from_code
            else:
                for name, value in birth.items():
                    if value is not None and value != from_code[name]:
                        self.add_error(
                            "personal_identity_code",
                            _code_contradiction(parsed.birth_date.strftime("%d.%m.%Y")),
                        )
                        break
        for name, message in partial_birth_date_check(
            birth["birth_year"], birth["birth_month"], birth["birth_day"]
        ).items():
            self.add_error(name, message)
        return cleaned

    def client_fields(self) -> dict[str, Any]:
        """The cleaned values as Client attributes, for the services."""
        values = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        values["identity_code_is_temporary"] = self.cleaned_data.get("identity_code_is_temporary", False)
        for name in (*NAME_FIELDS, "phone", "email", "permit_type", "personal_identity_code"):
            values[name] = (values[name] or "").strip()
        values["citizenships"] = list(dict.fromkeys(values["citizenships"] or []))
        return values


class LanguageForm(CleanTextFormMixin, forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    level = forms.ChoiceField(
        label=gettext_lazy("Level"), required=False, choices=[("", "—"), *CefrLevel.choices]
    )
    needs_interpreter = forms.BooleanField(label=gettext_lazy("Needs an interpreter"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "—"), *language_choices()]  # type: ignore[attr-defined]


class IdentifierForm(CleanTextFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), required=False, choices=[("", "—"), *IDENTIFIER_KINDS]
    )
    value = forms.CharField(label=gettext_lazy("Identifier"), required=False, max_length=64)
    issuing_country = forms.ChoiceField(label=gettext_lazy("Issuing country"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].validators.append(validate_plain_text)
        self.fields["issuing_country"].choices = [("", "—"), *country_choices()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        value = (cleaned.get("value") or "").strip()
        cleaned["value"] = value
        if value and not cleaned.get("kind"):
            self.add_error("kind", _("Choose what kind of identifier this is."))
        if cleaned.get("kind") and not value:
            self.add_error("value", _("Give the identifier."))
        return cleaned


class BaseRowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    key = ""

    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            value = form.cleaned_data.get(self.key)
            if not value:
                continue
            if self.key == "language" and value in seen:
                raise ValidationError(_("Each language may be listed once."))
            seen.add(value)


def formset_rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:  # type: ignore[type-arg]
    """The filled rows of a valid language or identifier formset."""
    key = getattr(formset, "key", "")
    return [dict(form.cleaned_data) for form in formset.forms if form.cleaned_data.get(key)]


class LanguageFormSetBase(BaseRowFormSet):
    key = "language"


class IdentifierFormSetBase(BaseRowFormSet):
    key = "value"


LanguageFormSet = forms.formset_factory(LanguageForm, formset=LanguageFormSetBase, extra=2, max_num=20)
IdentifierFormSet = forms.formset_factory(IdentifierForm, formset=IdentifierFormSetBase, extra=1, max_num=20)


class ConsentForm(CleanTextFormMixin, forms.Form):
    purpose = forms.ChoiceField(label=gettext_lazy("Purpose"), choices=ConsentPurpose.choices)


class ConfirmForm(CleanTextFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that this cannot be undone."),
        required=True,
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )


def client_initial(client: Client) -> dict[str, Any]:
    """The client's current values as form data (also the base a PATCH is applied to)."""
    return {
        "given_names": client.given_names,
        "family_name": client.family_name,
        "given_names_latin": client.given_names_latin,
        "family_name_latin": client.family_name_latin,
        "birth_year": client.birth_year,
        "birth_month": client.birth_month,
        "birth_day": client.birth_day,
        "gender": client.gender,
        "citizenships": list(client.citizenships),
        "phone": client.phone,
        "email": client.email,
        "municipality": client.municipality_id,
        "arrival_date": client.arrival_date.isoformat() if client.arrival_date else None,
        "residence_basis": client.residence_basis,
        "permit_type": client.permit_type,
        "permit_expires": client.permit_expires.isoformat() if client.permit_expires else None,
        "personal_identity_code": client.personal_identity_code,
        "responsible_worker": client.responsible_worker_id,
    }
