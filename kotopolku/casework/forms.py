"""Forms of case work. The staff pages and the API check input with the same forms, so a bad
value gets the same message per field, in the user's language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotopolku.casework.enums import (
    CEFR_SKILLS,
    CaseCloseReason,
    CaseOpenedBy,
    Cefr,
    CodeScheme,
    Literacy,
    PlanKind,
    PlanNeed,
    PlanStatus,
    Relation,
    StepOwner,
    StepStatus,
)
from kotopolku.casework.models import MAX_LINE, MAX_TEXT, Goal, Household
from kotopolku.casework.selectors import code_choices, service_paths
from kotopolku.clients.validators import validate_free_text, validate_plain_text
from kotopolku.contacts.languages import is_known_language
from kotopolku.contacts.models import Topic

LANGUAGE_ROWS = 3
EDUCATION_ROWS = 2
WORK_ROWS = 2
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _line(label: Any, *, required: bool = True, max_length: int = MAX_LINE) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=max_length, validators=[validate_plain_text]
    )


def _text(label: Any, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        validators=[validate_free_text],
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET)


class VersionField(forms.IntegerField):
    """The version of the record the user read (optimistic locking)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, min_value=0, widget=forms.HiddenInput, **kwargs)


class CaseOpenForm(forms.Form):
    opened_because = forms.ChoiceField(label=_("How the client came"), choices=CaseOpenedBy.choices)
    opening_note = _line(_("Why the case was opened"), required=False)


class CaseCloseForm(forms.Form):
    close_reason = forms.ChoiceField(label=_("Reason for closing"), choices=CaseCloseReason.choices)
    closed_on = _date(_("Closed"), required=False)
    version = VersionField()


class TransferRequestForm(forms.Form):
    to_service_point = forms.ChoiceField(label=_("Receiving service point"))
    reason = _line(_("Reason"))
    client_consented = forms.BooleanField(label=_("The client agreed to the transfer"), required=False)

    def __init__(self, *args: Any, points: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.points = {str(point.uuid): point for point in points}
        self.fields["to_service_point"].choices = [(key, point.name) for key, point in self.points.items()]  # type: ignore[attr-defined]

    def clean_client_consented(self) -> bool:
        if not self.cleaned_data.get("client_consented"):
            raise forms.ValidationError(_("The client must agree to the transfer."))
        return True


class TransferDecideForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Accept")), ("no", _("Decline"))],
        coerce=lambda value: value == "yes",
    )
    decline_reason = _line(_("Reason for declining"), required=False)


class HouseholdCreateForm(forms.Form):
    name = _line(_("Name of the household"), max_length=120)


class HouseholdAddForm(forms.Form):
    client = forms.ChoiceField(label=_("Client"))
    relation = forms.ChoiceField(label=_("Relation"), choices=[c for c in Relation.choices if c[0] != "main"])

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = {str(client.uuid): client for client in candidates}
        self.fields["client"].choices = [  # type: ignore[attr-defined]
            (key, client.display_name) for key, client in self.candidates.items()
        ]


