"""The chain becomes keyed (HMAC with AUDIT_KEY). Events already written keep the plain SHA-256
hash they were chained with, marked ``sha256``: rehashing them would launder any change made
before now, and verify still checks them. Every later event is ``hmac-sha256``."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="scheme",
            field=models.CharField(default="sha256", max_length=16),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="scheme",
            field=models.CharField(default="hmac-sha256", max_length=16),
        ),
    ]
