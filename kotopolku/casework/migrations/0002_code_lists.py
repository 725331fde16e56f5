"""Load the ISCO-08, ISCED 2011 and ISCED-F 2013 code lists (data/SOURCE.md)."""

from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from kotopolku.casework.codelists import code_lists_load

    code_lists_load(apps.get_model("casework", "CodeListItem"))


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
