from __future__ import annotations

import factory

from kotopolku.articles.enums import TranslationStatus
from kotopolku.articles.models import Article, ArticleTranslation, Guide, GuideTranslation
from kotopolku.organisations.tests.factories import ServicePointFactory


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guide

    service_point = factory.SubFactory(ServicePointFactory)
    slug = factory.Sequence(lambda n: f"guide-{n}")


class GuideTranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideTranslation

    guide = factory.SubFactory(GuideFactory)
    language = "fi"
    title = factory.Sequence(lambda n: f"Opas {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    service_point = factory.SubFactory(ServicePointFactory)
    slug = factory.Sequence(lambda n: f"article-{n}")
    life_situation = "work"
    source_language = "fi"


class ArticleTranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleTranslation

    article = factory.SubFactory(ArticleFactory)
    language = "fi"
    title = factory.Sequence(lambda n: f"Artikkeli {n}")
    summary = "Lyhyesti."
    body = "Ensimmäinen kappale.\n\nToinen kappale."
    status = TranslationStatus.PUBLISHED


def published_article(*, languages: tuple[str, ...] = ("fi",), **kwargs: object) -> Article:
    """An article published in ``languages`` (the first is its source)."""
    article = ArticleFactory(source_language=languages[0], **kwargs)
    for language in languages:
        ArticleTranslationFactory(
            article=article,
            language=language,
            title=f"{article.slug} {language}",
            source_revision=None if language == languages[0] else 1,
        )
    return article
