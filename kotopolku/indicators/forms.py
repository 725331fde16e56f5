"""Staff forms of the indicators app. They parse what was typed; the services check it."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kotopolku.clients.validators import validate_plain_text
from kotopolku.core.text import CleanTextFormMixin
from kotopolku.indicators.desk import DIMENSIONS
from kotopolku.indicators.enums import ExitReason, IscedGroup, LabourStatus, TargetKind
from kotopolku.indicators.periods import PeriodError, period_parse


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ReportFilterForm(CleanTextFormMixin, forms.Form):
    period = forms.CharField(
        label=_("Reporting period"),
        max_length=40,
        required=False,
        help_text=_("A year (2025), quarter (2025-Q2), month (2025-03) or 2025-01-01..2025-06-30."),
    )
    point = forms.ChoiceField(label=_("Service point"), required=False)

    def __init__(self, *args: Any, points: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["point"]).choices = [("", _("All in my reach")), *points]

    def clean_period(self) -> Any:
        text = self.cleaned_data.get("period") or ""
        if not text:
            return None
        try:
            return period_parse(text)
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None


class DeskFilterForm(ReportFilterForm):
    dimension = forms.ChoiceField(label=_("Break down by"), choices=list(DIMENSIONS.items()), required=False)


class SpecialCategoryFields(forms.Form):
    """The optional special-category items, each recorded only with its own consent; shown after
    the entry data (``field_order`` of the forms that take them)."""

    disability_consent_on = forms.DateField(
        label=_("Consent to record disability given on"), required=False, widget=DateInput()
    )
    disability = forms.NullBooleanField(label=_("Disability"), required=False)
    minority_consent_on = forms.DateField(
        label=_("Consent to record minority given on"), required=False, widget=DateInput()
    )
    minority = forms.NullBooleanField(label=_("Belongs to a minority"), required=False)
    homeless_consent_on = forms.DateField(
        label=_("Consent to record housing exclusion given on"), required=False, widget=DateInput()
    )
    homeless = forms.NullBooleanField(label=_("Homeless or affected by housing exclusion"), required=False)


class EnrolForm(CleanTextFormMixin, SpecialCategoryFields):
    field_order = ["project", "entered_on", "labour_status", "isced", "foreign_background"]
    project = forms.ChoiceField(label=_("Project"))
    entered_on = forms.DateField(label=_("Entry date"), widget=DateInput())
    labour_status = forms.ChoiceField(label=_("Labour-market status at entry"), choices=LabourStatus.choices)
    isced = forms.ChoiceField(label=_("Education (ISCED 2011)"), choices=IscedGroup.choices, required=False)
    foreign_background = forms.BooleanField(
        label=_("Foreign background"),
        required=False,
        help_text=_("Born abroad, or both parents born abroad."),
    )

    def __init__(self, *args: Any, projects: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["project"]).choices = projects


class ExitForm(CleanTextFormMixin, forms.Form):
    exited_on = forms.DateField(label=_("Exit date"), widget=DateInput())
    exit_reason = forms.ChoiceField(label=_("Reason for leaving"), choices=ExitReason.choices)
    exit_status = forms.ChoiceField(label=_("Labour-market status at exit"), choices=LabourStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class FollowUpForm(CleanTextFormMixin, forms.Form):
    done_on = forms.DateField(label=_("Followed up on"), widget=DateInput())
    employed = forms.BooleanField(label=_("Employed (incl. self-employed)"), required=False)
    in_education = forms.BooleanField(label=_("In education or training"), required=False)
    qualification = forms.BooleanField(label=_("Gained a qualification"), required=False)
    job_searching = forms.BooleanField(label=_("Searching for a job"), required=False)
    improved = forms.BooleanField(label=_("Labour-market situation improved"), required=False)
    unreachable = forms.BooleanField(label=_("Could not be reached"), required=False)


class TargetForm(CleanTextFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TargetKind.choices)
    detail = forms.CharField(
        label=_("Detail"),
        max_length=16,
        required=False,
        help_text=_(
            "A size class (micro, small, medium, large) for employers, or an indicator code such as EECO01."
        ),
    )
    value = forms.DecimalField(label=_("Target"), max_digits=9, decimal_places=2, min_value=0)
    value_max = forms.DecimalField(
        label=_("Upper end of a range"), max_digits=9, decimal_places=2, min_value=0, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class PopulationImportForm(forms.Form):
    """A file and an address (the address is checked for control characters by its validator)."""

    document = forms.FileField(
        label=_("json-stat2 file"),
        required=False,
        help_text=_("Statistics Finland's table 11rm saved as json-stat2."),
    )
    url = forms.URLField(
        label=_("Or the address of the document"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[validate_plain_text],
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("document") and not cleaned.get("url"):
            raise forms.ValidationError(_("Give a file or an address."))
        return cleaned


class PictureForm(CleanTextFormMixin, forms.Form):
    area = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args: Any, areas: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = areas


class ProjectForm(CleanTextFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    funder = forms.CharField(label=_("Funder"), max_length=100, initial="ESF+")
    funder_code = forms.CharField(
        label=_("Funder's code"), max_length=40, required=False, help_text=_("For example S21941.")
    )
    programme = forms.CharField(label=_("Programme"), max_length=200, required=False)
    priority = forms.CharField(label=_("Priority"), max_length=200, required=False)
    specific_objective = forms.CharField(
        label=_("Specific objective"),
        max_length=200,
        required=False,
        help_text=_("For example 4.1 Polkuja töihin."),
    )
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends"), widget=DateInput())


class PointForm(forms.Form):
    """One municipality taking part; an empty row is skipped."""

    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    service_point = forms.ChoiceField(label=_("Service point"), required=False)
    share_percent = forms.DecimalField(
        label=_("Share (%)"), max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False
    )

    def __init__(
        self, *args: Any, municipalities: list[tuple[str, str]], points: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["municipality"]).choices = [("", "–"), *municipalities]
        cast(forms.ChoiceField, self.fields["service_point"]).choices = [
            ("", _("None in the product")),
            *points,
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("municipality") and cleaned.get("share_percent") is None:
            self.add_error("share_percent", _("Give the municipality's share."))
        return cleaned


class CorrectionForm(CleanTextFormMixin, SpecialCategoryFields):
    field_order = ["entered_on", "labour_status", "isced", "foreign_background"]
    entered_on = forms.DateField(label=_("Entry date"), widget=DateInput())
    labour_status = forms.ChoiceField(label=_("Labour-market status at entry"), choices=LabourStatus.choices)
    isced = forms.ChoiceField(label=_("Education (ISCED 2011)"), choices=IscedGroup.choices, required=False)
    foreign_background = forms.BooleanField(label=_("Foreign background"), required=False)
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the correction, for example what the participant's documents showed."),
    )


class BudgetLineForm(CleanTextFormMixin, forms.Form):
    category = forms.CharField(
        label=_("Cost category"),
        max_length=100,
        help_text=_("For example staff costs or purchased services."),
    )
    amount = forms.DecimalField(
        label=_("Amount (EUR)"), max_digits=12, decimal_places=2, min_value=0, max_value=9_999_999_999
    )
    service_point = forms.ChoiceField(label=_("Service point"), required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, points: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["service_point"]).choices = [("", _("Whole project")), *points]
