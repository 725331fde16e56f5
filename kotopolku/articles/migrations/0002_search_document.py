"""PostgreSQL only: a stored generated tsvector per article language version, parsed with the
stemmer of its language, with a GIN index (``selectors.search_document_sql``)."""

from django.db import migrations

from kotopolku.articles.selectors import search_document_sql


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE articles_articletranslation ADD COLUMN IF NOT EXISTS search_document tsvector "
        f"GENERATED ALWAYS AS ({search_document_sql()}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS articles_tr_search ON articles_articletranslation USING gin (search_document)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS articles_tr_search")
    schema_editor.execute("ALTER TABLE articles_articletranslation DROP COLUMN IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
