from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.home import HomePanel
from kotopolku.core.navigation import NavItem


class AccountsConfig(AppConfig):
    name = "kotopolku.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    navigation = (NavItem(_("Users"), "accounts:user_list", "accounts.administer", order=95),)
    home_panels = (
        HomePanel(
            template="accounts/home/administration.html",
            roles=("administrator",),
            context="kotopolku.accounts.home.administration",
            order=10,
        ),
        HomePanel(
            template="accounts/home/security.html",
            roles=("administrator", "coordinator"),
            context="kotopolku.accounts.home.security",
            order=90,
        ),
    )

    def ready(self) -> None:
        from kotopolku.accounts import administration, signals  # noqa: F401
        from kotopolku.accounts.permissions import grants_for
        from kotopolku.audit.services import register_organisation_label

        register_organisation_label(lambda actor: grants_for(actor).organisation_label)
