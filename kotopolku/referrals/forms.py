from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kotopolku.catalogue.models import Service
from kotopolku.clients.validators import validate_free_text
from kotopolku.organisations.models import Organisation
from kotopolku.referrals.enums import ReferralStatus, SharedField
from kotopolku.referrals.models import MAX_MESSAGE_LENGTH, MAX_NOTE_LENGTH, MAX_REASON_LENGTH


class OrganisationChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return obj.name_in(get_language() or "fi")


class ServiceChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        language = get_language() or "fi"
        names = {t.language: t.name for t in obj.translations.all()}
        return names.get(language) or names.get("fi") or next(iter(names.values()), str(obj.uuid))


class ReferralForm(forms.Form):
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        required=False,
        label=_("Partner organisation"),
        to_field_name="uuid",
        help_text=_("Where no service of the catalogue fits."),
    )
    service = ServiceChoiceField(
        queryset=Service.objects.active().prefetch_related("translations").order_by("id"),
        required=False,
        label=_("Service"),
        to_field_name="uuid",
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_REASON_LENGTH,
        validators=[validate_free_text],
    )
    message = forms.CharField(
        label=_("What the partner needs to know"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_MESSAGE_LENGTH,
        required=False,
        validators=[validate_free_text],
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("Client data shared with the partner"),
        choices=SharedField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[SharedField.NAME],
    )
    consent_now = forms.BooleanField(
        label=_("The client consents to sharing this data with the partner (record the consent now)"),
        required=False,
    )
    send_now = forms.BooleanField(label=_("Send at once"), required=False, initial=True)
    override_reason = forms.CharField(
        label=_("Reason for sending without the client's consent (coordinators only)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_NOTE_LENGTH,
        required=False,
        validators=[validate_free_text],
    )

    # Where the referral comes from (a plan step: "casework.step" and its id), carried from the
    # link that opened the form so that the step can follow the referral's progress.
    source_type = forms.RegexField(
        regex=r"^[a-z_]{1,30}\.[a-z_]{1,30}$", required=False, widget=forms.HiddenInput
    )
    source_id = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, may_override: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_override:
            del self.fields["override_reason"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("source_type")) != bool(cleaned.get("source_id")):
            cleaned["source_type"], cleaned["source_id"] = "", None
        return cleaned


class TransitionForm(forms.Form):
    """A note or reason for a step of the lifecycle, with the version the user saw."""

    text = forms.CharField(
        label=_("Reason or note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_NOTE_LENGTH,
        required=False,
        validators=[validate_free_text],
    )
    override_reason = forms.CharField(
        label=_("Reason for sending without the client's consent (coordinators only)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_NOTE_LENGTH,
        required=False,
        validators=[validate_free_text],
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *ReferralStatus.choices], required=False
    )
    waiting = forms.IntegerField(
        label=_("Sent and unanswered for more than (days)"), min_value=0, max_value=365, required=False
    )


class CodeForm(forms.Form):
    code = forms.CharField(label=_("One-time code"), max_length=12)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_NOTE_LENGTH,
        required=False,
        validators=[validate_free_text],
    )


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *[c for c in ReferralStatus.choices if c[0] != ReferralStatus.DRAFT]],
        required=False,
    )
