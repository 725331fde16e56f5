"""Topic links carry the contact's service point and time: topic filters become one index range.

The columns are filled here and made NOT NULL in 0005 (PostgreSQL refuses ALTER TABLE with the
fill's deferred foreign-key checks pending in the same transaction)."""

import django.db.models.deletion
from django.db import migrations, models

FILL = """
UPDATE contacts_contacttopic SET
    service_point_id = (SELECT c.service_point_id FROM contacts_contact c WHERE c.id = contacts_contacttopic.contact_id),
    happened_at = (SELECT c.happened_at FROM contacts_contact c WHERE c.id = contacts_contacttopic.contact_id)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0003_time_index"),
        ("organisations", "0002_load_municipalities"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="contacttopic", name="contact_topic_topic_idx"),
        migrations.AddField(
            model_name="contacttopic",
            name="service_point",
            field=models.ForeignKey(
                null=True,
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisations.servicepoint",
            ),
        ),
        migrations.AddField(model_name="contacttopic", name="happened_at", field=models.DateTimeField(null=True)),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
