"""Seed the code list of reasons for cancelled and missed appointments."""

from django.db import migrations

REASONS = [
    # code, fi, sv, en, for a no-show
    ("client_cancelled", "Asiakas perui", "Klienten avbokade", "The client cancelled", False),
    ("client_ill", "Asiakas sairastui", "Klienten insjuknade", "The client fell ill", False),
    ("staff_absent", "Työntekijän poissaolo", "Arbetstagarens frånvaro", "The worker is absent", False),
    ("interpreter_unavailable", "Tulkkia ei saatu", "Tolk fanns inte", "No interpreter available", False),
    ("rebooked", "Siirretty uuteen aikaan", "Flyttad till ny tid", "Moved to another time", False),
    ("series_changed", "Sarjan ajat muuttuivat", "Seriens tider ändrades", "The series' times changed", False),
    ("series_cancelled", "Sarja peruttiin", "Serien ställdes in", "The series was cancelled", False),
    ("other", "Muu syy", "Annan orsak", "Other reason", False),
    ("no_show_unknown", "Ei saapunut, syy ei tiedossa", "Kom inte, orsak okänd", "Did not come, reason unknown", True),
    ("no_show_forgot", "Unohti ajan", "Glömde tiden", "Forgot the appointment", True),
    ("no_show_late", "Saapui liian myöhään", "Kom för sent", "Came too late", True),
    ("no_show_other", "Muu syy", "Annan orsak", "Other reason", True),
]


def seed(apps, schema_editor):
    StatusReason = apps.get_model("appointments", "StatusReason")
    for order, (code, fi, sv, en, no_show) in enumerate(REASONS):
        StatusReason.objects.update_or_create(
            code=code,
            defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "order": order, "for_no_show": no_show},
        )


class Migration(migrations.Migration):
    dependencies = [("appointments", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
