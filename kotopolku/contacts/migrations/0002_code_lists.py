"""Seed the desk's code lists: the topics and client groups a service point meets."""

from django.db import migrations

TOPICS = [
    ("residence_permits", "Oleskeluluvat ja kansalaisuus", "Uppehållstillstånd och medborgarskap", "Residence permits and citizenship"),
    ("registration", "DVV-rekisteröinti ja henkilötunnus", "Registrering hos MDB och personbeteckning", "DVV registration and personal identity code"),
    ("kela", "Kelan etuudet", "FPA:s förmåner", "Kela benefits"),
    ("taxes", "Verotus", "Beskattning", "Taxes"),
    ("housing", "Asuminen", "Boende", "Housing"),
    ("work", "Työ ja työnhaku", "Arbete och arbetssökande", "Work and job search"),
    ("entrepreneurship", "Yrittäjyys", "Företagande", "Entrepreneurship"),
    ("education", "Koulutus ja kielikurssit", "Utbildning och språkkurser", "Education and language courses"),
    ("recognition", "Tutkintojen tunnustaminen", "Erkännande av examina", "Recognition of qualifications"),
    ("health_social", "Sosiaali- ja terveyspalvelut", "Social- och hälsovårdstjänster", "Health and social services"),
    ("family", "Perhe ja lapset", "Familj och barn", "Family and children"),
    ("everyday", "Arki (pankki, puhelin, liikenne)", "Vardag (bank, telefon, trafik)", "Everyday life (bank, phone, transport)"),
    ("leisure", "Vapaa-aika", "Fritid", "Leisure"),
    ("other", "Muu asia", "Annat ärende", "Other"),
]  # fmt: skip

CLIENT_GROUPS = [
    ("work", "Työperäinen maahanmuuttaja", "Arbetskraftsinvandrare", "Work-based immigrant"),
    ("family", "Perheenjäsen", "Familjemedlem", "Family member"),
    ("student", "Opiskelija tai tutkija", "Studerande eller forskare", "Student or researcher"),
    ("international_protection", "Kansainvälistä suojelua saava", "Person som får internationellt skydd", "Beneficiary of international protection"),
    ("temporary_protection", "Tilapäistä suojelua saava", "Person som får tillfälligt skydd", "Beneficiary of temporary protection"),
    ("eu_nordic", "EU- tai Pohjoismaan kansalainen", "EU- eller nordisk medborgare", "EU or Nordic citizen"),
    ("returning_finn", "Paluumuuttaja", "Återflyttare", "Returning Finn"),
    ("employer", "Työnantaja tai yritys", "Arbetsgivare eller företag", "Employer or company"),
    ("professional", "Ammattilainen tai viranomainen", "Yrkesperson eller myndighet", "Professional or authority"),
    ("unknown", "Muu tai ei tiedossa", "Annan eller okänd", "Other or unknown"),
]  # fmt: skip


def seed(apps, schema_editor):
    for model_name, rows in (("Topic", TOPICS), ("ClientGroup", CLIENT_GROUPS)):
        model = apps.get_model("contacts", model_name)
        for order, (code, name_fi, name_sv, name_en) in enumerate(rows, start=1):
            model.objects.update_or_create(
                code=code,
                defaults={"name_fi": name_fi, "name_sv": name_sv, "name_en": name_en, "order": order * 10},
            )


def unseed(apps, schema_editor):
    for model_name, rows in (("Topic", TOPICS), ("ClientGroup", CLIENT_GROUPS)):
        model = apps.get_model("contacts", model_name)
        model.objects.filter(code__in=[row[0] for row in rows], contacts__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("contacts", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
