"""Generate a service catalogue at national scale, fast (bulk inserts).

Defaults: 3 000 organisations, 15 000 locations, 10 000 services, each with fi/sv/en
translations, opening hours, phones, languages, services at 1–2 locations and 1–3 PTV service
classes. Run against your own PostgreSQL database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_<you>_bench KOTOPOLKU_ENV=development \\
        .venv/bin/python -m kotopolku migrate
    DATABASE_URL=... .venv/bin/python bench/catalogue_generate.py [--services 10000] [--reset]

The texts are shaped like the national catalogue's (PTV), so that a search word matches the
share of services it would match in a real catalogue:

- Service names: one of ~70 real kinds of service an advisor meets (``SERVICE_KINDS``, in
  fi/sv/en, e.g. "Asumisneuvonta", "Verokortti", "Suomen kielen kurssi"), picked with Zipf-like
  weight 1/rank**0.8 (the most common kind names ~6 % of the services, the rarest ~0.3 %).
  45 % of the names add the municipality ("Asumisneuvonta – Rovaniemi"), a target group
  ("… maahanmuuttajille") or the organisation.
- Organisations: the national agencies (Kela, Verohallinto, Maahanmuuttovirasto …) give 85 %
  of the services of their kinds; the rest belong to local organisations named after the real
  municipalities (the organisations app's list) with real patterns ("Rovaniemen kaupunki",
  "SPR Oulun osasto", "Vaasan kansalaisopisto" …), picked with weight 1/rank**0.7, the biggest
  towns' organisations first. Municipalities themselves are weighted 1/rank.
- Descriptions (12–124 words, ~45 on average in Finnish): 1–2 sentences of the PTV description
  of the service's class and one of each other class (the real code list texts), who gives the
  service and where, and 1–4 of ~26 sentences services share ("Palvelu on maksuton.", "Varaa
  aika puhelimitse tai verkossa.") picked with weight 1/rank. Names and descriptions together
  hold ~2 700 distinct words in Finnish, ~2 000 in Swedish and ~1 600 in English.

On this data the advisor queries of bench/catalogue_search.py match from about 1 % ("asunto",
"rovaniemi") through several % ("työpaikka", "tax card", "suomen kielen kurssi") to 15–22 %
("perhe", "kela", "neuvonta", "bostad"), and "palvelu" matches every service, as in a real
catalogue where every description says what the service (palvelu) is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import setup_django

MARK = "BENCH"
TABLES = [
    "organisations_organisation",
    "catalogue_organisationprofile",
    "catalogue_organisationtranslation",
    "catalogue_location",
    "catalogue_locationtranslation",
    "catalogue_address",
    "catalogue_service",
    "catalogue_servicetranslation",
    "catalogue_serviceatlocation",
    "catalogue_schedule",
    "catalogue_phone",
    "catalogue_language",
    "catalogue_serviceclassification",
]
BATCH = 2000

# Service kinds an immigrant advisor meets, as the national catalogue (PTV) names them:
# (fi, sv, en, PTV service class, national agency that gives it or "").  Listed from the most to
# the least common; a service picks one with Zipf-like weight 1/rank**0.8.
SERVICE_KINDS: list[tuple[str, str, str, str, str]] = [
    ("Asumisneuvonta", "Boenderådgivning", "Housing advice", "P1", ""),
    ("Työnhaun ohjaus", "Handledning i jobbsökning", "Job search guidance", "P10.1", ""),
    ("Kotoutumiskoulutus", "Integrationsutbildning", "Integration training", "P4.11", ""),
    ("Suomen kielen kurssi", "Kurs i finska", "Finnish language course", "P22.3", ""),
    ("Sosiaalineuvonta", "Social rådgivning", "Social advice", "P4.13", ""),
    (
        "Kelan yleinen asumistuki",
        "FPA:s allmänna bostadsbidrag",
        "Kela general housing allowance",
        "P1.4",
        "Kela",
    ),
    ("Perheneuvola", "Familjerådgivning", "Family counselling", "P3.7", ""),
    ("Terveysneuvonta", "Hälsorådgivning", "Health advice", "P5.17", ""),
    ("Alkukartoitus", "Inledande kartläggning", "Initial assessment", "P4.11", "Työllisyyspalvelut"),
    ("Verokortti", "Skattekort", "Tax card", "P14.1", "Verohallinto"),
    (
        "Oleskelulupa työntekijälle",
        "Uppehållstillstånd för arbetstagare",
        "Residence permit for an employed person",
        "P22.1",
        "Maahanmuuttovirasto",
    ),
    ("Työmarkkinatuki", "Arbetsmarknadsstöd", "Labour market subsidy", "P10.6", "Kela"),
    ("Lapsilisä", "Barnbidrag", "Child benefit", "P3.2", "Kela"),
    (
        "Kotikunnan rekisteröinti",
        "Registrering av hemkommun",
        "Registration of a municipality of residence",
        "P1.5",
        "Digi- ja väestötietovirasto",
    ),
    (
        "Varhaiskasvatuksen hakeminen",
        "Ansökan om småbarnspedagogik",
        "Applying for early childhood education",
        "P3.4",
        "",
    ),
    ("Velkaneuvonta", "Skuldrådgivning", "Debt advice", "P15.1", ""),
    ("Mielenterveyspalvelut", "Mentalvårdstjänster", "Mental health services", "P5.7", ""),
    ("Toimeentulotuki", "Utkomststöd", "Social assistance", "P4.10", "Kela"),
    ("Vuokra-asunnon hakeminen", "Ansökan om hyresbostad", "Applying for a rental flat", "P1.1", ""),
    (
        "Työpaikat ja rekrytointi",
        "Lediga jobb och rekrytering",
        "Jobs and recruitment",
        "P10.1",
        "Työllisyyspalvelut",
    ),
    ("Ammatinvalinta- ja uraohjaus", "Yrkesval och karriärvägledning", "Career guidance", "P10.2", ""),
    ("Neuvolapalvelut", "Rådgivningstjänster", "Maternity and child health clinic", "P5.2", ""),
    ("Oikeusapu", "Rättshjälp", "Legal aid", "P7.4", "Oikeusaputoimisto"),
    ("Tulkkauspalvelu", "Tolktjänst", "Interpreting service", "P9.4", ""),
    (
        "Kansalaisuushakemus",
        "Medborgarskapsansökan",
        "Application for citizenship",
        "P22.4",
        "Maahanmuuttovirasto",
    ),
    ("Perhe-etuudet", "Familjeförmåner", "Family benefits", "P3.2", "Kela"),
    ("Nuorten työpaja", "Verkstad för unga", "Youth workshop", "P28.3", ""),
    (
        "Ohjaamo – nuorten neuvonta",
        "Navigatorn – rådgivning för unga",
        "Ohjaamo – guidance for young people",
        "P28.5",
        "",
    ),
    (
        "Aikuisten perusopetus",
        "Grundläggande utbildning för vuxna",
        "Basic education for adults",
        "P6.10",
        "",
    ),
    (
        "Kieliopinnot kansalaisopistossa",
        "Språkstudier vid medborgarinstitutet",
        "Language studies at the adult education centre",
        "P22.3",
        "",
    ),
    ("Yrityksen perustaminen", "Att grunda ett företag", "Starting a business", "P11.4", ""),
    (
        "Henkilötunnuksen hakeminen",
        "Ansökan om personbeteckning",
        "Applying for a personal identity code",
        "P1.5",
        "Digi- ja väestötietovirasto",
    ),
    ("Perheenyhdistäminen", "Familjeåterförening", "Family reunification", "P22.1", "Maahanmuuttovirasto"),
    ("Kela-kortti", "FPA-kort", "Kela card", "P5.15", "Kela"),
    ("Työttömyysturva", "Utkomstskydd för arbetslösa", "Unemployment benefits", "P10.6", "Kela"),
    ("Opintotuki", "Studiestöd", "Financial aid for students", "P6.14", "Kela"),
    (
        "Kuntouttava työtoiminta",
        "Arbetsverksamhet i rehabiliteringssyfte",
        "Rehabilitative work activities",
        "P4.8",
        "",
    ),
    ("Vapaaehtoistoiminta", "Frivilligverksamhet", "Volunteering", "P4.12", ""),
    ("Vertaistukiryhmä", "Kamratstödsgrupp", "Peer support group", "P5.16", ""),
    ("Kirjaston palvelut", "Bibliotekstjänster", "Library services", "P25", ""),
    ("Veroilmoitus", "Skattedeklaration", "Tax return", "P14.1", "Verohallinto"),
    ("Ajokortti", "Körkort", "Driving licence", "P16.2", "Poliisi"),
    ("Passi ja henkilökortti", "Pass och identitetskort", "Passport and identity card", "P22.1", "Poliisi"),
    (
        "Koululaisten iltapäivätoiminta",
        "Eftermiddagsverksamhet för skolelever",
        "Afternoon activities for schoolchildren",
        "P6.3",
        "",
    ),
    (
        "Perusopetukseen ilmoittautuminen",
        "Anmälan till grundläggande utbildning",
        "Enrolment in basic education",
        "P6.2",
        "",
    ),
    ("Liikuntaneuvonta", "Motionsrådgivning", "Exercise advice", "P27.1", ""),
    ("Päihdepalvelut", "Missbrukartjänster", "Substance abuse services", "P5.7", ""),
    ("Lastensuojelu", "Barnskydd", "Child welfare", "P3.8", ""),
    ("Kotihoito", "Hemvård", "Home care", "P4.3", ""),
    ("Vammaispalvelut", "Handikappservice", "Disability services", "P4.4", ""),
    ("Eläkeneuvonta", "Pensionsrådgivning", "Pension advice", "P13", "Kela"),
    ("Asumisoikeusasunnot", "Bostadsrättsbostäder", "Right-of-occupancy housing", "P1.3", ""),
    ("Rikosilmoitus", "Brottsanmälan", "Reporting a crime", "P7.5", "Poliisi"),
    ("Tutkintojen tunnustaminen", "Erkännande av examina", "Recognition of qualifications", "P22.2", ""),
    ("Oppisopimuskoulutus", "Läroavtalsutbildning", "Apprenticeship training", "P6.7", ""),
    ("Palkkatuki", "Lönesubvention", "Pay subsidy", "P10.7", "Työllisyyspalvelut"),
    (
        "Maahanmuuttajien neuvontapiste",
        "Rådgivningspunkt för invandrare",
        "Advice point for immigrants",
        "P4.11",
        "",
    ),
    ("Työsuhdeneuvonta", "Rådgivning i anställningsfrågor", "Employment relationship advice", "P10.3", ""),
    ("Hammashoito", "Tandvård", "Dental care", "P5.10", ""),
    ("Rokotukset", "Vaccinationer", "Vaccinations", "P5.3", ""),
    ("Päivystys", "Jour", "Emergency care", "P5.5", ""),
    (
        "Joukkoliikenteen matkakortti",
        "Resekort för kollektivtrafik",
        "Public transport travel card",
        "P16.5",
        "",
    ),
    (
        "Jätehuolto ja kierrätys",
        "Avfallshantering och återvinning",
        "Waste management and recycling",
        "P23.2",
        "",
    ),
    ("Kuluttajaneuvonta", "Konsumentrådgivning", "Consumer advice", "P21.1", ""),
    (
        "Luottotiedot ja maksuhäiriöt",
        "Kreditupplysningar och betalningsstörningar",
        "Credit information and payment defaults",
        "P15.3",
        "",
    ),
    ("Kulttuuritoiminta", "Kulturverksamhet", "Cultural activities", "P25", ""),
    ("Nuorisotalo", "Ungdomsgård", "Youth centre", "P28.1", ""),
    ("Vaaleissa äänestäminen", "Att rösta i val", "Voting in elections", "P8.2", ""),
]

# Who a service is for, added to some names ("Suomen kielen kurssi nuorille").
TARGET_GROUPS = [
    ("maahanmuuttajille", "för invandrare", "for immigrants"),
    ("nuorille", "för unga", "for young people"),
    ("perheille", "för familjer", "for families"),
    ("työnhakijoille", "för arbetssökande", "for jobseekers"),
    ("ikäihmisille", "för äldre", "for older people"),
    ("opiskelijoille", "för studerande", "for students"),
    ("naisille", "för kvinnor", "for women"),
    ("yrittäjille", "för företagare", "for entrepreneurs"),
]

# Sentences that service descriptions share, most common first (Zipf-like weight 1/rank).
COMMON_SENTENCES = [
    ("Palvelu on maksuton.", "Tjänsten är avgiftsfri.", "The service is free of charge."),
    (
        "Varaa aika puhelimitse tai verkossa.",
        "Boka tid per telefon eller på nätet.",
        "Book an appointment by phone or online.",
    ),
    (
        "Palvelua saa suomeksi, ruotsiksi ja englanniksi.",
        "Tjänsten ges på finska, svenska och engelska.",
        "The service is available in Finnish, Swedish and English.",
    ),
    ("Tarvittaessa käytämme tulkkia.", "Vid behov använder vi tolk.", "We use an interpreter when needed."),
    (
        "Ota mukaan henkilöllisyystodistus.",
        "Ta med ett identitetsbevis.",
        "Bring an identity document with you.",
    ),
    (
        "Voit asioida myös ilman ajanvarausta.",
        "Du kan också besöka oss utan tidsbokning.",
        "You can also visit us without an appointment.",
    ),
    ("Neuvonta on luottamuksellista.", "Rådgivningen är konfidentiell.", "The advice is confidential."),
    (
        "Palvelu on tarkoitettu alueella asuville.",
        "Tjänsten är avsedd för personer som bor i området.",
        "The service is for people living in the area.",
    ),
    (
        "Ohjaamme sinut tarvittaessa oikeaan palveluun.",
        "Vid behov hänvisar vi dig till rätt tjänst.",
        "If needed, we refer you to the right service.",
    ),
    ("Tilat ovat esteettömät.", "Lokalerna är tillgängliga.", "The premises are accessible."),
    (
        "Hakemuksen voi tehdä verkossa tai paperilomakkeella.",
        "Ansökan kan göras på nätet eller på en pappersblankett.",
        "You can apply online or on a paper form.",
    ),
    (
        "Käsittelyaika on noin kuukausi.",
        "Handläggningstiden är cirka en månad.",
        "Processing takes about a month.",
    ),
    (
        "Autamme lomakkeiden täyttämisessä.",
        "Vi hjälper till med att fylla i blanketter.",
        "We help you fill in forms.",
    ),
    (
        "Tarvitset pankkitunnukset tai mobiilivarmenteen sähköiseen asiointiin.",
        "Du behöver nätbankskoder eller mobilcertifikat för e-tjänsten.",
        "You need online banking codes or a mobile certificate for the e-service.",
    ),
    (
        "Kysy lisää Kelasta tai Työllisyyspalveluista.",
        "Fråga mer hos FPA eller arbetskraftsservicen.",
        "Ask Kela or the Employment Services for more information.",
    ),
    (
        "Palvelu on osa kunnan kotoutumisohjelmaa.",
        "Tjänsten är en del av kommunens integrationsprogram.",
        "The service is part of the municipality's integration programme.",
    ),
    (
        "Ryhmät kokoontuvat kerran viikossa.",
        "Grupperna träffas en gång i veckan.",
        "The groups meet once a week.",
    ),
    ("Lapset voivat tulla mukaan.", "Barnen kan följa med.", "Children are welcome."),
    (
        "Kurssille ilmoittaudutaan etukäteen.",
        "Man anmäler sig till kursen i förväg.",
        "Sign up for the course in advance.",
    ),
    (
        "Palvelun järjestää vapaaehtoisten verkosto.",
        "Tjänsten ordnas av ett nätverk av frivilliga.",
        "The service is run by a network of volunteers.",
    ),
    ("Verokortin saat OmaVerosta.", "Du får skattekortet i MinSkatt.", "You get your tax card in MyTax."),
    (
        "Asunnon vuokrasopimus kannattaa tehdä kirjallisesti.",
        "Hyresavtalet för bostaden bör göras skriftligt.",
        "A tenancy agreement should be made in writing.",
    ),
    (
        "Työpaikkoja voi etsiä Työmarkkinatorilla.",
        "Lediga jobb finns på Jobbmarknaden.",
        "You can look for jobs on the Job Market Finland service.",
    ),
    (
        "Perheen kaikki jäsenet ovat tervetulleita.",
        "Hela familjen är välkommen.",
        "All family members are welcome.",
    ),
    (
        "Kielikurssin tasot ovat alkeista jatkotasolle.",
        "Språkkursens nivåer är från nybörjare till fortsättningsnivå.",
        "Language course levels range from beginners to intermediate.",
    ),
    (
        "Palautetta voi antaa verkkosivuilla.",
        "Respons kan ges på webbplatsen.",
        "You can give feedback on the website.",
    ),
]

# National agencies (fi, sv, en) and their share of all services; the rest are local.
AGENCIES = {
    "Kela": ("Kela", "FPA", "Kela"),
    "Verohallinto": ("Verohallinto", "Skatteförvaltningen", "Finnish Tax Administration"),
    "Maahanmuuttovirasto": ("Maahanmuuttovirasto", "Migrationsverket", "Finnish Immigration Service"),
    "Digi- ja väestötietovirasto": (
        "Digi- ja väestötietovirasto",
        "Myndigheten för digitalisering och befolkningsdata",
        "Digital and Population Data Services Agency",
    ),
    "Työllisyyspalvelut": ("Työllisyyspalvelut", "Arbetskraftsservice", "Employment Services"),
    "Poliisi": ("Poliisi", "Polisen", "Police"),
    "Oikeusaputoimisto": ("Oikeusaputoimisto", "Rättshjälpsbyrå", "Public legal aid office"),
}

# Local organisations: (fi name pattern, sv, en, weight). {gen} = the municipality's Finnish
# genitive ("Rovaniemen"), {fi}/{sv} its names; {word} a topic word.
LOCAL_ORGANISATIONS = [
    ("{gen} kaupunki", "{sv} stad", "City of {fi}", 4),
    ("{gen} seurakunta", "{sv} församling", "Parish of {fi}", 2),
    ("{gen} kansalaisopisto", "{sv} medborgarinstitut", "{fi} Adult Education Centre", 2),
    ("{gen} kaupunginkirjasto", "{sv} stadsbibliotek", "{fi} City Library", 1),
    ("{gen} Setlementti ry", "Settlementet i {sv} rf", "{fi} Settlement Association", 1),
    (
        "{gen} Monikulttuuriyhdistys ry",
        "Mångkulturella föreningen i {sv} rf",
        "{fi} Multicultural Association",
        2,
    ),
    ("SPR {gen} osasto", "FRK {sv} avdelning", "Finnish Red Cross, {fi} branch", 2),
    (
        "{gen} Mielenterveysseura ry",
        "Föreningen för mental hälsa i {sv} rf",
        "{fi} Mental Health Association",
        1,
    ),
    ("{gen} Nuorisoasiainkeskus", "Ungdomscentralen i {sv}", "{fi} Youth Services", 1),
    ("{gen} Työttömät ry", "De arbetslösa i {sv} rf", "{fi} Unemployed Association", 1),
    ("{gen} Martat ry", "Martha-föreningen i {sv} rf", "{fi} Martha Association", 1),
    ("{gen} Yrityspalvelut", "Företagstjänster i {sv}", "{fi} Business Services", 1),
]


# The biggest municipalities first: services and organisations are spread over the
# municipalities with weight 1/rank (so Helsinki has the most, a small municipality a few).
BIG_MUNICIPALITIES = [
    "Helsinki",
    "Espoo",
    "Tampere",
    "Vantaa",
    "Oulu",
    "Turku",
    "Jyväskylä",
    "Kuopio",
    "Lahti",
    "Pori",
    "Kouvola",
    "Joensuu",
    "Lappeenranta",
    "Hämeenlinna",
    "Vaasa",
    "Seinäjoki",
    "Rovaniemi",
    "Mikkeli",
    "Kotka",
    "Salo",
    "Porvoo",
    "Kokkola",
    "Hyvinkää",
    "Lohja",
    "Järvenpää",
    "Rauma",
    "Kajaani",
    "Kemi",
    "Tornio",
    "Savonlinna",
]
STREETS = ["Koulukatu", "Rantakatu", "Kauppakatu", "Asemakatu", "Keskuskatu"]
LANGUAGES = ["fi", "sv", "en", "ru", "ar", "so", "uk", "fa", "et", "zh"]
APPLICATION = [
    ("Varaa aika puhelimitse.", "Boka tid per telefon.", "Book an appointment by phone."),
    ("Täytä hakemus verkossa.", "Fyll i ansökan på nätet.", "Fill in the application online."),
    (
        "Tule paikan päälle aukioloaikana.",
        "Kom på plats under öppettiderna.",
        "Visit us during opening hours.",
    ),
    ("Ilmoittaudu sähköpostilla.", "Anmäl dig per e-post.", "Sign up by e-mail."),
    ("Pyydä ohjaajaltasi lähete.", "Be din handledare om en remiss.", "Ask your advisor for a referral."),
]


def zipf_weights(count: int, exponent: float) -> list[float]:
    """Weight of the item at rank r (1-based): 1 / r**exponent."""
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


@dataclass(frozen=True)
class Place:
    fi: str
    sv: str
    genitive: str  # "Rovaniemen", for Finnish organisation names
    postal_code: str


def places() -> list[Place]:
    """The real municipalities (loaded by the organisations app's migrations), biggest first."""
    from kotopolku.organisations.models import Municipality

    rows = list(Municipality.objects.order_by("name_fi"))
    if not rows:
        raise SystemExit("No municipalities: run migrate first.")
    rank = {name: n for n, name in enumerate(BIG_MUNICIPALITIES)}
    rows.sort(key=lambda row: (rank.get(row.name_fi, len(rank)), row.name_fi))
    result = []
    for row in rows:
        owner = row.organisation_name.split(" ")
        genitive = owner[0] if len(owner) == 2 and owner[1] in ("kaupunki", "kunta") else f"{row.name_fi}n"
        result.append(
            Place(row.name_fi, row.name_sv or row.name_fi, genitive, f"{int(row.code) * 100:05d}"[-5:])
        )
    return result


def _sentences(text: str) -> list[str]:
    return [part.strip().rstrip(".") + "." for part in text.split(". ") if part.strip()]


def reset() -> None:
    from kotopolku.catalogue.models import Location, Service
    from kotopolku.organisations.models import Organisation

    Service.objects.filter(organisation__short_name=MARK).delete()
    Location.objects.filter(organisation__short_name=MARK).delete()
    Organisation.objects.filter(short_name=MARK).delete()


def _organisation_rows(
    count: int, towns: list[Place]
) -> list[tuple[tuple[str, str, str], str, Place | None]]:
    """(names fi/sv/en, kind, municipality): the national agencies, then local organisations of
    the biggest municipalities first (every pattern of a municipality before the next one)."""
    rows: list[tuple[tuple[str, str, str], str, Place | None]] = [
        (names, "state_authority", None) for names in AGENCIES.values()
    ]
    patterns = sorted(LOCAL_ORGANISATIONS, key=lambda pattern: -pattern[3])
    for town in towns:
        for fi, sv, en, _weight in patterns:
            if len(rows) >= count:
                return rows
            kind = "municipal_service" if "kaupunki" in fi or "Nuoriso" in fi or "kirjasto" in fi else "ngo"
            if "opisto" in fi:
                kind = "educational"
            names = (
                fi.format(gen=town.genitive, fi=town.fi, sv=town.sv),
                sv.format(gen=town.genitive, fi=town.fi, sv=town.sv),
                en.format(gen=town.genitive, fi=town.fi, sv=town.sv),
            )
            rows.append((names, kind, town))
    index = 0
    while len(rows) < count:  # more organisations than patterns: numbered branches
        names, kind, town = rows[len(AGENCIES) + index % (len(rows) - len(AGENCIES))]
        rows.append(
            ((f"{names[0]} {index + 2}", f"{names[1]} {index + 2}", f"{names[2]} {index + 2}"), kind, town)
        )
        index += 1
    return rows


def generate(*, services: int, organisations: int, locations: int, seed: int = 7) -> dict[str, int]:
    from django.db import transaction

    from kotopolku.catalogue.models import (
        Address,
        Language,
        Location,
        LocationTranslation,
        OrganisationProfile,
        OrganisationTranslation,
        Phone,
        Schedule,
        Service,
        ServiceAtLocation,
        ServiceClassification,
        ServiceTranslation,
        TaxonomyTerm,
    )
    from kotopolku.organisations.models import Organisation

    rng = random.Random(seed)
    counts: dict[str, int] = {}
    terms = list(TaxonomyTerm.objects.filter(taxonomy__key="ptv-service-classes"))
    if not terms:
        raise SystemExit("No PTV service classes: run migrate first.")
    term_by_code = {term.code: term for term in terms}
    towns = places()
    town_weights = zipf_weights(len(towns), 1.0)
    kind_weights = zipf_weights(len(SERVICE_KINDS), 0.8)
    common_weights = zipf_weights(len(COMMON_SENTENCES), 1.0)

    def bulk(model, rows):  # type: ignore[no-untyped-def]
        created = model.objects.bulk_create(rows, batch_size=BATCH)
        counts[model.__name__] = counts.get(model.__name__, 0) + len(created)
        return created

    def class_sentences(term: TaxonomyTerm, language: str, count: int) -> list[str]:
        sentences = _sentences(getattr(term, f"description_{language}") or "")
        return rng.sample(sentences, min(count, len(sentences)))

    with transaction.atomic():
        org_rows = _organisation_rows(organisations, towns)
        orgs = bulk(
            Organisation,
            [
                Organisation(
                    name=names[0],
                    name_sv=names[1],
                    name_en=names[2],
                    short_name=MARK,
                    kind=kind,
                    email=f"info{n}@example.fi",
                    website=f"https://org{n}.example.fi",
                )
                for n, (names, kind, _town) in enumerate(org_rows)
            ],
        )
        org_town = {org.pk: town for org, (_names, _kind, town) in zip(orgs, org_rows, strict=True)}
        agency = {
            names[0]: org for org, (names, _kind, _town) in zip(orgs, org_rows, strict=True) if _town is None
        }
        local_orgs = orgs[len(AGENCIES) :]
        local_weights = zipf_weights(len(local_orgs), 0.7)
        bulk(OrganisationProfile, [OrganisationProfile(organisation=org, legal_status="ry") for org in orgs])
        organisation_texts = (
            ("fi", "{} tarjoaa palveluja alueensa asukkaille."),
            ("sv", "{} erbjuder tjänster för invånarna i området."),
            ("en", "{} offers services for the people of its area."),
        )
        bulk(
            OrganisationTranslation,
            [
                OrganisationTranslation(
                    organisation=org,
                    language=language,
                    description=template.format(
                        getattr(org, {"fi": "name"}.get(language, f"name_{language}"))
                    ),
                )
                for org in orgs
                for language, template in organisation_texts
            ],
        )
        locs = bulk(
            Location,
            [
                Location(
                    organisation=rng.choice(orgs),
                    latitude=Decimal(f"{rng.uniform(60, 69):.6f}"),
                    longitude=Decimal(f"{rng.uniform(21, 29):.6f}"),
                )
                for _ in range(locations)
            ],
        )
        loc_town = [org_town.get(loc.organisation_id) or rng.choices(towns, town_weights)[0] for loc in locs]
        bulk(
            LocationTranslation,
            [
                LocationTranslation(location=loc, language=language, name=f"{prefix} {town_name}")
                for loc, town in zip(locs, loc_town, strict=True)
                for language, prefix, town_name in (
                    ("fi", "Asiointipiste", town.fi),
                    ("sv", "Servicepunkt", town.sv),
                    ("en", "Service point", town.fi),
                )
            ],
        )
        bulk(
            Address,
            [
                Address(
                    location=loc,
                    address_1=f"{rng.choice(STREETS)} {n % 60 + 1}",
                    postal_code=town.postal_code,
                    city=town.fi,
                )
                for n, (loc, town) in enumerate(zip(locs, loc_town, strict=True))
            ],
        )
        # Each service: a kind (Zipf over SERVICE_KINDS), its agency (85 % of the kinds that
        # have one) or a local organisation (Zipf over the organisations, big towns first).
        plans = []
        for _ in range(services):
            kind = rng.choices(SERVICE_KINDS, kind_weights)[0]
            if kind[4] and rng.random() < 0.85:
                org = agency[kind[4]]
                town = rng.choices(towns, town_weights)[0]
            else:
                org = rng.choices(local_orgs, local_weights)[0]
                town = org_town[org.pk] or towns[0]
            plans.append((kind, org, town, rng.random(), rng.randrange(len(TARGET_GROUPS))))
        svcs = bulk(
            Service,
            [
                Service(
                    organisation=org,
                    url=f"https://palvelu{n}.example.fi",
                    minimum_age=rng.choice([None, 16, 18]),
                )
                for n, (_kind, org, _town, _shape, _group) in enumerate(plans)
            ],
        )
        classes: dict[int, list[TaxonomyTerm]] = {}
        for svc, (kind, *_rest) in zip(svcs, plans, strict=True):
            main = term_by_code.get(kind[3]) or rng.choice(terms)
            others = rng.sample(terms, rng.choice([0, 0, 1, 2]))
            classes[svc.pk] = [main, *[term for term in others if term.pk != main.pk]]
        translations = []
        for svc, (kind, org, town, shape, group) in zip(svcs, plans, strict=True):
            org_names = (org.name, org.name_sv, org.name_en)
            for index, (language, town_name) in enumerate(
                (("fi", town.fi), ("sv", town.sv), ("en", town.fi))
            ):
                name = kind[index]
                if shape < 0.25:
                    name = f"{name} – {town_name}"
                elif shape < 0.40:
                    name = f"{name} {TARGET_GROUPS[group][index]}"
                elif shape < 0.55:
                    name = f"{name}, {org_names[index]}"
                provider = (
                    f"Palvelun tarjoaa {org_names[0]}.",
                    f"Tjänsten tillhandahålls av {org_names[1]}.",
                    f"The service is provided by {org_names[2]}.",
                )[index]
                where = ("Palvelupaikka: {}.", "Serviceställe: {}.", "Service location: {}.")[index]
                sentences = class_sentences(classes[svc.pk][0], language, rng.choice([1, 2]))
                for term in classes[svc.pk][1:]:
                    sentences += class_sentences(term, language, 1)
                sentences += [provider, where.format(town_name)]
                sentences += [
                    row[index]
                    for row in rng.choices(COMMON_SENTENCES, common_weights, k=rng.choice([1, 2, 3, 4]))
                ]
                translations.append(
                    ServiceTranslation(
                        service=svc,
                        language=language,
                        name=name[:300],
                        description=" ".join(dict.fromkeys(sentences)),
                        application_process=" ".join(
                            dict.fromkeys(row[index] for row in rng.sample(APPLICATION, rng.choice([1, 2])))
                        ),
                    )
                )
        bulk(ServiceTranslation, translations)
        sals = []
        for svc in svcs:
            for loc in rng.sample(locs, rng.choice([1, 1, 2])):
                sals.append(ServiceAtLocation(service=svc, location=loc))
        bulk(ServiceAtLocation, sals)
        schedules = [
            Schedule(
                service=svc,
                freq="WEEKLY",
                byday="MO,TU,WE,TH,FR",
                opens_at=dt.time(8 + rng.randrange(3)),
                closes_at=dt.time(15 + rng.randrange(3)),
            )
            for svc in svcs
        ]
        schedules += [
            Schedule(location=loc, freq="WEEKLY", byday="MO,WE", opens_at=dt.time(9), closes_at=dt.time(12))
            for loc in locs
        ]
        bulk(Schedule, schedules)
        bulk(Phone, [Phone(service=svc, number=f"+358 40 {n:07d}") for n, svc in enumerate(svcs)])
        bulk(
            Language,
            [
                Language(service=svc, code=code)
                for svc in svcs
                for code in rng.sample(LANGUAGES, rng.choice([1, 2, 3]))
            ],
        )
        bulk(
            ServiceClassification,
            [
                ServiceClassification(service=svc, term=term, uuid=uuid.uuid4())
                for svc in svcs
                for term in classes[svc.pk]
            ],
        )
    return counts


def tidy(*, full: bool) -> None:
    """Fresh statistics; after ``--reset`` also compact the tables (half of every page would be
    dead rows, which a catalogue that grew normally does not have)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if full:
            for table in TABLES:
                cursor.execute(f"VACUUM (FULL, ANALYZE) {table}")
        else:
            cursor.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=3_000)
    parser.add_argument("--locations", type=int, default=15_000)
    parser.add_argument("--reset", action="store_true", help="Delete earlier generated data first.")
    args = parser.parse_args()
    setup_django()
    if args.reset:
        reset()
    started = time.perf_counter()
    counts = generate(services=args.services, organisations=args.organisations, locations=args.locations)
    elapsed = time.perf_counter() - started
    tidy(full=args.reset)
    print(f"catalogue_generate: {sum(counts.values())} rows in {elapsed:.1f}s")
    for name, number in counts.items():
        print(f"  {name}: {number}")


if __name__ == "__main__":
    main()
