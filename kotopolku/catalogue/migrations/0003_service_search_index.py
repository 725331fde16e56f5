"""Superseded by 0004 (a stored search document); kept so that databases migrated to 0003 stay
consistent. It used to create partial GIN expression indexes, which 0004 drops."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_ptv_code_lists")]

    operations: list[migrations.operations.base.Operation] = []
