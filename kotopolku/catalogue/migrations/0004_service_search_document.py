"""PostgreSQL only: stored generated tsvectors per service translation (``search_document`` for
matching, with a GIN index; ``search_name`` for ranking).

Replaces the expression indexes of 0003 (ranking had to re-parse every matching text). The
column is not a model field: rows written by the ORM, bulk imports or COPY all get it from the
database. The expression is ``selectors.search.document_expression_sql``.
"""

from django.db import migrations

from kotopolku.catalogue.selectors.search import document_expression_sql, name_expression_sql

OLD_INDEXES = ["finnish", "swedish", "english", "simple"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in OLD_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS catalogue_svc_tr_fts_{config}")
    schema_editor.execute(
        "ALTER TABLE catalogue_servicetranslation ADD COLUMN IF NOT EXISTS search_document tsvector "
        f"GENERATED ALWAYS AS ({document_expression_sql()}) STORED"
    )
    schema_editor.execute(
        "ALTER TABLE catalogue_servicetranslation ADD COLUMN IF NOT EXISTS search_name tsvector "
        f"GENERATED ALWAYS AS ({name_expression_sql()}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS catalogue_svc_tr_search ON catalogue_servicetranslation "
        "USING gin (search_document)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS catalogue_svc_tr_search")
    schema_editor.execute("ALTER TABLE catalogue_servicetranslation DROP COLUMN IF EXISTS search_name")
    schema_editor.execute("ALTER TABLE catalogue_servicetranslation DROP COLUMN IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_service_search_index")]

    operations = [migrations.RunPython(forwards, backwards)]
