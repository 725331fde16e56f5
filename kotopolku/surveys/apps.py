from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kotopolku.core.navigation import NavItem


class SurveysConfig(AppConfig):
    name = "kotopolku.surveys"
    label = "surveys"
    verbose_name = _("Feedback surveys")
    navigation = (NavItem(_("Surveys"), "surveys:list", "surveys.view", order=80),)

    def ready(self) -> None:
        from kotopolku.surveys import permissions  # noqa: F401
