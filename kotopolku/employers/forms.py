"""Staff forms of the employers app. They parse what was typed; the services check it (one set
of messages for the forms and the API)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kotopolku.clients.validators import validate_free_text, validate_plain_text
from kotopolku.contacts.languages import language_choices
from kotopolku.employers import services
from kotopolku.employers.enums import (
    ActivityKind,
    OpeningStatus,
    OpeningVisibility,
    PilotStatus,
    PlacementKind,
    ProposalResult,
    SizeClass,
    TravelRange,
    WorkingHours,
)
from kotopolku.employers.models import Employer, IndustryClass
from kotopolku.employers.occupations import unit_groups
from kotopolku.organisations.models import Municipality


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _text(
    label: Any, *, max_length: int, required: bool = False, free: bool = False, **kwargs: Any
) -> forms.CharField:
    validator = validate_free_text if free else validate_plain_text
    widget = forms.Textarea(attrs={"rows": 4}) if free else None
    return forms.CharField(
        label=label, max_length=max_length, required=required, validators=[validator], widget=widget, **kwargs
    )


class MunicipalityChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name_sv if get_language() == "sv" and obj.name_sv else obj.name_fi)


class ClassificationChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.label_in(get_language())}"


def _municipality_field(label: Any = None) -> MunicipalityChoiceField:
    return MunicipalityChoiceField(
        label=label or _("Municipality"), queryset=Municipality.objects.order_by("name_fi")
    )


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EmployerForm(VersionedForm):
    name = _text(_("Name"), max_length=200, required=True)
    business_id = forms.CharField(
        label=_("Business ID"), max_length=20, help_text=_("Y-tunnus, e.g. 2617416-4")
    )
    size_class = forms.ChoiceField(label=_("Size class"), choices=SizeClass.choices)
    industry = ClassificationChoiceField(
        label=_("Industry (TOL 2008)"), queryset=IndustryClass.objects.filter(level=2), required=False
    )
    municipality = _municipality_field()
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    is_pilot = forms.BooleanField(label=_("Pilot company"), required=False)
    pilot_status = forms.ChoiceField(label=_("Pilot status"), choices=PilotStatus.choices, required=False)
    pilot_plan = _text(_("Pilot plan"), max_length=4000, free=True)
    notes = _text(_("Notes"), max_length=4000, free=True)

    def data_object(self) -> services.EmployerData:
        data = self.cleaned_data
        return services.EmployerData(
            business_id=data["business_id"],
            name=data["name"],
            size_class=data["size_class"],
            industry=data["industry"],
            municipality=data["municipality"],
            website=data["website"],
            is_pilot=data["is_pilot"],
            pilot_status=data["pilot_status"] or PilotStatus.NONE,
            pilot_plan=data["pilot_plan"],
            notes=data["notes"],
        )

    @staticmethod
    def initial_for(employer: Employer) -> dict[str, Any]:
        return {
            "name": employer.name,
            "business_id": employer.business_id,
            "size_class": employer.size_class,
            "industry": employer.industry_id,
            "municipality": employer.municipality_id,
            "website": employer.website,
            "is_pilot": employer.is_pilot,
            "pilot_status": employer.pilot_status,
            "pilot_plan": employer.pilot_plan,
            "notes": employer.notes,
            "version": employer.version,
        }


class OfficeForm(forms.Form):
    name = _text(_("Office"), max_length=200, required=True)
    address = _text(_("Street address"), max_length=200)
    municipality = _municipality_field()


class ContactPersonForm(forms.Form):
    name = _text(_("Name"), max_length=200, required=True)
    title = _text(_("Title"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = _text(_("Phone"), max_length=32)


class ActivityForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    happened_on = forms.DateField(label=_("Date"), widget=DateInput())
    partner_project = _text(_("Other project (joint visit)"), max_length=200)
    outcome = _text(_("Outcome"), max_length=4000, free=True)
    follow_up_on = forms.DateField(label=_("Follow-up date"), widget=DateInput(), required=False)
    follow_up_done = forms.BooleanField(label=_("Follow-up done"), required=False)

    def data_object(self) -> services.ActivityData:
        data = self.cleaned_data
        return services.ActivityData(
            kind=data["kind"],
            happened_on=data["happened_on"],
            outcome=data["outcome"],
            partner_project=data["partner_project"],
            follow_up_on=data["follow_up_on"],
            follow_up_done=data["follow_up_done"],
        )


class OpeningForm(VersionedForm):
    title = _text(_("Title"), max_length=200, required=True)
    occupation = ClassificationChoiceField(label=_("Occupation (ISCO-08)"), queryset=unit_groups())
    municipality = _municipality_field(_("Place"))
    address = _text(_("Street address"), max_length=200)
    hours = forms.ChoiceField(label=_("Working hours"), choices=WorkingHours.choices)
    starts_on = forms.DateField(label=_("Start"), widget=DateInput(), required=False)
    finnish_required = forms.BooleanField(label=_("Finnish required"), required=False)
    other_languages = forms.MultipleChoiceField(
        label=_("Languages that are enough"),
        required=False,
        choices=(),
        help_text=_("When Finnish is not required: the languages the job can be done in."),
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=OpeningVisibility.choices)
    status = forms.ChoiceField(label=_("Status"), choices=OpeningStatus.choices)
    opens_on = forms.DateField(label=_("Open from"), widget=DateInput())
    deadline = forms.DateField(label=_("Application deadline"), widget=DateInput(), required=False)
    description = _text(_("Description"), max_length=8000, free=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other_languages"].choices = language_choices(get_language())  # type: ignore[attr-defined]

    def data_object(self) -> services.OpeningData:
        data = self.cleaned_data
        return services.OpeningData(
            title=data["title"],
            occupation=data["occupation"],
            municipality=data["municipality"],
            address=data["address"],
            hours=data["hours"],
            starts_on=data["starts_on"],
            finnish_required=data["finnish_required"],
            other_languages=data["other_languages"],
            visibility=data["visibility"],
            status=data["status"],
            opens_on=data["opens_on"],
            deadline=data["deadline"],
            description=data["description"],
        )


class EmployerFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or business ID"), required=False, max_length=100)
    pilot = forms.BooleanField(label=_("Pilot companies only"), required=False)


class OpeningFilterForm(forms.Form):
    finnish_required = forms.ChoiceField(
        label=_("Finnish"),
        required=False,
        choices=[("", _("Any")), ("false", _("Not required")), ("true", _("Required"))],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *OpeningStatus.choices]
    )


class ProposalForm(forms.Form):
    client = forms.UUIDField(widget=forms.HiddenInput)
    consent_given_on = forms.DateField(
        label=_("The client agreed on"),
        widget=DateInput(),
        help_text=_("The client's data goes to the employer only with their consent."),
    )


class ProposalResultForm(VersionedForm):
    result = forms.ChoiceField(label=_("Result"), choices=ProposalResult.choices)
    note = _text(_("Note"), max_length=2000, free=True)


class JobProfileForm(VersionedForm):
    occupations = forms.ModelMultipleChoiceField(
        label=_("Desired occupations (ISCO-08)"),
        queryset=unit_groups(),
        required=False,
    )
    available_from = forms.DateField(label=_("Available from"), widget=DateInput(), required=False)
    travel = forms.ChoiceField(label=_("Travel"), choices=TravelRange.choices)


class PlacementForm(forms.Form):
    client = forms.UUIDField(label=_("Client (ID)"))
    kind = forms.ChoiceField(label=_("Kind"), choices=PlacementKind.choices)
    employer = forms.ModelChoiceField(label=_("Employer"), queryset=Employer.objects.none(), required=False)
    organisation_name = _text(_("School or other organisation"), max_length=200)
    starts_on = forms.DateField(label=_("Start"), widget=DateInput())
    ends_on = forms.DateField(label=_("End"), widget=DateInput(), required=False)

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers  # type: ignore[attr-defined]
