from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.navigation import NavItem


class DuplicatesConfig(AppConfig):
    name = "kotopolku.duplicates"
    label = "duplicates"
    verbose_name = _("Duplicates")
    navigation = (NavItem(_("Duplicates"), "duplicates:queue", "duplicates.review", order=15),)
    # Subcommands of ``python -m kotopolku clients`` this app provides (name → callable path).
    clients_commands = {"sweep": "kotopolku.duplicates.commands.sweep_command"}

    def ready(self) -> None:
        from kotopolku.clients.hooks import register_export_source, register_timeline_source
        from kotopolku.clients.matching.warning import set_parameters_provider
        from kotopolku.duplicates import permissions  # noqa: F401
        from kotopolku.duplicates.hooks import pair_export, pair_timeline
        from kotopolku.duplicates.selectors import learned_parameters

        set_parameters_provider(learned_parameters)
        register_timeline_source(pair_timeline)
        register_export_source("duplicates", pair_export)
