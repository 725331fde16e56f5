from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.models import User
from kotopolku.appointments.enums import AppointmentChannel, AppointmentKind, InterpreterMode, Weekday
from kotopolku.appointments.models import MAX_NOTE, MAX_TEXT, StatusReason
from kotopolku.clients.validators import validate_free_text
from kotopolku.contacts.languages import language_choices
from kotopolku.organisations.models import Organisation, ServicePoint

LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class LocalDateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(input_formats=LOCAL_FORMATS, **kwargs)


def _text(
    label: Any, *, required: bool = False, limit: int = MAX_TEXT, area: bool = False
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        validators=[validate_free_text],
        widget=forms.Textarea(attrs={"rows": 3}) if area else forms.TextInput,
    )


class OrganisationField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Organisation.objects.filter(is_active=True).order_by("name"))
        super().__init__(to_field_name="uuid", **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return obj.name_in(get_language() or "fi")


class OrganisationsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Organisation.objects.filter(is_active=True).order_by("name"),
            to_field_name="uuid",
            **kwargs,
        )

    def label_from_instance(self, obj: Any) -> str:
        return obj.name_in(get_language() or "fi")


class LanguageField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=lambda: language_choices(get_language()), **kwargs)


class BookingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[c for c in AppointmentKind.choices if c[0] != AppointmentKind.POPUP]
    )
    service_point = forms.ModelChoiceField(
        label=_("Service point"), queryset=ServicePoint.objects.none(), to_field_name="uuid"
    )
    worker = forms.ModelChoiceField(label=_("Worker"), queryset=User.objects.none(), to_field_name="uuid")
    starts_at = LocalDateTimeField(label=_("Starts"))
    ends_at = LocalDateTimeField(label=_("Ends"))
    channel = forms.ChoiceField(label=_("Channel"), choices=AppointmentChannel.choices)
    meeting_link = forms.CharField(label=_("Meeting link"), required=False, max_length=500)
    location = _text(_("Place"))
    client = forms.UUIDField(label=_("Client"), required=False, widget=forms.HiddenInput)
    contact_name = _text(_("Contact person (when not a registered client)"))
    contact_organisation = _text(_("Contact person's organisation"))
    contact_email = forms.EmailField(label=_("Contact person's e-mail"), required=False)
    contact_phone = _text(_("Contact person's phone"), limit=20)
    language = LanguageField(label=_("Language of the reminders"))
    topic = _text(_("Topic"))
    partners = OrganisationsField(label=_("Partner organisations (joint appointment)"), required=False)

    def __init__(self, *args: Any, service_points: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_point"].queryset = service_points  # type: ignore[attr-defined]
        self.fields["worker"].queryset = workers  # type: ignore[attr-defined]


class StatusForm(forms.Form):
    reason = forms.ModelChoiceField(
        label=_("Reason"), queryset=StatusReason.objects.none(), to_field_name="code"
    )
    note = _text(_("Note"), limit=MAX_NOTE)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, for_no_show: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.queryset = StatusReason.objects.filter(active=True, for_no_show=for_no_show)  # type: ignore[attr-defined]
        field.label_from_instance = lambda obj: obj.name_in(get_language())  # type: ignore[attr-defined]


class InterpreterForm(forms.Form):
    language = LanguageField(label=_("Language"))
    mode = forms.ChoiceField(label=_("Mode"), choices=InterpreterMode.choices)
    provider = OrganisationField(label=_("Provider"))
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=600)
    cost = forms.DecimalField(label=_("Cost (€)"), min_value=0, max_digits=8, decimal_places=2)


class PopupBookingForm(forms.Form):
    client = forms.UUIDField(label=_("Client"), required=False, widget=forms.HiddenInput)
    contact_name = _text(_("Name (when not a registered client)"))
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    contact_phone = _text(_("Phone"), limit=20)
    language = LanguageField(label=_("Language of the reminders"))


class SeriesForm(forms.Form):
    organisation = OrganisationField(label=_("Authority"))
    title = _text(_("Title"), required=True)
    first_date = forms.DateField(label=_("First date"), widget=forms.DateInput(attrs={"type": "date"}))
    last_date = forms.DateField(label=_("Last date"), widget=forms.DateInput(attrs={"type": "date"}))
    interval_weeks = forms.IntegerField(label=_("Every … weeks"), min_value=1, max_value=8, initial=2)
    starts = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    slot_minutes = forms.IntegerField(
        label=_("Slot length (minutes)"), min_value=5, max_value=240, initial=20
    )
    location = _text(_("Place"))
    channel = forms.ChoiceField(label=_("Channel"), choices=AppointmentChannel.choices)


class SeriesChangeForm(forms.Form):
    starts = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    location = _text(_("Place"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AvailabilityForm(forms.Form):
    service_point = forms.ModelChoiceField(
        label=_("Service point"), queryset=ServicePoint.objects.none(), to_field_name="uuid"
    )
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=Weekday.choices, coerce=int)
    starts = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    slot_minutes = forms.IntegerField(
        label=_("Slot length (minutes)"), min_value=5, max_value=240, initial=30
    )

    def __init__(self, *args: Any, service_points: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_point"].queryset = service_points  # type: ignore[attr-defined]


class AbsenceForm(forms.Form):
    starts_at = LocalDateTimeField(label=_("From"))
    ends_at = LocalDateTimeField(label=_("Until"))
    note = _text(_("Note"))


class RequestForm(forms.Form):
    """The public "request an appointment" form. ``website`` is a trap for robots: people do
    not see it (hidden from view and from screen readers) and leave it empty."""

    service_point = forms.ModelChoiceField(
        label=_("Service point"), queryset=ServicePoint.objects.filter(is_active=True), to_field_name="uuid"
    )
    topic = _text(_("What is your matter?"), required=True)
    language = LanguageField(label=_("Language you want to use"))
    preferred_times = _text(_("When would suit you?"), required=True)
    name = _text(_("Your name"), required=True)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = _text(_("Phone"), limit=20)
    message = _text(_("Anything else we should know"), limit=MAX_NOTE, area=True)
    website = forms.CharField(required=False, label=_("Leave this empty"))


class ReportForm(forms.Form):
    month = forms.CharField(label=_("Month"), widget=forms.DateInput(attrs={"type": "month"}), max_length=7)

    def clean_month(self) -> tuple[int, int]:
        value = self.cleaned_data["month"]
        try:
            year, month = (int(part) for part in value.split("-"))
            if not (2000 <= year <= 2100 and 1 <= month <= 12):
                raise ValueError
        except ValueError:
            raise forms.ValidationError(_("Give the month as YYYY-MM.")) from None
        return year, month
