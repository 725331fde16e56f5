from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kotopolku.core"
    label = "core"
    verbose_name = "Kotopolku core"
