from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from kotopolku.accounts.demo import DEMO_PASSWORD, load_users
from kotopolku.organisations.demo import load_tenancy

_FOUNDATION = {"kotopolku.core", "kotopolku.audit", "kotopolku.organisations", "kotopolku.accounts"}


class Command(BaseCommand):
    help = (
        "Load the demo municipality (idempotent): the Lapland network, its service points, partners and one "
        "user per role, then each app's own demo data."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            tenancy = load_tenancy()
            users = load_users(tenancy)
            for app in settings.KOTOPOLKU_APPS:
                if app in _FOUNDATION or find_spec(f"{app}.demo") is None:
                    continue
                loader = getattr(import_module(f"{app}.demo"), "load_demo", None)
                if loader is not None:
                    loader(tenancy=tenancy, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded. Log in with one of these users:"))
        with translation.override("en"):
            for user in users:
                self.stdout.write(f"  {user.email:<40} {user.role.label}")
        self.stdout.write(f"Password for every demo user: {DEMO_PASSWORD}")