class AssessmentForm(forms.Form):
    """One needs assessment: fixed rows for languages, education and work history (an empty
    row is skipped)."""

    assessed_on = _date(_("Assessed"), required=False)
    literacy = forms.ChoiceField(label=_("Literacy"), choices=Literacy.choices)
    reads_latin = forms.BooleanField(label=_("Reads Latin script"), required=False)
    occupation = forms.CharField(label=_("Occupation sought (ISCO-08 code)"), required=False, max_length=8)
    family_situation = _text(_("Family situation"))
    service_needs = forms.MultipleChoiceField(
        label=_("Service needs"), required=False, widget=forms.CheckboxSelectMultiple
    )
    service_needs_note = _text(_("Service needs in detail"))
    own_goals = _text(_("The client's own goals, in their own words"))
    conclusion = forms.ChoiceField(label=_("Conclusion: which plan is needed"), choices=PlanNeed.choices)

    def __init__(self, *args: Any, language: str = "fi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        topics = Topic.objects.filter(active=True).order_by("order", "code")
        self.fields["service_needs"].choices = [(topic.code, topic.name_in(language)) for topic in topics]  # type: ignore[attr-defined]
        cefr = [("", "–"), *Cefr.choices]
        levels = [("", "–"), *code_choices(CodeScheme.ISCED_LEVEL)]
        fields_of_education = [("", "–"), *code_choices(CodeScheme.ISCED_FIELD)]
        for row in range(LANGUAGE_ROWS):
            self.fields[f"language_{row}"] = forms.CharField(
                label=_("Language (ISO 639 code)"), required=False, max_length=8
            )
            for skill in CEFR_SKILLS:
                self.fields[f"language_{row}_{skill}"] = forms.ChoiceField(
                    label=SKILL_LABELS[skill], choices=cefr, required=False
                )
        for row in range(EDUCATION_ROWS):
            self.fields[f"education_{row}_level"] = forms.ChoiceField(
                label=_("Level (ISCED 2011)"), choices=levels, required=False
            )
            self.fields[f"education_{row}_field"] = forms.ChoiceField(
                label=_("Field of education"), choices=fields_of_education, required=False
            )
            self.fields[f"education_{row}_country"] = forms.CharField(
                label=_("Country (ISO 3166 code)"), required=False, max_length=2, min_length=2
            )
            self.fields[f"education_{row}_year"] = forms.IntegerField(
                label=_("Year completed"), required=False, min_value=1930, max_value=2100
            )
            self.fields[f"education_{row}_recognition_needed"] = forms.BooleanField(
                label=_("Recognition needed"), required=False
            )
        for row in range(WORK_ROWS):
            self.fields[f"work_{row}_occupation"] = forms.CharField(
                label=_("Occupation (ISCO-08 code)"), required=False, max_length=8
            )
            self.fields[f"work_{row}_title"] = _line(_("Job title"), required=False)
            self.fields[f"work_{row}_country"] = forms.CharField(
                label=_("Country (ISO 3166 code)"), required=False, max_length=2, min_length=2
            )
            self.fields[f"work_{row}_years"] = forms.IntegerField(
                label=_("Years"), required=False, min_value=0, max_value=60
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in range(LANGUAGE_ROWS):
            code = (data.get(f"language_{row}") or "").strip().lower()
            if code and not is_known_language(code):
                self.add_error(f"language_{row}", _("Unknown language code."))
            elif not code and any(data.get(f"language_{row}_{skill}") for skill in CEFR_SKILLS):
                self.add_error(f"language_{row}", _("Name the language of these levels."))
        for prefix in [f"education_{row}" for row in range(EDUCATION_ROWS)] + [
            f"work_{row}" for row in range(WORK_ROWS)
        ]:
            country = data.get(f"{prefix}_country") or ""
            if country and not (country.isalpha() and country.isascii()):
                self.add_error(f"{prefix}_country", _("Give a two-letter country code."))
        return data

    def rows(self) -> dict[str, Any]:
        data = self.cleaned_data
        languages = [
            {
                "language": data[f"language_{row}"].strip().lower(),
                **{s: data[f"language_{row}_{s}"] for s in CEFR_SKILLS},
            }
            for row in range(LANGUAGE_ROWS)
            if data.get(f"language_{row}")
        ]
        education = [
            {
                "level": data[f"education_{row}_level"],
                "field": data[f"education_{row}_field"],
                "country": (data[f"education_{row}_country"] or "").upper(),
                "year": data[f"education_{row}_year"],
                "recognition_needed": data[f"education_{row}_recognition_needed"],
            }
            for row in range(EDUCATION_ROWS)
            if data.get(f"education_{row}_level") or data.get(f"education_{row}_field")
        ]
        work = [
            {
                "occupation": (data[f"work_{row}_occupation"] or "").strip(),
                "title": data[f"work_{row}_title"],
                "country": (data[f"work_{row}_country"] or "").upper(),
                "years": data[f"work_{row}_years"],
            }
            for row in range(WORK_ROWS)
            if data.get(f"work_{row}_occupation") or data.get(f"work_{row}_title")
        ]
        return {"languages": languages, "education": education, "work_history": work}

    def language_rows(self) -> list[list[Any]]:
        return [
            [self[f"language_{row}"], *(self[f"language_{row}_{s}"] for s in CEFR_SKILLS)]
            for row in range(LANGUAGE_ROWS)
        ]

    def education_rows(self) -> list[list[Any]]:
        names = ("level", "field", "country", "year", "recognition_needed")
        return [[self[f"education_{row}_{name}"] for name in names] for row in range(EDUCATION_ROWS)]

    def work_rows(self) -> list[list[Any]]:
        names = ("occupation", "title", "country", "years")
        return [[self[f"work_{row}_{name}"] for name in names] for row in range(WORK_ROWS)]


SKILL_LABELS = {
    "listening": _("Listening"),
    "speaking": _("Speaking"),
    "reading": _("Reading"),
    "writing": _("Writing"),
}


def assessment_form_data(payload: dict[str, Any]) -> dict[str, Any]:
    """The API's nested JSON as the form's flat fields; a row beyond the form's rows is refused
    by the API before this."""
    data: dict[str, Any] = {
        key: payload.get(key)
        for key in (
            "assessed_on",
            "literacy",
            "occupation",
            "family_situation",
            "service_needs_note",
            "own_goals",
            "conclusion",
        )
        if payload.get(key) is not None
    }
    if payload.get("reads_latin"):
        data["reads_latin"] = "on"
    data["service_needs"] = list(payload.get("service_needs") or [])
    for row, item in enumerate(payload.get("languages") or []):
        data[f"language_{row}"] = item.get("language") or ""
        for skill in CEFR_SKILLS:
            data[f"language_{row}_{skill}"] = item.get(skill) or ""
    for row, item in enumerate(payload.get("education") or []):
        for name in ("level", "field", "country", "year"):
            value = item.get(name)
            data[f"education_{row}_{name}"] = "" if value is None else str(value)
        if item.get("recognition_needed"):
            data[f"education_{row}_recognition_needed"] = "on"
    for row, item in enumerate(payload.get("work_history") or []):
        for name in ("occupation", "title", "country", "years"):
            value = item.get(name)
            data[f"work_{row}_{name}"] = "" if value is None else str(value)
    return data


class PlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanKind.choices)
    starts_on = _date(_("Starts"))
    ends_on = _date(_("Ends"))
    summary = _text(_("Summary"))
    partners = forms.MultipleChoiceField(
        label=_("Partner organisations"), required=False, widget=forms.CheckboxSelectMultiple
    )
    version = VersionField()
    original = forms.CharField(required=False, widget=forms.HiddenInput, max_length=MAX_TEXT * 2)

    def __init__(self, *args: Any, organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {str(org.uuid): org for org in organisations}
        self.fields["partners"].choices = [(key, org.name) for key, org in self.organisations.items()]  # type: ignore[attr-defined]

    def partner_objects(self) -> list[Any]:
        return [self.organisations[key] for key in self.cleaned_data.get("partners") or []]


class PlanCreateForm(PlanForm):
    household = forms.BooleanField(label=_("A plan for the whole household"), required=False)
    service_path = forms.ChoiceField(label=_("Start from a service path"), required=False)

    def __init__(self, *args: Any, household: Household | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_path"].choices = [("", "–"), *service_paths()]  # type: ignore[attr-defined]
        if household is None:
            del self.fields["household"]
        del self.fields["version"]
        del self.fields["original"]


class PlanStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=PlanStatus.choices)
    reason = _line(_("Why the plan ended early"), required=False)
    version = VersionField()


class GoalForm(forms.Form):
    text = _line(_("Goal"))


class StepForm(forms.Form):
    goal = forms.ChoiceField(label=_("Goal"))
    text = _line(_("Step"))
    owner = forms.ChoiceField(label=_("Who does it"), choices=StepOwner.choices)
    organisation = forms.ChoiceField(label=_("Partner organisation"), required=False)
    due_on = _date(_("Due"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=StepStatus.choices, initial=StepStatus.TODO, required=False
    )
    version = VersionField()

    def clean_status(self) -> str:
        return self.cleaned_data.get("status") or StepStatus.TODO

    def __init__(self, *args: Any, goals: list[Goal], organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = {str(goal.uuid): goal for goal in goals}
        self.organisations = {str(org.uuid): org for org in organisations}
        self.fields["goal"].choices = [(key, goal.text) for key, goal in self.goals.items()]  # type: ignore[attr-defined]
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]
            ("", "–"),
            *((k, o.name) for k, o in self.organisations.items()),
        ]

    def clean_organisation(self) -> Any:
        key = self.cleaned_data.get("organisation") or ""
        return self.organisations.get(key)

    def clean_goal(self) -> Any:
        return self.goals[self.cleaned_data["goal"]]


class FollowUpPlanForm(forms.Form):
    planned_on = _date(_("Planned for"))


class FollowUpRecordForm(forms.Form):
    held_on = _date(_("Held"))
    notes = _text(_("Notes"))
    version = VersionField()


class NoteForm(forms.Form):
    text = _text(_("Note"), required=True)
    special_category = forms.BooleanField(
        label=_("Contains special-category data (health, disability)"), required=False
    )
