from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.navigation import NavItem


class OrganisationsConfig(AppConfig):
    name = "kotopolku.organisations"
    label = "organisations"
    verbose_name = _("Organisations")
    navigation = (NavItem(_("Organisations"), "organisations:list", "organisations.view", order=80),)

    def ready(self) -> None:
        from kotopolku.organisations import permissions  # noqa: F401
