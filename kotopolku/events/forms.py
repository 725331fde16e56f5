"""Staff and public forms of the events app. They parse what was typed; the services check it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kotopolku.clients.validators import validate_free_text, validate_plain_text
from kotopolku.contacts.languages import language_choices
from kotopolku.employers.models import Employer
from kotopolku.events import services
from kotopolku.events.enums import Attendance, EventKind, EventStatus, HeadCountGender, TargetGroup
from kotopolku.events.models import Event
from kotopolku.organisations.models import Organisation


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=EventStatus.choices)
    title_fi = forms.CharField(label=_("Title in Finnish"), max_length=200, validators=[validate_plain_text])
    description_fi = forms.CharField(
        label=_("Description in Finnish"), required=False, max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}), validators=[validate_free_text],
    )  # fmt: skip
    title_sv = forms.CharField(
        label=_("Title in Swedish"), max_length=200, required=False, validators=[validate_plain_text]
    )
    description_sv = forms.CharField(
        label=_("Description in Swedish"), required=False, max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}), validators=[validate_free_text],
    )  # fmt: skip
    title_en = forms.CharField(
        label=_("Title in English"), max_length=200, required=False, validators=[validate_plain_text]
    )
    description_en = forms.CharField(
        label=_("Description in English"), required=False, max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}), validators=[validate_free_text],
    )  # fmt: skip
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    place = forms.CharField(
        label=_("Place"), max_length=200, required=False, validators=[validate_plain_text]
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(label=_("Capacity"), required=False, min_value=1, max_value=100_000)
    registration_deadline = forms.DateTimeField(
        label=_("Registration closes"), widget=DateTimeInput(), required=False
    )
    public_registration = forms.BooleanField(label=_("Registration on the public site"), required=False)
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(label=_("Languages used"), choices=(), required=False)
    organiser_organisations = forms.ModelMultipleChoiceField(
        label=_("Organising partners"), queryset=Organisation.objects.filter(is_active=True), required=False
    )
    organiser_employers = forms.ModelMultipleChoiceField(
        label=_("Organising employers"), queryset=Employer.objects.none(), required=False
    )
    participating_organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations that took part (workshops)"),
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
    )

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices(get_language())  # type: ignore[attr-defined]
        self.fields["organiser_employers"].queryset = employers  # type: ignore[attr-defined]

    def data_object(self) -> services.EventData:
        data = self.cleaned_data
        return services.EventData(
            kind=data["kind"],
            status=data["status"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            titles={lang: data[f"title_{lang}"] for lang in ("fi", "sv", "en")},
            descriptions={lang: data[f"description_{lang}"] for lang in ("fi", "sv", "en")},
            place=data["place"],
            online_url=data["online_url"],
            capacity=data["capacity"],
            registration_deadline=data["registration_deadline"],
            public_registration=data["public_registration"],
            target_groups=data["target_groups"],
            languages=data["languages"],
            organiser_organisations=list(data["organiser_organisations"]),
            organiser_employers=list(data["organiser_employers"]),
            participating_organisations=list(data["participating_organisations"]),
        )

    @staticmethod
    def initial_for(event: Event) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(event, name)
            for name in ("kind", "status", "starts_at", "ends_at", "place", "online_url", "capacity",
                         "registration_deadline", "public_registration", "target_groups", "languages",
                         "version")
        }  # fmt: skip
        for text in event.texts.all():
            initial[f"title_{text.language}"] = text.title
            initial[f"description_{text.language}"] = text.description
        initial["organiser_organisations"] = list(event.organiser_organisations.values_list("pk", flat=True))
        initial["organiser_employers"] = list(event.organiser_employers.values_list("pk", flat=True))
        initial["participating_organisations"] = list(
            event.participating_organisations.values_list("pk", flat=True)
        )
        return initial


class RegistrationForm(forms.Form):
    """The public registration form. ``website`` is a honeypot: people leave it empty (it is
    hidden from them), form-filling robots do not."""

    name = forms.CharField(label=_("Name or nickname"), max_length=120, validators=[validate_plain_text])
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("The confirmation and a cancel link are sent here.")
    )
    phone = forms.CharField(
        label=_("Phone (optional)"), max_length=32, required=False, validators=[validate_plain_text]
    )
    language = forms.ChoiceField(label=_("Your language"), choices=())
    needs = forms.CharField(
        label=_("Needs (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_free_text],
        help_text=_("For example accessibility, an interpreter or child care."),
    )
    website = forms.CharField(label=_("Leave this empty"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(get_language())  # type: ignore[attr-defined]
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def data_object(self) -> services.RegistrationData:
        data = self.cleaned_data
        return services.RegistrationData(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            language=data["language"],
            needs=data["needs"],
        )


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(
        label=_("Attendance"),
        choices=[
            (Attendance.PRESENT, Attendance.PRESENT.label),
            (Attendance.ABSENT, Attendance.ABSENT.label),
        ],
        widget=forms.RadioSelect,
    )


class HeadCountForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=())
    gender = forms.ChoiceField(label=_("Gender"), choices=HeadCountGender.choices)
    count = forms.IntegerField(label=_("People"), min_value=0, max_value=100_000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(get_language())  # type: ignore[attr-defined]


class OutputForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_plain_text])
    note = forms.CharField(
        label=_("Note"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validate_free_text],
    )  # fmt: skip
    file = forms.FileField(label=_("File (at most 5 MB)"), required=False)


class LinkClientForm(forms.Form):
    client = forms.UUIDField(label=_("Client ID"), required=False)
