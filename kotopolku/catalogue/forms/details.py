"""Staff forms for the small items of a service: phones, contacts, prices and opening hours.

Each form knows the service it serves: the places an item may belong to (the service, one of
its contacts, the service at one location, a location) are offered as ``owner`` choices built
from that service only, so an identifier of another service's row is a field error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import phonenumbers
from babel.numbers import list_currencies
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kotopolku.catalogue.enums import EDIT_LANGUAGES, PhoneType, ScheduleKind, Weekday
from kotopolku.catalogue.forms import LANGUAGE_NAMES
from kotopolku.catalogue.models import Contact, CostOption, Phone, Schedule, Service, TextsMixin
from kotopolku.catalogue.templatetags.catalogue_tags import current_language, tr
from kotopolku.core.text import CleanTextFormMixin

PHONE_REGION = "FI"
MAX_AMOUNT = Decimal("1000000")
CURRENCIES = frozenset(list_currencies())
# Every field here is one line: no C0 controls at all (not even line breaks), no DEL, no bidi
# embeddings, overrides or isolates (the free-text fields elsewhere may keep line breaks).
_FORBIDDEN_IN_LINE = re.compile("[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


class CleanLineMixin(CleanTextFormMixin):
    """Every text value of the form is one line without control or bidi-override characters."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and _FORBIDDEN_IN_LINE.search(value):
                self.add_error(  # type: ignore[attr-defined]
                    name,
                    ValidationError(
                        _("Remove control characters and text-direction override characters."),
                        code="control_characters",
                    ),
                )
        return cleaned


