"""Staff pages of surveys: the list, defining one in several languages, and its results."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.core.versioning import StaleVersion
from kotopolku.organisations.models import ServicePoint
from kotopolku.surveys import selectors, services
from kotopolku.surveys.forms import (
    PeriodForm,
    QuestionForm,
    QuestionTranslationForm,
    SurveyCreateForm,
    SurveyTitleForm,
)
from kotopolku.surveys.models import Survey


def _add_errors(form: Form, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


@login_required
@require_http_methods(["GET", "POST"])
def survey_index(request: HttpRequest) -> HttpResponse:
    surveys = selectors.survey_list(user=request.user)
    may_manage = can(request.user, "surveys.manage")
    points = ServicePoint.objects.filter(pk__in=service_point_ids(request.user, "surveys.manage"))
    form = SurveyCreateForm(request.POST or None, service_points=points)
    if request.method == "POST":
        require(request.user, "surveys.manage")
        if form.is_valid():
            require(request.user, "surveys.manage", form.cleaned_data["service_point"])
            try:
                survey = services.survey_create(
                    service_point=form.cleaned_data["service_point"],
                    language=form.cleaned_data["language"],
                    title=form.cleaned_data["title"],
                    by=request.user,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return redirect("surveys:detail", uuid=survey.uuid)
    return render(
        request,
        "surveys/list.html",
        {"surveys": surveys, "form": form, "may_manage": may_manage},
        status=400 if form.errors else 200,
    )


def _choices(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@login_required
@require_http_methods(["GET", "POST"])
def survey_view(request: HttpRequest, uuid: UUID) -> HttpResponse:
    try:
        survey = selectors.survey_detail(user=request.user, uuid=uuid)
    except Survey.DoesNotExist:
        raise Http404 from None
    may_manage = can(request.user, "surveys.manage", survey)
    title_form = SurveyTitleForm(initial={"version": survey.version})
    question_form = QuestionForm()
    translation_form = QuestionTranslationForm()
    status = 200
    if request.method == "POST":
        require(request.user, "surveys.manage", survey)
        action = request.POST.get("action")
        try:
            if action == "title":
                title_form = SurveyTitleForm(request.POST)
                if title_form.is_valid():
                    services.survey_translate(
                        survey=survey,
                        language=title_form.cleaned_data["language"],
                        title=title_form.cleaned_data["title"],
                        by=request.user,
                        expected_version=title_form.cleaned_data["version"],
                    )
                    return redirect("surveys:detail", uuid=survey.uuid)
            elif action == "question":
                question_form = QuestionForm(request.POST)
                if question_form.is_valid():
                    data = question_form.cleaned_data
                    services.question_add(
                        survey=survey,
                        kind=data["kind"],
                        text=services.QuestionText(
                            language=data["language"], text=data["text"], choices=_choices(data["choices"])
                        ),
                        required=data["required"],
                        measures_satisfaction=data["measures_satisfaction"],
                        by=request.user,
                    )
                    return redirect("surveys:detail", uuid=survey.uuid)
            elif action == "translate":
                translation_form = QuestionTranslationForm(request.POST)
                if translation_form.is_valid():
                    data = translation_form.cleaned_data
                    question = survey.questions.filter(uuid=data["question"]).first()
                    if question is None:
                        raise Http404
                    services.question_translate(
                        question=question,
                        text=services.QuestionText(
                            language=data["language"], text=data["text"], choices=_choices(data["choices"])
                        ),
                        by=request.user,
                    )
                    return redirect("surveys:detail", uuid=survey.uuid)
            elif action in ("open", "close"):
                version = request.POST.get("version", "")
                services.survey_set_open(
                    survey=survey,
                    is_open=action == "open",
                    by=request.user,
                    expected_version=int(version) if version.isdigit() else -1,
                )
                return redirect("surveys:detail", uuid=survey.uuid)
        except StaleVersion:
            messages.error(request, _("Someone else changed this survey. Check it and try again."))
            return redirect("surveys:detail", uuid=survey.uuid)
        except ValidationError as error:
            target = {"title": title_form, "question": question_form, "translate": translation_form}.get(
                action or "", question_form
            )
            _add_errors(target, error)
        status = 400
    return render(
        request,
        "surveys/detail.html",
        {
            "survey": survey,
            "may_manage": may_manage,
            "title_form": title_form,
            "question_form": question_form,
            "translation_form": translation_form,
            "titles": sorted(survey.titles.items()),
        },
        status=status,
    )


@login_required
@require_GET
def survey_results(request: HttpRequest, uuid: UUID) -> HttpResponse:
    try:
        survey = selectors.survey_detail(user=request.user, uuid=uuid)
    except Survey.DoesNotExist:
        raise Http404 from None
    form = PeriodForm(request.GET or None)
    start = end = None
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    results = selectors.survey_results(
        user=request.user, survey=survey, start=start, end=end, language=request.LANGUAGE_CODE
    )
    satisfaction = selectors.average_satisfaction(
        service_points=[survey.service_point_id], start=start, end=end
    )
    return render(
        request,
        "surveys/results.html",
        {"survey": survey, "form": form, "results": results, "satisfaction": satisfaction},
        status=400 if request.GET and form.errors else 200,
    )
