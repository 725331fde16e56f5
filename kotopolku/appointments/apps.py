from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.home import HomePanel
from kotopolku.core.navigation import NavItem


class AppointmentsConfig(AppConfig):
    name = "kotopolku.appointments"
    label = "appointments"
    verbose_name = _("Appointments")
    navigation = (
        NavItem(_("Calendar"), "appointments:calendar", "appointments.calendar", order=50),
        NavItem(_("Appointment requests"), "appointments:requests", "appointments.requests", order=51),
        NavItem(_("Interpreters"), "appointments:interpreter_report", "appointments.report", order=52),
    )

    home_panels = (
        HomePanel(
            template="appointments/home/today.html",
            roles=("advisor", "permit_expert", "coordinator"),
            context="kotopolku.appointments.home.today_context",
            order=20,
        ),
    )

    def ready(self) -> None:
        from kotopolku.appointments import permissions  # noqa: F401
        from kotopolku.appointments.hooks import (
            appointment_export,
            appointment_profile_actions,
            appointment_timeline,
        )
        from kotopolku.clients.hooks import (
            register_export_source,
            register_profile_actions,
            register_timeline_source,
        )

        register_profile_actions(appointment_profile_actions)
        register_timeline_source(appointment_timeline)
        register_export_source("appointments", appointment_export)
