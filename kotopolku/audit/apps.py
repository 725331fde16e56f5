from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.navigation import NavItem


class AuditConfig(AppConfig):
    name = "kotopolku.audit"
    label = "audit"
    verbose_name = _("Audit log")
    navigation = (NavItem(_("Audit log"), "audit:events", "audit.view", order=90),)

    def ready(self) -> None:
        from kotopolku.audit import permissions  # noqa: F401
