"""Defining surveys and taking anonymous answers.

A public form carries a one-time visit token (signed, random). Its digest is stored when the
form is answered, apart from the answer, so that the same visit cannot answer twice while
nothing ties an answer to a visit, a device or an address.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.core.public_languages import is_public_language
from kotopolku.core.public_text import has_forbidden_characters, normalised_text
from kotopolku.core.versioning import versioned_update
from kotopolku.organisations.models import ServicePoint
from kotopolku.surveys.enums import AnswerChannel, QuestionKind
from kotopolku.surveys.models import (
    MAX_TEXT_ANSWER,
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    HelpfulVote,
    Question,
    Survey,
    SurveyResponse,
    UsedVisitToken,
)

TOKEN_SALT = "kotopolku.visit"
TOKEN_MAX_AGE = timedelta(hours=12)
MAX_TITLE = 200
MAX_QUESTION = 500
MAX_CHOICES = 10
MAX_CHOICE = 120
MAX_QUESTIONS = 20


class TokenUsed(Exception):
    """The form of this visit has already been answered."""


class TokenInvalid(Exception):
    """The form's token is missing, forged or too old."""


class AnswersInvalid(Exception):
    """Answers that cannot be taken, as question uuid (or ``__all__``) → code: ``required``,
    ``scale``, ``choice``, ``too_long``, ``characters``, ``closed``, ``empty``. The public site
    words the message in the reader's language."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def visit_token_issue() -> str:
    return signing.dumps(secrets.token_hex(16), salt=TOKEN_SALT)


def visit_token_consume(token: str) -> None:
    """Mark the visit's token used (inside the caller's transaction), or raise."""
    try:
        nonce = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature as error:
        raise TokenInvalid from error
    digest = hashlib.sha256(str(nonce).encode()).hexdigest()
    try:
        with transaction.atomic():
            UsedVisitToken.objects.create(digest=digest, used_on=timezone.localdate())
    except IntegrityError as error:
        raise TokenUsed from error


def _clean(value: str, limit: int, errors: dict[str, list[str]], name: str, *, required: bool = True) -> str:
    text = normalised_text(value)
    if required and not text:
        errors.setdefault(name, []).append(_("This field is required."))
    elif len(text) > limit:
        errors.setdefault(name, []).append(_("Too long: at most %(limit)d characters.") % {"limit": limit})
    elif has_forbidden_characters(text):
        errors.setdefault(name, []).append(_("The text contains control characters. Remove them."))
    return text


# ---------------------------------------------------------------- defining


@transaction.atomic
def survey_create(*, service_point: ServicePoint, language: str, title: str, by: Any) -> Survey:
    errors: dict[str, list[str]] = {}
    title = _clean(title, MAX_TITLE, errors, "title")
    if not is_public_language(language):
        errors.setdefault("language", []).append(_("Choose a language from the list."))
    if errors:
        raise ValidationError(errors)
    survey = Survey.objects.create(service_point=service_point, titles={language: title}, created_by=by)
    audit_record(actor=by, action="surveys.manage", target=survey, details={"created": True})
    return survey


@dataclass
class QuestionText:
    language: str
    text: str
    choices: list[str] = field(default_factory=list)


@transaction.atomic
def survey_translate(
    *, survey: Survey, language: str, title: str, by: Any, expected_version: int | None
) -> Survey:
    errors: dict[str, list[str]] = {}
    title = _clean(title, MAX_TITLE, errors, "title")
    if not is_public_language(language):
        errors.setdefault("language", []).append(_("Choose a language from the list."))
    if errors:
        raise ValidationError(errors)
    titles = {**survey.titles, language: title}
    updated, changed = versioned_update(survey, changes={"titles": titles}, expected_version=expected_version)
    if changed:
        audit_record(actor=by, action="surveys.manage", target=survey, details={"title": language})
    return updated


@transaction.atomic
def survey_set_open(*, survey: Survey, is_open: bool, by: Any, expected_version: int | None) -> Survey:
    updated, changed = versioned_update(
        survey, changes={"is_open": is_open}, expected_version=expected_version
    )
    if changed:
        audit_record(actor=by, action="surveys.manage", target=survey, details={"is_open": is_open})
    return updated


def _question_texts(kind: str, text: QuestionText, errors: dict[str, list[str]]) -> dict[str, Any]:
    entry: dict[str, Any] = {"text": _clean(text.text, MAX_QUESTION, errors, "text")}
    if kind == QuestionKind.CHOICE:
        choices = [normalised_text(c) for c in text.choices if normalised_text(c)]
        if not 2 <= len(choices) <= MAX_CHOICES:
            errors.setdefault("choices", []).append(
                _("Give from 2 to %(limit)d choices, one per line.") % {"limit": MAX_CHOICES}
            )
        elif any(len(c) > MAX_CHOICE or has_forbidden_characters(c) for c in choices):
            errors.setdefault("choices", []).append(
                _("Each choice is plain text of at most %(limit)d characters.") % {"limit": MAX_CHOICE}
            )
        entry["choices"] = choices
    return entry


@transaction.atomic
def question_add(
    *, survey: Survey, kind: str, text: QuestionText, required: bool, measures_satisfaction: bool, by: Any
) -> Question:
    errors: dict[str, list[str]] = {}
    if kind not in QuestionKind.values:
        errors.setdefault("kind", []).append(_("Choose a kind from the list."))
    if not is_public_language(text.language):
        errors.setdefault("language", []).append(_("Choose a language from the list."))
    entry = _question_texts(kind, text, errors)
    if measures_satisfaction and kind != QuestionKind.SCALE:
        errors.setdefault("measures_satisfaction", []).append(_("Only a 1–5 scale measures satisfaction."))
    if survey.questions.count() >= MAX_QUESTIONS:
        errors.setdefault("__all__", []).append(
            _("A survey has at most %(limit)d questions.") % {"limit": MAX_QUESTIONS}
        )
    if errors:
        raise ValidationError(errors)
    position = survey.questions.count() + 1
    question = Question.objects.create(
        survey=survey,
        position=position,
        kind=kind,
        texts={text.language: entry},
        required=required,
        measures_satisfaction=measures_satisfaction,
    )
    audit_record(actor=by, action="surveys.manage", target=survey, details={"question_added": position})
    return question


@transaction.atomic
def question_translate(*, question: Question, text: QuestionText, by: Any) -> Question:
    errors: dict[str, list[str]] = {}
    if not is_public_language(text.language):
        errors.setdefault("language", []).append(_("Choose a language from the list."))
    entry = _question_texts(question.kind, text, errors)
    if question.kind == QuestionKind.CHOICE and not errors:
        expected = len(question.choices_in(next(iter(question.texts), text.language)))
        if question.texts and len(entry["choices"]) != expected:
            errors.setdefault("choices", []).append(
                _("Give the same %(count)d choices in the same order.") % {"count": expected}
            )
    if errors:
        raise ValidationError(errors)
    locked = Question.objects.select_for_update().get(pk=question.pk)
    locked.texts = {**locked.texts, text.language: entry}
    locked.save(update_fields=["texts", "updated_at"])
    audit_record(
        actor=by,
        action="surveys.manage",
        target=locked.survey,
        details={"question_translated": text.language},
    )
    return locked


# ---------------------------------------------------------------- answering


@transaction.atomic
def response_submit(
    *, survey: Survey, language: str, channel: str, answers: dict[str, str], token: str
) -> SurveyResponse:
    """Validate every answer, then store them all or none. ``answers``: question uuid → the raw
    value from the form. Raises AnswersInvalid, TokenUsed or TokenInvalid."""
    errors: dict[str, str] = {}
    if not survey.is_open:
        errors["__all__"] = "closed"
    rows: list[Answer] = []
    for question in survey.questions.all():
        key = str(question.uuid)
        raw = normalised_text(str(answers.get(key, "")))
        if not raw:
            if question.required:
                errors[key] = "required"
            continue
        answer = Answer(question=question)
        if question.kind == QuestionKind.SCALE:
            if not (raw.isdigit() and SCALE_MIN <= int(raw) <= SCALE_MAX):
                errors[key] = "scale"
                continue
            answer.scale = int(raw)
        elif question.kind == QuestionKind.CHOICE:
            if not (raw.isdigit() and 0 <= int(raw) < len(question.choices_in(language))):
                errors[key] = "choice"
                continue
            answer.choice = int(raw)
        else:
            if len(raw) > MAX_TEXT_ANSWER:
                errors[key] = "too_long"
                continue
            if has_forbidden_characters(raw):
                errors[key] = "characters"
                continue
            answer.text = raw
        rows.append(answer)
    if not rows and not errors:
        errors["__all__"] = "empty"
    if errors:
        raise AnswersInvalid(errors)
    visit_token_consume(token)
    response = SurveyResponse.objects.create(
        survey=survey,
        language=language,
        channel=channel if channel in AnswerChannel.values else AnswerChannel.SITE,
        answered_on=timezone.localdate(),
    )
    for answer in rows:
        answer.response = response
    Answer.objects.bulk_create(rows)
    return response


@transaction.atomic
def helpful_vote(
    *, service_point: ServicePoint, page: str, language: str, helpful: bool, token: str
) -> HelpfulVote:
    visit_token_consume(token)
    return HelpfulVote.objects.create(
        service_point=service_point,
        page=page[:200],
        language=language,
        helpful=helpful,
        voted_on=timezone.localdate(),
    )
