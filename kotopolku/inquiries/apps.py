from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.navigation import NavItem


class InquiriesConfig(AppConfig):
    name = "kotopolku.inquiries"
    label = "inquiries"
    verbose_name = _("Questions from the website")
    navigation = (NavItem(_("Inbox"), "inquiries:inbox", "inquiries.answer", order=75),)

    def ready(self) -> None:
        from kotopolku.inquiries import permissions  # noqa: F401
