from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.navigation import NavItem


class WebsiteConfig(AppConfig):
    name = "kotopolku.website"
    label = "website"
    verbose_name = _("Public website")
    navigation = (NavItem(_("Inbox"), "website:inbox", "website.inbox", order=75),)

    def ready(self) -> None:
        from kotopolku.website import permissions  # noqa: F401
