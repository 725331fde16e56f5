"""Demo articles and guides (idempotent): the seeds' guides in Finnish, plain Finnish, English
and Russian, some translations outdated on purpose and one still a draft."""

from __future__ import annotations

from typing import Any, TextIO

from django.db import transaction
from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.articles import demo_data as data
from kotopolku.articles.enums import TranslationStatus
from kotopolku.articles.models import Article, ArticleTranslation, Guide, GuideTranslation
from kotopolku.catalogue.demo import demo_uuid
from kotopolku.catalogue.models import Service, ServicePathStep

APPROVER = "coordinator@demo.kotopolku.fi"


@transaction.atomic
def load_demo(*, tenancy: Any, stdout: TextIO) -> None:
    points = {"kemi": tenancy.kemi, "rovaniemi": tenancy.rovaniemi}
    approver = User.objects.filter(email=APPROVER).first()
    guides: dict[str, Guide] = {}
    for spec in data.GUIDES:
        guide, _ = Guide.objects.update_or_create(
            service_point=points[spec["service_point"]], slug=spec["key"]
        )
        for language, (title, introduction) in spec["texts"].items():
            GuideTranslation.objects.update_or_create(
                guide=guide, language=language, defaults={"title": title, "introduction": introduction}
            )
        guides[spec["key"]] = guide
    translations = 0
    for spec in data.ARTICLES:
        article, _ = Article.objects.update_or_create(
            service_point=points[spec["service_point"]],
            slug=spec["key"],
            defaults={
                "life_situation": spec["life_situation"],
                "source_language": "fi",
                "guide": guides.get(spec["guide"]),
                "guide_position": spec["position"],
            },
        )
        services = Service.objects.filter(uuid__in=[demo_uuid("service", key) for key in spec["services"]])
        article.related_services.set(services)
        steps = [
            demo_uuid("path", path, "step", number) for path, number in data.PATH_STEPS.get(spec["key"], [])
        ]
        article.path_steps.set(ServicePathStep.objects.filter(uuid__in=steps))
        for language, (title, summary, body) in spec["texts"].items():
            is_source = language == article.source_language
            draft = language in spec.get("draft", [])
            source_revision = (
                None if is_source else (1 if language in spec["outdated"] else spec["source_revision"])
            )
            ArticleTranslation.objects.update_or_create(
                article=article,
                language=language,
                defaults={
                    "title": title,
                    "summary": summary,
                    "body": body,
                    "revision": spec["source_revision"] if is_source else 1,
                    "source_revision": source_revision,
                    "status": TranslationStatus.DRAFT if draft else TranslationStatus.PUBLISHED,
                    "approved_by": None if draft else approver,
                    "approved_at": None if draft else timezone.now(),
                },
            )
            translations += 1
    stdout.write(
        f"Articles: {len(data.ARTICLES)} articles in {translations} language versions, {len(guides)} guides\n"
    )
