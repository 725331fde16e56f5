from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kotopolku.audit.enums import Outcome
from kotopolku.core.text import CleanTextFormMixin


class AuditFilterForm(CleanTextFormMixin, forms.Form):
    actor = forms.CharField(label=_("Actor (e-mail)"), required=False, max_length=254)
    action = forms.CharField(label=_("Action"), required=False, max_length=64)
    target = forms.CharField(label=_("Target (type or id)"), required=False, max_length=64)
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("Any")), *Outcome.choices]
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period is before its start."))
        return data
