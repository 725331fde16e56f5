from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.home import HomePanel
from kotopolku.core.navigation import NavItem


class ReferralsConfig(AppConfig):
    name = "kotopolku.referrals"
    label = "referrals"
    verbose_name = _("Referrals")
    navigation = (
        NavItem(_("Referrals"), "referrals:list", "referrals.view", order=40),
        NavItem(_("Referral inbox"), "referrals:inbox", "referrals.partner_view", order=41),
    )

    home_panels = (
        HomePanel(
            template="referrals/home/inbox.html",
            roles=("partner_staff",),
            context="kotopolku.referrals.home.inbox_context",
            order=10,
        ),
        HomePanel(
            template="referrals/home/waiting.html",
            roles=("advisor", "permit_expert", "coordinator"),
            context="kotopolku.referrals.home.waiting_context",
            order=40,
        ),
    )

    def ready(self) -> None:
        from kotopolku.clients.hooks import (
            register_export_source,
            register_profile_actions,
            register_timeline_source,
        )
        from kotopolku.referrals import permissions  # noqa: F401
        from kotopolku.referrals.hooks import referral_export, referral_profile_actions, referral_timeline

        register_profile_actions(referral_profile_actions)
        register_timeline_source(referral_timeline)
        register_export_source("referrals", referral_export)
