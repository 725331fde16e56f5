from django.db import migrations


def load(apps, schema_editor):
    # ISCO-08 occupations were loaded here too until 0003 moved openings and job seekers to case
    # work's code list; a new database has no rows to map, so the table stays empty until 0003
    # drops it.
    from kotopolku.employers.codelists import INDUSTRIES, load_classification

    load_classification(apps.get_model("employers", "IndustryClass"), INDUSTRIES)


class Migration(migrations.Migration):
    dependencies = [("employers", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
