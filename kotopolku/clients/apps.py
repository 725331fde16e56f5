from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.navigation import NavItem


class ClientsConfig(AppConfig):
    name = "kotopolku.clients"
    label = "clients"
    verbose_name = _("Clients")
    navigation = (NavItem(_("Clients"), "clients:list", "clients.view", order=20),)

    def ready(self) -> None:
        from kotopolku.clients import permissions  # noqa: F401
