"""Needs assessments: a new one (starting from the last), and one with what changed since the
previous."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kotopolku.casework import forms as cw_forms
from kotopolku.casework import services
from kotopolku.casework.handover import assessment_document
from kotopolku.casework.models import Assessment
from kotopolku.casework.selectors import (
    assessment_changes,
)
from kotopolku.casework.views.common import back_to_client, client_for_action, user_of


@login_required
def assessment_new(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = client_for_action(request, uuid, "casework.assess")
    previous = Assessment.objects.filter(client=client).order_by("-number").first()
    initial: dict[str, Any] = {}
    if previous is not None and request.method != "POST":
        services.casework_read(target=previous, by=user_of(request), what="needs assessment")
        initial = cw_forms.assessment_form_data({**assessment_document_flat(previous), "assessed_on": None})
    form = cw_forms.AssessmentForm(request.POST or None, initial=initial, language=get_language() or "fi")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = services.AssessmentData(
                **form.rows(),
                literacy=form.cleaned_data["literacy"],
                reads_latin=form.cleaned_data["reads_latin"],
                occupation=form.cleaned_data["occupation"].strip(),
                family_situation=form.cleaned_data["family_situation"],
                service_needs=form.cleaned_data["service_needs"],
                service_needs_note=form.cleaned_data["service_needs_note"],
                own_goals=form.cleaned_data["own_goals"],
                conclusion=form.cleaned_data["conclusion"],
                **(
                    {"assessed_on": form.cleaned_data["assessed_on"]}
                    if form.cleaned_data["assessed_on"]
                    else {}
                ),
            )
            try:
                services.assessment_create(client=client, data=data, by=user_of(request))
            except ValidationError as error:
                _assessment_errors(form, error)
            else:
                messages.success(request, _("The assessment was saved."))
                return back_to_client(client, "assessments-heading")
        status = 400
    return render(request, "casework/assessment_form.html", {"client": client, "form": form}, status=status)


def assessment_document_flat(assessment: Assessment) -> dict[str, Any]:
    return {
        "literacy": assessment.literacy,
        "reads_latin": assessment.reads_latin,
        "occupation": assessment.occupation,
        "family_situation": assessment.family_situation,
        "service_needs": assessment.service_needs,
        "service_needs_note": assessment.service_needs_note,
        "own_goals": assessment.own_goals,
        "conclusion": assessment.conclusion,
        "languages": assessment.languages,
        "education": assessment.education,
        "work_history": assessment.work_history,
    }


def _assessment_errors(form: Any, error: ValidationError) -> None:
    """The service names nested rows (``education.0.level``); the form's fields are flat."""
    for name, problems in error.message_dict.items():
        parts = name.split(".")
        if len(parts) == 3:
            prefix = {"education": "education", "work_history": "work"}[parts[0]]
            name = f"{prefix}_{parts[1]}_{parts[2]}"
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)


@login_required
def assessment_detail(request: HttpRequest, uuid: Any, number: int) -> HttpResponse:
    client = client_for_action(request, uuid)
    assessment = Assessment.objects.filter(client=client, number=number).select_related("assessed_by").first()
    if assessment is None:
        raise Http404
    services.casework_read(target=assessment, by=user_of(request), what="needs assessment")
    previous = Assessment.objects.filter(client=client, number__lt=number).order_by("-number").first()
    return render(
        request,
        "casework/assessment.html",
        {
            "client": client,
            "assessment": assessment,
            "document": assessment_document(assessment),
            "changes": assessment_changes(assessment, previous),
        },
    )
