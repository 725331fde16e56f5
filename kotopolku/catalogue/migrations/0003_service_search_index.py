"""Partial GIN indexes for full-text search of service translations (PostgreSQL only).

The expressions must stay identical to ``selectors.search.document_sql`` so that the planner
uses them.
"""

from django.db import migrations

from kotopolku.catalogue.selectors.search import (
    FALLBACK_CONFIG,
    SEARCH_CONFIGS,
    document_sql,
    language_predicate_sql,
)

CONFIGS = [*SEARCH_CONFIGS.values(), FALLBACK_CONFIG]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in CONFIGS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS catalogue_svc_tr_fts_{config} ON catalogue_servicetranslation "
            f"USING gin ({document_sql(config)}) WHERE {language_predicate_sql(config)}"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in CONFIGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS catalogue_svc_tr_fts_{config}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_ptv_code_lists")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