def phone_number_clean(value: str) -> str:
    """A number as the catalogue shows it: international format (``+358 16 3222500``).

    Finnish numbers may be written without the country code; Finnish short service numbers
    (``116 117``) are kept as their digits.
    """
    value = value.strip()
    if _FORBIDDEN_IN_LINE.search(value):
        raise ValidationError(
            _("Remove control characters and text-direction override characters."), code="control_characters"
        )
    try:
        number = phonenumbers.parse(value, PHONE_REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(_("This is not a phone number."), code="phone") from None
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if not value.startswith("+") and phonenumbers.is_valid_short_number_for_region(number, PHONE_REGION):
        return str(number.national_number)
    raise ValidationError(_("This phone number is not possible. Check the digits."), code="phone")


# --- Whose item: the service, a contact, the service at a location, a location -------------


@dataclass(frozen=True)
class Owner:
    """One choice of where an item belongs: ``fields`` are the model's owner foreign keys."""

    key: str
    label: str
    fields: dict[str, Any] = field(default_factory=dict)


def _place_label(link: Any, language: str) -> str:
    return tr(link.location, "name", language) or str(link.location.uuid)


def owners_of(service: Service, *, contacts: bool, locations: bool) -> list[Owner]:
    """Where a phone (or opening hours) of ``service`` may belong, labelled in the reader's
    language. Reads ``service.contacts`` and ``service.service_at_locations`` with their
    locations' translations: prefetch them (the views do) to keep the page's queries fixed."""
    language = current_language()
    result = [Owner("service", str(_("The service")), {"service": service})]
    if contacts:
        for contact in service.contacts.all():
            result.append(
                Owner(
                    f"contact:{contact.uuid}",
                    str(format_lazy("{}: {}", _("Contact"), str(contact) or contact.uuid)),
                    {"contact": contact},
                )
            )
    places = [(link, _place_label(link, language)) for link in service.service_at_locations.all()]
    for link, place in places:
        result.append(
            Owner(
                f"place:{link.uuid}",
                str(_("This service at %(place)s") % {"place": place}),
                {"service_at_location": link},
            )
        )
    if locations:
        for link, place in places:
            result.append(
                Owner(
                    f"location:{link.location.uuid}",
                    str(_("%(place)s, for every service there") % {"place": place}),
                    {"location": link.location},
                )
            )
    return result


def owner_key(row: Any) -> str:
    """The ``owner`` choice of an existing phone or schedule."""
    if getattr(row, "contact_id", None):
        return f"contact:{row.contact.uuid}"
    if row.service_at_location_id:
        return f"place:{row.service_at_location.uuid}"
    if row.location_id:
        return f"location:{row.location.uuid}"
    return "service"


OWNER_FIELDS = ("service", "location", "service_at_location", "contact")


class OwnerMixin:
    """An ``owner`` select whose choices are the given :class:`Owner` rows."""

    owners: dict[str, Owner]

    def _set_owners(self, owners: list[Owner], label: Any) -> None:
        self.owners = {owner.key: owner for owner in owners}
        self.fields["owner"] = forms.ChoiceField(  # type: ignore[attr-defined]
            label=label, choices=[(owner.key, owner.label) for owner in owners]
        )
        self.order_fields(["owner"])  # type: ignore[attr-defined]

    def apply_owner(self, row: Any) -> Any:
        """Point ``row``'s owner foreign keys at the chosen owner (the others to nothing)."""
        owner = self.owners[self.cleaned_data["owner"]]  # type: ignore[attr-defined]
        for name in OWNER_FIELDS:
            if hasattr(row, f"{name}_id"):
                setattr(row, name, owner.fields.get(name))
        return row


# --- Per-language short texts (``texts`` of a sub-item) -----------------------------------


class TextsFormMixin:
    """Adds one field per edit language for each of ``text_fields`` (``{name}_{language}``)."""

    text_fields: tuple[tuple[str, Any, int], ...] = ()

    def _add_text_fields(self, row: TextsMixin | None) -> None:
        for name, label, max_length in self.text_fields:
            for code in EDIT_LANGUAGES:
                key = f"{name}_{code}"
                self.fields[key] = forms.CharField(  # type: ignore[attr-defined]
                    label=format_lazy("{} ({})", label, LANGUAGE_NAMES[code]),
                    max_length=max_length,
                    required=False,
                    widget=forms.TextInput(attrs={"lang": code}),
                )
                if row is not None and row.pk:
                    self.initial.setdefault(key, (row.texts or {}).get(code, {}).get(name, ""))  # type: ignore[attr-defined]

    def texts(self) -> dict[str, dict[str, str]]:
        """``{"fi": {"description": "…"}}`` from the cleaned data; empty fields left out."""
        data = self.cleaned_data  # type: ignore[attr-defined]
        result: dict[str, dict[str, str]] = {}
        for name, _label, _max in self.text_fields:
            for code in EDIT_LANGUAGES:
                value = (data.get(f"{name}_{code}") or "").strip()
                if value:
                    result.setdefault(code, {})[name] = value
        return result


# --- Phones ------------------------------------------------------------------------------


class PhoneForm(OwnerMixin, TextsFormMixin, CleanLineMixin, forms.ModelForm):
    text_fields = (("description", _("Description"), 300),)

    number = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        help_text=_("For example 016 322 2500 or +358 16 322 2500."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    extension = forms.IntegerField(label=_("Extension"), required=False, min_value=0, max_value=999_999)

    class Meta:
        model = Phone
        fields = ["number", "extension", "type"]

    def __init__(self, *args: Any, owners: list[Owner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_owners(owners, _("Number of"))
        self.fields["type"].required = True
        self.fields["type"].choices = PhoneType.choices  # type: ignore[attr-defined]
        self._add_text_fields(self.instance)
        if self.instance.pk:
            self.initial.setdefault("owner", owner_key(self.instance))

    def clean_number(self) -> str:
        return phone_number_clean(self.cleaned_data.get("number", ""))


# --- Contacts ----------------------------------------------------------------------------


class ContactForm(CleanLineMixin, forms.ModelForm):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    department = forms.CharField(
        label=_("Desk or department"),
        max_length=200,
        required=False,
        help_text=_("For a desk rather than a person, e.g. “Customer service”."),
    )
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)

    class Meta:
        model = Contact
        fields = ["name", "title", "department", "email"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("name") or cleaned.get("department")):
            self.add_error("name", _("Give the contact person's name or the desk."))
        return cleaned


# --- Prices ------------------------------------------------------------------------------


class CostOptionForm(TextsFormMixin, CleanLineMixin, forms.ModelForm):
    text_fields = (
        ("option", _("What the price is for"), 300),
        ("amount_description", _("About the amount"), 500),
    )

    amount = forms.DecimalField(
        label=_("Amount"),
        required=False,
        min_value=Decimal(0),
        max_value=MAX_AMOUNT,
        max_digits=10,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    currency = forms.CharField(
        label=_("Currency"),
        max_length=3,
        min_length=3,
        required=False,
        initial="EUR",
        help_text=_("ISO 4217 code, e.g. EUR"),
    )

    class Meta:
        model = CostOption
        fields = ["amount", "currency", "valid_from", "valid_to"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._add_text_fields(self.instance)

    def clean_currency(self) -> str:
        code = (self.cleaned_data.get("currency") or "").strip().upper()
        if code and code not in CURRENCIES:
            raise ValidationError(_("Give an ISO 4217 currency code such as EUR."), code="currency")
        return code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            cleaned.get("amount") is not None
            and not cleaned.get("currency")
            and "currency" not in self.errors
        ):
            self.add_error("currency", _("Give the currency of the amount."))
        first, last = cleaned.get("valid_from"), cleaned.get("valid_to")
        if first and last and first > last:
            self.add_error("valid_to", _("The end date is before the start date."))
        if (
            not self.errors
            and cleaned.get("amount") is None
            and not any(cleaned.get(f"option_{code}") for code in EDIT_LANGUAGES)
        ):
            self.add_error("amount", _("Give the amount or say what the price is for."))
        return cleaned


# --- Opening hours -----------------------------------------------------------------------


class ScheduleForm(OwnerMixin, TextsFormMixin, CleanLineMixin, forms.ModelForm):
    """One rule of opening hours of the service, of the service at a location, or of a location."""

    text_fields = (("description", _("Note"), 300),)

    days = forms.MultipleChoiceField(
        label=_("Weekdays"), choices=Weekday.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Schedule
        fields = ["kind", "opens_at", "closes_at", "is_closed", "valid_from", "valid_to"]
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"closes_at": _("A closing time before the opening time means after midnight.")}

    def __init__(self, *args: Any, owners: list[Owner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_owners(owners, _("For"))
        schedule: Schedule = self.instance
        if schedule.pk:
            self.initial.setdefault("owner", owner_key(schedule))
            self.initial.setdefault(
                "days", [code for code in Weekday.values if code in schedule.byday.split(",")]
            )
        self._add_text_fields(schedule)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("kind") == ScheduleKind.REGULAR and not cleaned.get("days"):
            self.add_error("days", _("Choose the weekdays of the regular hours."))
        return cleaned

    def _post_clean(self) -> None:  # type: ignore[misc]
        # The model's own checks (both times given, an exception's date …) need the owner and
        # the weekdays in place first.
        if "owner" in self.cleaned_data:
            self.apply_owner(self.instance)
        self.apply(self.instance)
        super()._post_clean()  # type: ignore[misc]

    def apply(self, schedule: Schedule) -> Schedule:
        data = self.cleaned_data
        if data.get("kind") == ScheduleKind.REGULAR:
            schedule.freq = "WEEKLY"
            schedule.byday = ",".join(day for day in Weekday.values if day in set(data.get("days") or []))
        elif data.get("kind") == ScheduleKind.EXCEPTION and schedule.freq == "WEEKLY":
            schedule.freq = ""
            schedule.byday = ""
        texts = self.texts()
        for code in EDIT_LANGUAGES:
            schedule.set_text("description", code, texts.get(code, {}).get("description", ""))
        return schedule


__all__ = [
    "ContactForm",
    "CostOptionForm",
    "Owner",
    "PhoneForm",
    "ScheduleForm",
    "owners_of",
    "phone_number_clean",
]
