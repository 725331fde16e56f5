from django.db import migrations


def load(apps, schema_editor):
    from kotopolku.employers.codelists import INDUSTRIES, OCCUPATIONS, load_classification

    load_classification(apps.get_model("employers", "IndustryClass"), INDUSTRIES)
    load_classification(apps.get_model("employers", "Occupation"), OCCUPATIONS)


class Migration(migrations.Migration):
    dependencies = [("employers", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
