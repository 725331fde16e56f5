from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.home import HomePanel
from kotopolku.core.navigation import NavItem


class ClientsConfig(AppConfig):
    name = "kotopolku.clients"
    label = "clients"
    verbose_name = _("Clients")
    navigation = (NavItem(_("Clients"), "clients:list", "clients.view", order=20),)
    home_panels = (
        HomePanel(
            template="clients/home/my_clients.html",
            roles=("advisor", "permit_expert"),
            context="kotopolku.clients.home.my_clients",
            order=20,
        ),
        HomePanel(
            template="clients/home/records_to_check.html",
            roles=("coordinator",),
            context="kotopolku.clients.home.records_to_check",
            order=30,
        ),
    )

    def ready(self) -> None:
        from kotopolku.clients import permissions  # noqa: F401
