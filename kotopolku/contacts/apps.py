from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "kotopolku.contacts"
    label = "contacts"
    verbose_name = _("Desk contacts")

    def ready(self) -> None:
        from kotopolku.contacts import permissions  # noqa: F401
