from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.navigation import NavItem


class CatalogueConfig(AppConfig):
    name = "kotopolku.catalogue"
    label = "catalogue"
    verbose_name = _("Service catalogue")
    navigation = (NavItem(_("Service catalogue"), "catalogue:service_list", "catalogue.view", order=60),)

    def ready(self) -> None:
        from kotopolku.catalogue import permissions  # noqa: F401
