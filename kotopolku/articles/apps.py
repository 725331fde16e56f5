from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.navigation import NavItem


class ArticlesConfig(AppConfig):
    name = "kotopolku.articles"
    label = "articles"
    verbose_name = _("Information articles")
    navigation = (NavItem(_("Articles"), "articles:status", "articles.view", order=70),)

    def ready(self) -> None:
        from kotopolku.articles import permissions  # noqa: F401
