"""Information articles: one row per article, one row per language of it, and guides that
collect articles. Readers see a language version only once it is published."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotopolku.articles.enums import TranslationStatus
from kotopolku.catalogue.enums import LifeSituation
from kotopolku.core.models import PublicIdModel
from kotopolku.core.public_languages import public_language_choices
from kotopolku.core.versioning import VersionedModel

MAX_TITLE_LENGTH = 200
MAX_SUMMARY_LENGTH = 500
MAX_BODY_LENGTH = 50_000


class Guide(PublicIdModel, VersionedModel):
    """A collection of articles read as one guide ("How to become a Kemi resident?")."""

    service_point = models.ForeignKey(
        "organisations.ServicePoint", on_delete=models.PROTECT, related_name="guides"
    )
    slug = models.SlugField(_("short name"), max_length=80)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        constraints = [
            models.UniqueConstraint(fields=["service_point", "slug"], name="articles_guide_slug_unique")
        ]

    def __str__(self) -> str:
        return self.slug


class GuideTranslation(PublicIdModel):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=16, choices=public_language_choices())
    title = models.CharField(_("title"), max_length=MAX_TITLE_LENGTH)
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        ordering = ["guide", "language"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "language"], name="articles_guide_translation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} [{self.language}]"


class Article(PublicIdModel, VersionedModel):
    """An article in any number of languages. ``source_language`` is the one others are
    translated from; a translation records the source revision it was made from."""

    service_point = models.ForeignKey(
        "organisations.ServicePoint", on_delete=models.PROTECT, related_name="articles"
    )
    slug = models.SlugField(_("short name"), max_length=80)
    life_situation = models.CharField(_("life situation"), max_length=32, choices=LifeSituation.choices)
    source_language = models.CharField(
        _("source language"), max_length=16, choices=public_language_choices(), default="fi"
    )
    guide = models.ForeignKey(
        Guide,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("guide"),
    )
    guide_position = models.PositiveSmallIntegerField(_("place in the guide"), default=0)
    related_services = models.ManyToManyField(
        "catalogue.Service", blank=True, related_name="+", verbose_name=_("related services")
    )
    path_steps = models.ManyToManyField(
        "catalogue.ServicePathStep", blank=True, related_name="+", verbose_name=_("steps of service paths")
    )

    class Meta:
        ordering = ["guide_position", "slug"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(fields=["service_point", "slug"], name="articles_article_slug_unique")
        ]

    def __str__(self) -> str:
        return self.slug


class ArticleTranslation(PublicIdModel, VersionedModel):
    """One language of an article. ``revision`` grows when its text changes; a translation's
    ``source_revision`` is the revision of the source it was made from: lower than the source's
    ``revision`` means outdated."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=16, choices=public_language_choices())
    title = models.CharField(_("title"), max_length=MAX_TITLE_LENGTH)
    summary = models.CharField(_("summary"), max_length=MAX_SUMMARY_LENGTH, blank=True)
    body = models.TextField(_("text"))
    revision = models.PositiveIntegerField(_("revision"), default=1)
    source_revision = models.PositiveIntegerField(_("translated from source revision"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=TranslationStatus.choices, default=TranslationStatus.DRAFT
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["article", "language"]
        verbose_name = _("article translation")
        verbose_name_plural = _("article translations")
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="articles_translation_unique")
        ]
        indexes = [models.Index(fields=["language", "status"], name="articles_tr_lang_status")]

    def __str__(self) -> str:
        return f"{self.title} [{self.language}]"

    @property
    def service_point_id(self) -> int:
        return self.article.service_point_id
