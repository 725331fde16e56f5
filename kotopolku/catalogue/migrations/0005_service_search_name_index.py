"""PostgreSQL only: the indexes of the staff list's search order (``selectors.search.ServiceSearch``).

- ``catalogue_svc_tr_search_name``: GIN on ``search_name`` (0004), so that the services whose
  name matches, the only ones ranked, are found without reading every matching text.
- ``catalogue_service_updated``: ``(updated_at, id)``, so that the services matched by their
  text only are read newest first, a page at a time, instead of sorting all of them.

SQLite has no ``search_name`` column (the fallback search matches by substring); nothing to do.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS catalogue_svc_tr_search_name ON catalogue_servicetranslation "
        "USING gin (search_name)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS catalogue_service_updated ON catalogue_service (updated_at, id)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS catalogue_service_updated")
    schema_editor.execute("DROP INDEX IF EXISTS catalogue_svc_tr_search_name")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_service_search_document")]

    operations = [migrations.RunPython(forwards, backwards)]
