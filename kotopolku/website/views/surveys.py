"""Feedback on the site: a survey's form and its thanks page, and "was this page helpful?" under
every article. Answers go through the surveys app's services and keep nothing of the visitor."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kotopolku.articles.models import Article
from kotopolku.surveys import selectors as surveys
from kotopolku.surveys.enums import AnswerChannel
from kotopolku.surveys.services import (
    AnswersInvalid,
    TokenInvalid,
    TokenUsed,
    helpful_vote,
    response_submit,
    visit_token_issue,
)
from kotopolku.website import messages, presenters
from kotopolku.website.views.context import Page, not_found, site_page
from kotopolku.website.views.limits import refused, too_large


@require_POST
@site_page
def helpful(request: HttpRequest, page: Page) -> HttpResponse:
    if too_large(request):
        return refused(page, _("The form was too large to send."), 413)
    slug = request.POST.get("article", "")[:80]
    answer = request.POST.get("helpful", "")
    if (
        answer not in ("yes", "no")
        or not Article.objects.filter(service_point=page.service_point, slug=slug).exists()
    ):
        return refused(page, _("Choose yes or no."), 400)
    try:
        helpful_vote(
            service_point=page.service_point,
            page=f"article:{slug}",
            language=page.language,
            helpful=answer == "yes",
            token=request.POST.get("token", ""),
        )
    except TokenUsed:
        return refused(page, _("You have already answered. Thank you!"), 409)
    except TokenInvalid:
        return refused(page, _("The form has expired. Open the page again and try again."), 400)
    return HttpResponseRedirect(page.url("article", slug=slug) + "?voted=1#helpful")


def _channel(request: HttpRequest) -> str:
    channel = request.GET.get("channel") or request.POST.get("channel") or AnswerChannel.SITE
    return channel if channel in AnswerChannel.values else AnswerChannel.SITE


@require_http_methods(["GET", "POST"])
@site_page
def survey(request: HttpRequest, page: Page, uuid: UUID) -> HttpResponse:
    found = surveys.open_survey(service_point=page.service_point, uuid=uuid)
    if found is None:
        return not_found(request, page.language, page.site)
    languages = found.languages
    if page.language not in languages:
        return page.render(
            "website/article_elsewhere.html",
            {"languages": page.alternates(languages), "title": found.title_in(page.language)},
            status=404,
            languages=languages,
        )
    errors: dict[str, list[str]] = {}
    values: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        if too_large(request):
            return refused(page, _("The form was too large to send."), 413)
        values = {str(q.uuid): request.POST.get(str(q.uuid), "") for q in found.questions.all()}
        try:
            response_submit(
                survey=found,
                language=page.language,
                channel=_channel(request),
                answers=values,
                token=request.POST.get("token", ""),
            )
        except AnswersInvalid as error:
            errors = {key: [str(messages.ANSWER[code])] for key, code in error.errors.items()}
            status = 400
        except TokenUsed:
            return refused(page, _("You have already answered. Thank you!"), 409)
        except TokenInvalid:
            return refused(page, _("The form has expired. Open the page again and try again."), 400)
        else:
            return HttpResponseRedirect(page.url("survey_thanks", uuid=found.uuid))
    return page.render(
        "website/survey.html",
        {
            "survey": found,
            "title": found.title_in(page.language),
            "questions": presenters.survey_questions(found, page.language, values, errors),
            "form_errors": errors.get("__all__", []),
            "channel": _channel(request),
            "token": visit_token_issue(),
        },
        status=status,
        languages=languages,
    )


@require_GET
@site_page
def survey_thanks(request: HttpRequest, page: Page, uuid: UUID) -> HttpResponse:
    return page.render("website/survey_thanks.html")
