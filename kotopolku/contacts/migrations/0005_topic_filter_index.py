import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("contacts", "0004_topic_filter_fields")]

    operations = [
        migrations.AlterField(
            model_name="contacttopic",
            name="service_point",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisations.servicepoint",
            ),
        ),
        migrations.AlterField(model_name="contacttopic", name="happened_at", field=models.DateTimeField()),
        migrations.AlterField(
            model_name="contacttopic",
            name="topic",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contacts.topic",
            ),
        ),
        migrations.AddIndex(
            model_name="contacttopic",
            index=models.Index(fields=["topic", "service_point", "-happened_at"], name="contact_topic_filter_idx"),
        ),
    ]
