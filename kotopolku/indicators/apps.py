from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.home import HomePanel
from kotopolku.core.navigation import NavItem


class IndicatorsConfig(AppConfig):
    name = "kotopolku.indicators"
    label = "indicators"
    verbose_name = _("Monitoring")
    navigation = (
        NavItem(_("Projects"), "indicators:projects", "indicators.view", order=60),
        NavItem(_("Desk statistics"), "indicators:desk", "indicators.view", order=61),
        NavItem(_("Situational picture"), "indicators:population", "indicators.view", order=62),
    )
    home_panels = (
        HomePanel(
            template="indicators/home/reports.html",
            roles=("reporting_viewer", "coordinator"),
            context="kotopolku.indicators.home.reports_context",
            order=15,
        ),
        HomePanel(
            template="indicators/home/follow_ups.html",
            roles=("advisor", "coordinator"),
            context="kotopolku.indicators.home.follow_ups_context",
            order=8,
        ),
    )

    def ready(self) -> None:
        from kotopolku.clients.hooks import (
            client_anonymised,
            register_export_source,
            register_profile_actions,
            register_timeline_source,
        )
        from kotopolku.indicators import permissions  # noqa: F401
        from kotopolku.indicators.hooks import (
            on_client_anonymised,
            participant_exit_timeline,
            participant_export,
            participant_profile_actions,
            participant_timeline,
        )

        register_timeline_source(participant_timeline)
        register_timeline_source(participant_exit_timeline)
        register_export_source("esf_participation", participant_export)
        register_profile_actions(participant_profile_actions)
        client_anonymised.connect(on_client_anonymised, dispatch_uid="indicators.keep_statistics")
