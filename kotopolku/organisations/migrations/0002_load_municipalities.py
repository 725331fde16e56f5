from django.db import migrations


def load(apps, schema_editor):
    from kotopolku.organisations.services import municipalities_load

    municipalities_load(model=apps.get_model("organisations", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
