from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget_sites(**_kwargs: Any) -> None:
    from kotopolku.website.selectors import sites_forget

    sites_forget()


def _forget_articles(**_kwargs: Any) -> None:
    from kotopolku.website.selectors import articles_forget

    articles_forget()


class WebsiteConfig(AppConfig):
    name = "kotopolku.website"
    label = "website"
    verbose_name = _("Public website")

    def ready(self) -> None:
        from kotopolku.articles.models import Article, ArticleTranslation, Guide, GuideTranslation
        from kotopolku.organisations.models import ServicePoint
        from kotopolku.website.models import Site

        senders: list[tuple[Any, Any]] = [
            *((model, _forget_articles) for model in (Article, ArticleTranslation, Guide, GuideTranslation)),
            *((model, _forget_sites) for model in (Site, ServicePoint)),
        ]
        for model, forget in senders:
            post_save.connect(forget, sender=model, dispatch_uid=f"website-forget-{model.__name__}")
            post_delete.connect(forget, sender=model, dispatch_uid=f"website-forget-{model.__name__}-del")
