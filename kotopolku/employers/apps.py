from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.home import HomePanel
from kotopolku.core.navigation import NavItem


class EmployersConfig(AppConfig):
    name = "kotopolku.employers"
    label = "employers"
    verbose_name = _("Employers")
    navigation = (
        NavItem(_("Employers"), "employers:list", "employers.view", order=40),
        NavItem(_("Job openings"), "employers:openings", "employers.view", order=41),
    )

    home_panels = (
        HomePanel(
            template="employers/home/follow_ups.html",
            roles=("advisor", "coordinator"),
            context="kotopolku.employers.home.follow_ups_context",
            order=40,
        ),
    )

    def ready(self) -> None:
        from kotopolku.clients.hooks import register_export_source, register_timeline_source
        from kotopolku.employers import permissions  # noqa: F401
        from kotopolku.employers.hooks import employment_export, employment_timeline, placement_timeline

        register_timeline_source(employment_timeline)
        register_timeline_source(placement_timeline)
        register_export_source("employers", employment_export)
