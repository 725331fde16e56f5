"""The rows the data migrations load (municipalities and every code list).

A test that commits (live server, threads) is cleaned up by emptying every table, which takes
these rows too; a later test that loads the demo puts them back first. Each loader is
idempotent.
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps

MIGRATION_DATA = (
    "kotopolku.organisations.migrations.0002_load_municipalities",
    "kotopolku.contacts.migrations.0002_code_lists",
    "kotopolku.catalogue.migrations.0002_ptv_code_lists",
    "kotopolku.casework.migrations.0002_code_lists",
    "kotopolku.employers.migrations.0002_load_code_lists",
    "kotopolku.appointments.migrations.0002_status_reasons",
)


def restore_code_lists() -> None:
    for module in MIGRATION_DATA:
        migration = import_module(module)
        (getattr(migration, "seed", None) or migration.load)(apps, None)
