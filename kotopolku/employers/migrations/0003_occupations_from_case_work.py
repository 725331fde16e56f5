"""Openings and job seekers name ISCO-08 groups of case work's code list; this app's own copy of
ISCO-08 goes. Each row is moved by its code. A code case work's list lacks is added to it from the
old row (the two were loaded from the same file, so this only happens to a database whose case
work list was edited by hand). Reversible: the old table is filled again from case work's list."""

import django.db.models.deletion
from django.db import migrations, models

ISCO = "isco08"


def _item_for(items, old):  # type: ignore[no-untyped-def]
    item, _created = items.get_or_create(
        scheme=ISCO,
        code=old.code,
        defaults={
            "level": old.level,
            "parent_code": old.parent_code,
            "label_fi": old.name_fi,
            "label_sv": old.name_sv,
            "label_en": old.name_en,
        },
    )
    return item


def to_case_work(apps, schema_editor):  # type: ignore[no-untyped-def]
    items = apps.get_model("casework", "CodeListItem").objects
    old_rows = apps.get_model("employers", "Occupation").objects
    for model in (apps.get_model("employers", "JobOpening"), apps.get_model("employers", "DesiredOccupation")):
        used = model.objects.values_list("occupation_id", flat=True).distinct()
        for old in old_rows.filter(pk__in=list(used)):
            model.objects.filter(occupation_id=old.pk).update(isco_id=_item_for(items, old).pk)


def from_case_work(apps, schema_editor):  # type: ignore[no-untyped-def]
    old_rows = apps.get_model("employers", "Occupation").objects
    items = apps.get_model("casework", "CodeListItem").objects.filter(scheme=ISCO)
    existing = set(old_rows.values_list("code", flat=True))
    old_rows.bulk_create(
        [
            old_rows.model(
                code=item.code,
                level=item.level,
                parent_code=item.parent_code,
                name_fi=item.label_fi,
                name_sv=item.label_sv,
                name_en=item.label_en,
            )
            for item in items
            if item.code not in existing
        ],
        batch_size=500,
    )
    by_code = dict(old_rows.values_list("code", "pk"))
    for model in (apps.get_model("employers", "JobOpening"), apps.get_model("employers", "DesiredOccupation")):
        used = model.objects.values_list("isco_id", flat=True).distinct()
        for item in items.filter(pk__in=list(used)):
            model.objects.filter(isco_id=item.pk).update(occupation_id=by_code[item.code])


def _isco(null: bool, **kwargs):  # type: ignore[no-untyped-def]
    return models.ForeignKey(
        null=null,
        limit_choices_to={"scheme": ISCO},
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="casework.codelistitem",
        **kwargs,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0002_code_lists"),
        ("employers", "0002_load_code_lists"),
    ]

    operations = [
        migrations.AddField(model_name="jobopening", name="isco", field=_isco(True)),
        migrations.AddField(model_name="desiredoccupation", name="isco", field=_isco(True)),
        migrations.RemoveConstraint(model_name="desiredoccupation", name="desired_occupation_unique"),
        migrations.AlterField(
            model_name="jobopening",
            name="occupation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="employers.occupation",
                verbose_name="occupation (ISCO-08)",
            ),
        ),
        migrations.AlterField(
            model_name="desiredoccupation",
            name="occupation",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="employers.occupation"
            ),
        ),
        migrations.RunPython(to_case_work, from_case_work),
        migrations.RemoveField(model_name="jobopening", name="occupation"),
        migrations.RemoveField(model_name="desiredoccupation", name="occupation"),
        migrations.RenameField(model_name="jobopening", old_name="isco", new_name="occupation"),
        migrations.RenameField(model_name="desiredoccupation", old_name="isco", new_name="occupation"),
        migrations.AlterField(
            model_name="jobopening",
            name="occupation",
            field=_isco(False, verbose_name="occupation (ISCO-08)"),
        ),
        migrations.AlterField(model_name="desiredoccupation", name="occupation", field=_isco(False)),
        migrations.AddConstraint(
            model_name="desiredoccupation",
            constraint=models.UniqueConstraint(fields=("client", "occupation"), name="desired_occupation_unique"),
        ),
        migrations.DeleteModel(name="Occupation"),
    ]
