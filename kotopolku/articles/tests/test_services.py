from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.articles.enums import TranslationState, TranslationStatus
from kotopolku.articles.models import Article, ArticleTranslation
from kotopolku.articles.selectors import article_status_rows, translation_state
from kotopolku.articles.services import (
    TranslationText,
    article_create,
    translation_approve,
    translation_save,
    translation_submit,
)
from kotopolku.audit.models import AuditEvent
from kotopolku.core.versioning import StaleVersion
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


def _text(title: str = "Otsikko", body: str = "Teksti.") -> TranslationText:
    return TranslationText(title=title, summary="", body=body)


@pytest.fixture
def editor():
    point = ServicePointFactory()
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.COORDINATOR, service_point=point)
    return point, user


def test_article_create__writes_the_source_as_a_draft_and_audits(editor):
    point, user = editor
    article = article_create(
        service_point=point, slug="verokortti", life_situation="work", source_language="fi",
        text=_text(), by=user,
    )  # fmt: skip
    source = article.translations.get()
    assert (source.language, source.status, source.revision) == ("fi", TranslationStatus.DRAFT, 1)
    assert AuditEvent.objects.filter(action="articles.edit", actor=user).exists()


def test_article_create__bad_input__refused_per_field_and_nothing_saved(editor):
    point, user = editor
    with pytest.raises(ValidationError) as error:
        article_create(
            service_point=point, slug="x", life_situation="space-travel", source_language="xx",
            text=_text(title="", body="Teksti \u202e käännetty"), by=user,
        )  # fmt: skip
    assert set(error.value.message_dict) == {"title", "body", "life_situation", "source_language"}
    assert not Article.objects.exists()


def test_translation__outdated_once_the_source_changes_then_current_again_when_redone(editor):
    point, user = editor
    article = article_create(
        service_point=point, slug="a", life_situation="work", source_language="fi", text=_text(), by=user
    )
    english = translation_save(
        article=article, language="en", text=_text("Title"), by=user, expected_version=None
    )
    assert english.source_revision == 1
    for translation in article.translations.all():
        translation_submit(translation=translation, by=user)
    for translation in ArticleTranslation.objects.filter(article=article):
        approved = translation_approve(translation=translation, by=user)
        assert approved.approved_by == user and approved.approved_at is not None
    source = article.translations.get(language="fi")
    translation_save(
        article=article,
        language="fi",
        text=_text(body="Uusi teksti."),
        by=user,
        expected_version=source.version,
    )
    article.refresh_from_db()
    english = ArticleTranslation.objects.get(article=article, language="en")
    assert translation_state(article, english) == TranslationState.OUTDATED
    source = article.translations.get(language="fi")
    assert (source.revision, source.status) == (2, TranslationStatus.DRAFT)
    redone = translation_save(
        article=article,
        language="en",
        text=_text("Title", "New text."),
        by=user,
        expected_version=english.version,
    )
    assert redone.source_revision == 2


def test_translation_save__stale_version__refused_and_nothing_lost(editor):
    point, user = editor
    article = article_create(
        service_point=point, slug="a", life_situation="work", source_language="fi", text=_text(), by=user
    )
    source = article.translations.get()
    translation_save(
        article=article, language="fi", text=_text(body="Eka."), by=user, expected_version=source.version
    )
    with pytest.raises(StaleVersion):
        translation_save(
            article=article, language="fi", text=_text(body="Toka."), by=user, expected_version=source.version
        )
    assert article.translations.get().body == "Eka."


def test_translation_approve__only_from_review(editor):
    point, user = editor
    article = article_create(
        service_point=point, slug="a", life_situation="work", source_language="fi", text=_text(), by=user
    )
    with pytest.raises(ValidationError):
        translation_approve(translation=article.translations.get(), by=user)


def test_status_rows__every_language_of_every_article_in_two_queries(editor, django_assert_max_num_queries):
    point, user = editor
    for index in range(5):
        article_create(
            service_point=point,
            slug=f"a{index}",
            life_situation="work",
            source_language="fi",
            text=_text(),
            by=user,
        )
    with django_assert_max_num_queries(4):
        rows = article_status_rows(user=user)
    assert len(rows) == 5 and len(rows[0].cells) == 14
    assert {state for _, state, _ in rows[0].cells} == {
        TranslationState.UNPUBLISHED,
        TranslationState.MISSING,
    }
