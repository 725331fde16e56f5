from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.navigation import NavItem


class ContactsConfig(AppConfig):
    name = "kotopolku.contacts"
    label = "contacts"
    verbose_name = _("Desk contacts")
    navigation = (NavItem(_("Desk"), "contacts:desk", "contacts.log", order=10),)

    def ready(self) -> None:
        from kotopolku.clients.hooks import (
            client_anonymised,
            register_export_document,
            register_export_source,
            register_timeline_source,
        )
        from kotopolku.contacts import permissions  # noqa: F401
        from kotopolku.contacts.hooks import (
            contact_export,
            contact_export_document,
            contact_timeline,
            on_client_anonymised,
        )

        register_timeline_source(contact_timeline)
        register_export_source("contacts", contact_export)
        register_export_document("contacts", contact_export_document)
        client_anonymised.connect(on_client_anonymised, dispatch_uid="contacts.blank_notes")
