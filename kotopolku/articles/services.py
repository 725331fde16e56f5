"""Writing articles: create, save a language version, submit for review, approve, return.

Every change is audited in its own transaction. Saving a language version that changes its
text raises its ``revision`` and sends it back to draft; a translation saved from the editor
records the source revision it was made from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.articles.enums import TranslationStatus
from kotopolku.articles.models import (
    MAX_BODY_LENGTH,
    MAX_SUMMARY_LENGTH,
    MAX_TITLE_LENGTH,
    Article,
    ArticleTranslation,
)
from kotopolku.audit.services import audit_record
from kotopolku.catalogue.enums import LifeSituation
from kotopolku.core.public_languages import is_public_language
from kotopolku.core.public_text import has_forbidden_characters, normalised_text
from kotopolku.core.versioning import versioned_update
from kotopolku.organisations.models import ServicePoint


@dataclass
class TranslationText:
    title: str
    summary: str
    body: str


def _text_errors(text: TranslationText) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    limits = {"title": MAX_TITLE_LENGTH, "summary": MAX_SUMMARY_LENGTH, "body": MAX_BODY_LENGTH}
    for name, limit in limits.items():
        value = normalised_text(getattr(text, name))
        setattr(text, name, value)
        if name != "summary" and not value:
            errors.setdefault(name, []).append(_("This field is required."))
        elif len(value) > limit:
            errors.setdefault(name, []).append(
                _("Too long: at most %(limit)d characters.") % {"limit": limit}
            )
        elif has_forbidden_characters(value):
            errors.setdefault(name, []).append(_("The text contains control characters. Remove them."))
    return errors


@transaction.atomic
def article_create(
    *,
    service_point: ServicePoint,
    slug: str,
    life_situation: str,
    source_language: str,
    text: TranslationText,
    by: Any,
) -> Article:
    errors = _text_errors(text)
    if life_situation not in LifeSituation.values:
        errors.setdefault("life_situation", []).append(_("Choose a life situation from the list."))
    if not is_public_language(source_language):
        errors.setdefault("source_language", []).append(_("Choose a language from the list."))
    if Article.objects.filter(service_point=service_point, slug=slug).exists():
        errors.setdefault("slug", []).append(_("Another article already has this short name."))
    if errors:
        raise ValidationError(errors)
    article = Article.objects.create(
        service_point=service_point, slug=slug, life_situation=life_situation, source_language=source_language
    )
    source = ArticleTranslation.objects.create(
        article=article,
        language=source_language,
        title=text.title,
        summary=text.summary,
        body=text.body,
        edited_by=by,
    )
    audit_record(actor=by, action="articles.edit", target=article, details={"created": source.language})
    return article


def source_of(article: Article) -> ArticleTranslation | None:
    return next((t for t in article.translations.all() if t.language == article.source_language), None)


@transaction.atomic
def translation_save(
    *,
    article: Article,
    language: str,
    text: TranslationText,
    by: Any,
    expected_version: int | None,
) -> ArticleTranslation:
    """Create or change one language version. A stale ``expected_version`` raises StaleVersion."""
    errors = _text_errors(text)
    if not is_public_language(language):
        errors.setdefault("language", []).append(_("Choose a language from the list."))
    if errors:
        raise ValidationError(errors)
    is_source = language == article.source_language
    source_revision: int | None = None
    if not is_source:
        source = ArticleTranslation.objects.filter(article=article, language=article.source_language).first()
        if source is None:
            raise ValidationError({"language": _("Write the source language version first.")})
        source_revision = source.revision
    existing = ArticleTranslation.objects.filter(article=article, language=language).first()
    if existing is None:
        try:
            with transaction.atomic():
                translation = ArticleTranslation.objects.create(
                    article=article,
                    language=language,
                    title=text.title,
                    summary=text.summary,
                    body=text.body,
                    source_revision=source_revision,
                    edited_by=by,
                )
        except IntegrityError as error:
            raise ValidationError(
                {"language": _("This language version was just added by someone else.")}
            ) from error
        audit_record(actor=by, action="articles.edit", target=article, details={"added": language})
        return translation
    changes: dict[str, Any] = {"title": text.title, "summary": text.summary, "body": text.body}
    text_changes = [name for name, value in changes.items() if getattr(existing, name) != value]
    if text_changes:
        changes.update(
            revision=existing.revision + 1,
            status=TranslationStatus.DRAFT,
            edited_by=by,
            approved_by=None,
            approved_at=None,
            submitted_by=None,
        )
    if source_revision is not None:
        changes["source_revision"] = source_revision
    translation, changed = versioned_update(existing, changes=changes, expected_version=expected_version)
    if changed:
        audit_record(
            actor=by,
            action="articles.edit",
            target=article,
            details={"language": language, "fields": changed},
        )
    return translation


def _status_change(
    translation: ArticleTranslation, *, frm: str, to: str, by: Any, expected_version: int | None, **extra: Any
) -> ArticleTranslation:
    if translation.status != frm:
        raise ValidationError({"status": _("The language version is not in the right state for this.")})
    updated, _changed = versioned_update(
        translation, changes={"status": to, **extra}, expected_version=expected_version
    )
    audit_record(
        actor=by,
        action="articles.approve" if to == TranslationStatus.PUBLISHED else "articles.edit",
        target=translation.article,
        details={"language": translation.language, "status": to},
    )
    return updated


@transaction.atomic
def translation_submit(
    *, translation: ArticleTranslation, by: Any, expected_version: int | None = None
) -> ArticleTranslation:
    return _status_change(
        translation,
        frm=TranslationStatus.DRAFT,
        to=TranslationStatus.REVIEW,
        by=by,
        expected_version=expected_version,
        submitted_by=by,
    )


@transaction.atomic
def translation_approve(
    *, translation: ArticleTranslation, by: Any, expected_version: int | None = None
) -> ArticleTranslation:
    return _status_change(
        translation,
        frm=TranslationStatus.REVIEW,
        to=TranslationStatus.PUBLISHED,
        by=by,
        expected_version=expected_version,
        approved_by=by,
        approved_at=timezone.now(),
    )


@transaction.atomic
def translation_return(
    *, translation: ArticleTranslation, by: Any, expected_version: int | None = None
) -> ArticleTranslation:
    return _status_change(
        translation,
        frm=TranslationStatus.REVIEW,
        to=TranslationStatus.DRAFT,
        by=by,
        expected_version=expected_version,
    )
