from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kotopolku.audit.enums import Outcome
from kotopolku.audit.wording import area_choices
from kotopolku.core.text import CleanTextFormMixin


class AuditFilterForm(CleanTextFormMixin, forms.Form):
    actor = forms.CharField(label=_("Actor (e-mail)"), required=False, max_length=254)
    area = forms.ChoiceField(label=_("What was done"), required=False)
    target = forms.CharField(
        label=_("Record"),
        required=False,
        max_length=64,
        help_text=_("The identifier of a client, user or other record (from its address)."),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("Any")), *Outcome.choices]
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["area"].choices = [("", _("Anything")), *area_choices()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period is before its start."))
        return data
