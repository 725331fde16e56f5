from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.navigation import NavItem


class EventsConfig(AppConfig):
    name = "kotopolku.events"
    label = "events"
    verbose_name = _("Events")
    navigation = (NavItem(_("Events"), "events:list", "events.view", order=50),)

    def ready(self) -> None:
        from kotopolku.clients.hooks import (
            client_anonymised,
            register_export_source,
            register_timeline_source,
        )
        from kotopolku.events import permissions  # noqa: F401
        from kotopolku.events.hooks import on_client_anonymised, registration_export, registration_timeline

        register_timeline_source(registration_timeline)
        register_export_source("events", registration_export)
        client_anonymised.connect(on_client_anonymised, dispatch_uid="events.blank_registrations")
