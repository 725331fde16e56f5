from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.home import HomePanel
from kotopolku.core.navigation import NavItem


class CaseworkConfig(AppConfig):
    name = "kotopolku.casework"
    label = "casework"
    verbose_name = _("Case work")
    navigation = (
        NavItem(_("Work list"), "casework:worklist", "casework.view", order=5),
        NavItem(_("Transfers"), "casework:transfers", "casework.transfer_decide", order=35),
        NavItem(_("Steps for us"), "casework:partner_steps", "casework.partner_steps", order=36),
    )

    # The advisor's landing page: their work list first on the home page.
    home_panels = (
        HomePanel(
            template="casework/home/worklist.html",
            roles=("advisor", "permit_expert", "coordinator"),
            context="kotopolku.casework.home.worklist_context",
            order=5,
        ),
    )

    def ready(self) -> None:
        from kotopolku.casework import permissions  # noqa: F401
        from kotopolku.casework.hooks import (
            casework_export,
            casework_export_document,
            casework_notes_timeline,
            casework_profile_panel,
            casework_retention_dates,
            casework_timeline,
            on_client_anonymised,
        )
        from kotopolku.clients.hooks import (
            client_anonymised,
            register_export_document,
            register_export_source,
            register_profile_panel,
            register_retention_source,
            register_timeline_source,
        )

        register_timeline_source(casework_timeline)
        register_timeline_source(casework_notes_timeline)
        register_export_source("casework", casework_export)
        register_export_document("casework", casework_export_document)
        register_profile_panel(casework_profile_panel)
        register_retention_source(casework_retention_dates)
        client_anonymised.connect(on_client_anonymised, dispatch_uid="casework.blank_free_text")

        from kotopolku.casework.receivers import on_referral_status_changed
        from kotopolku.referrals.signals import referral_status_changed

        referral_status_changed.connect(
            on_referral_status_changed, dispatch_uid="casework.step_follows_referral"
        )
