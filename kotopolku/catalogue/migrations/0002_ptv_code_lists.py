from django.db import migrations


def load(apps, schema_editor):
    from kotopolku.catalogue.codelists import load_ptv_code_lists

    load_ptv_code_lists(apps)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
