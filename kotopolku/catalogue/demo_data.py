# ruff: noqa: E501  (long multilingual texts are data)
"""Demo content of the service catalogue: real-shaped services of Rovaniemi and Kemi and their
partners, in Finnish, Swedish and English. Texts are (fi, sv, en) triples.

Addresses, phone numbers and hours are plausible, not authoritative: this is demo data.
"""

from __future__ import annotations

from typing import Any

T = tuple[str, str, str]

ROVANIEMI, KEMI = "698", "240"
LAPLAND = [ROVANIEMI, KEMI, "241", "751", "845", "851"]  # Rovaniemi, Kemi, Keminmaa, Simo, Tervola, Tornio
WEEKDAYS = "MO,TU,WE,TH,FR"

# Organisations the catalogue adds next to the foundation's partners (matched by name).
EXTRA_ORGANISATIONS: list[dict[str, Any]] = [
    {
        "key": "Rovaniemen kaupunki",
        "name": "Rovaniemen kaupunki",
        "name_sv": "Rovaniemi stad",
        "name_en": "City of Rovaniemi",
        "short_name": "Rovaniemi",
        "kind": "municipal_service",
        "municipality": ROVANIEMI,
        "website": "https://www.rovaniemi.fi",
    },
    {
        "key": "Kemin kaupunki",
        "name": "Kemin kaupunki",
        "name_sv": "Kemi stad",
        "name_en": "City of Kemi",
        "short_name": "Kemi",
        "kind": "municipal_service",
        "municipality": KEMI,
        "website": "https://www.kemi.fi",
    },
    {
        "key": "PRH",
        "name": "Patentti- ja rekisterihallitus",
        "name_sv": "Patent- och registerstyrelsen",
        "name_en": "Finnish Patent and Registration Office",
        "short_name": "PRH",
        "kind": "state_authority",
        "municipality": None,
        "website": "https://www.prh.fi",
    },
]

ORGANISATION_TEXTS: dict[str, T] = {
    "Kela": (
        "Kela hoitaa Suomessa asuvien perusturvaa: sairausvakuutus, lapsilisä, asumistuki, opintotuki ja työttömyysturvan perusosa.",
        "FPA sköter grundtryggheten för personer bosatta i Finland: sjukförsäkring, barnbidrag, bostadsbidrag, studiestöd och grundläggande arbetslöshetsskydd.",
        "Kela handles basic social security for residents of Finland: health insurance, child benefit, housing allowance, student financial aid and basic unemployment security.",
    ),
    "DVV": (
        "Digi- ja väestötietovirasto rekisteröi ulkomaalaiset väestötietojärjestelmään ja antaa henkilötunnuksen.",
        "Myndigheten för digitalisering och befolkningsdata registrerar utlänningar i befolkningsdatasystemet och ger personbeteckning.",
        "The Digital and Population Data Services Agency registers foreign nationals in the Population Information System and issues personal identity codes.",
    ),
    "Vero": (
        "Verohallinto antaa verokortit ja verotunnisteet ja neuvoo verotuksessa.",
        "Skatteförvaltningen utfärdar skattekort och skattenummer och ger råd om beskattning.",
        "The Finnish Tax Administration issues tax cards and tax numbers and advises on taxation.",
    ),
    "Migri": (
        "Maahanmuuttovirasto päättää oleskeluluvista, kansalaisuudesta ja kansainvälisestä suojelusta.",
        "Migrationsverket fattar beslut om uppehållstillstånd, medborgarskap och internationellt skydd.",
        "The Finnish Immigration Service decides on residence permits, citizenship and international protection.",
    ),
}

LOCATIONS: list[dict[str, Any]] = [
    {
        "key": "ih-rovaniemi",
        "org": "Rovaniemen kaupunki",
        "name": (
            "International House Rovaniemi",
            "International House Rovaniemi",
            "International House Rovaniemi",
        ),
        "description": (
            "Maahan muuttaneiden matalan kynnyksen palvelupiste Rovaniemen keskustassa.",
            "Lågtröskelservicepunkt för inflyttade i Rovaniemi centrum.",
            "A low-threshold service point for people who moved to Finland, in central Rovaniemi.",
        ),
        "transportation": (
            "Kävelymatka linja-autoasemalta 5 min. Kaupunkiliikenteen pysäkki Koskikatu.",
            "Fem minuters promenad från busstationen. Stadsbusshållplats Koskikatu.",
            "A five-minute walk from the bus station. City bus stop Koskikatu.",
        ),
        "accessibility": (
            "Esteetön sisäänkäynti katutasosta, induktiosilmukka asiakaspalvelupisteessä.",
            "Tillgänglig ingång från gatunivå, induktionsslinga vid kundtjänsten.",
            "Step-free entrance from street level; induction loop at the service desk.",
        ),
        "address": ("Valtakatu 2", "96100", "Rovaniemi", ROVANIEMI),
        "lat": "66.502790",
        "lon": "25.728540",
        "phone": "+358 16 322 2500",
        "languages": ["fi", "en", "sv", "ru", "ar"],
        "hours": [
            {"byday": "MO,TU,TH", "opens": "09:00", "closes": "15:00"},
            {"byday": "WE", "opens": "09:00", "closes": "18:00"},
            {"byday": "FR", "opens": "09:00", "closes": "13:00"},
        ],
    },
    {
        "key": "pointti-kemi",
        "org": "Kemin kaupunki",
        "name": ("International Pointti Kemi", "International Pointti Kemi", "International Pointti Kemi"),
        "description": (
            "Kemin maahan muuttaneiden neuvontapiste kaupungintalolla.",
            "Kemis rådgivningspunkt för inflyttade i stadshuset.",
            "Kemi's advice point for people who moved to Finland, in the town hall.",
        ),
        "transportation": (
            "Kemin linja-autoasemalta 400 m. Pysäköinti kaupungintalon pihalla.",
            "400 m från Kemi busstation. Parkering på stadshusets gård.",
            "400 m from Kemi bus station. Parking in the town hall yard.",
        ),
        "accessibility": (
            "Hissi toiseen kerrokseen, esteetön wc.",
            "Hiss till andra våningen, tillgänglig toalett.",
            "Lift to the second floor; accessible toilet.",
        ),
        "address": ("Valtakatu 26", "94100", "Kemi", KEMI),
        "lat": "65.735500",
        "lon": "24.563700",
        "phone": "+358 16 258 111",
        "languages": ["fi", "en", "ru", "uk"],
        "hours": [{"byday": "MO,TU,WE,TH", "opens": "09:00", "closes": "15:00"}],
    },
    {
        "key": "kela-rovaniemi",
        "org": "Kela",
        "name": (
            "Kelan palvelupiste Rovaniemi",
            "FPA:s servicepunkt Rovaniemi",
            "Kela service point Rovaniemi",
        ),
        "description": ("", "", ""),
        "transportation": (
            "Kauppakeskus Sampokeskuksen vieressä.",
            "Bredvid köpcentret Sampokeskus.",
            "Next to the Sampokeskus shopping centre.",
        ),
        "accessibility": ("Esteetön sisäänkäynti.", "Tillgänglig ingång.", "Step-free entrance."),
        "address": ("Rovakatu 23", "96200", "Rovaniemi", ROVANIEMI),
        "lat": "66.500600",
        "lon": "25.723900",
        "phone": "+358 20 692 204",
        "languages": ["fi", "sv", "en"],
        "hours": [{"byday": WEEKDAYS, "opens": "09:00", "closes": "16:00"}],
    },
    {
        "key": "kela-kemi",
        "org": "Kela",
        "name": ("Kelan palvelupiste Kemi", "FPA:s servicepunkt Kemi", "Kela service point Kemi"),
        "description": ("", "", ""),
        "transportation": ("", "", ""),
        "accessibility": ("Esteetön sisäänkäynti.", "Tillgänglig ingång.", "Step-free entrance."),
        "address": ("Keskuspuistokatu 11", "94100", "Kemi", KEMI),
        "lat": "65.736900",
        "lon": "24.565600",
        "phone": "+358 20 692 204",
        "languages": ["fi", "sv", "en"],
        "hours": [{"byday": "MO,TU,WE,TH", "opens": "09:00", "closes": "15:00"}],
    },
    {
        "key": "virastotalo-rovaniemi",
        "org": "DVV",
        "name": (
            "Valtion virastotalo Rovaniemi (DVV, Migri)",
            "Statens ämbetshus Rovaniemi (DVV, Migri)",
            "Government office building Rovaniemi (DVV, Migri)",
        ),
        "description": (
            "Digi- ja väestötietoviraston ja Maahanmuuttoviraston palvelupisteet, ajanvarauksella.",
            "Servicepunkterna för Myndigheten för digitalisering och befolkningsdata och Migrationsverket, med tidsbokning.",
            "Service points of the Digital and Population Data Services Agency and the Finnish Immigration Service, by appointment.",
        ),
        "transportation": ("", "", ""),
        "accessibility": (
            "Esteetön sisäänkäynti Hallituskadun puolelta.",
            "Tillgänglig ingång från Hallituskatu.",
            "Step-free entrance on Hallituskatu.",
        ),
        "address": ("Hallituskatu 5", "96100", "Rovaniemi", ROVANIEMI),
        "lat": "66.501900",
        "lon": "25.731200",
        "phone": "+358 295 536 000",
        "languages": ["fi", "sv", "en"],
        "hours": [{"byday": WEEKDAYS, "opens": "09:00", "closes": "16:15"}],
    },
    {
        "key": "vero-rovaniemi",
        "org": "Vero",
        "name": ("Verotoimisto Rovaniemi", "Skattebyrån i Rovaniemi", "Tax office Rovaniemi"),
        "description": ("Palvelu ajanvarauksella.", "Service med tidsbokning.", "Service by appointment."),
        "transportation": ("", "", ""),
        "accessibility": ("Esteetön sisäänkäynti.", "Tillgänglig ingång.", "Step-free entrance."),
        "address": ("Valtakatu 32", "96100", "Rovaniemi", ROVANIEMI),
        "lat": "66.500200",
        "lon": "25.719600",
        "phone": "+358 29 497 050",
        "languages": ["fi", "sv", "en"],
        "hours": [{"byday": WEEKDAYS, "opens": "09:00", "closes": "16:00"}],
    },
    {
        "key": "tyollisyys-rovaniemi",
        "org": "Työllisyyspalvelut Rovaniemi",
        "name": (
            "Rovaniemen työllisyyspalvelut",
            "Rovaniemi sysselsättningstjänster",
            "Rovaniemi employment services",
        ),
        "description": ("", "", ""),
        "transportation": ("", "", ""),
        "accessibility": (
            "Esteetön sisäänkäynti, hissi.",
            "Tillgänglig ingång, hiss.",
            "Step-free entrance, lift.",
        ),
        "address": ("Rovakatu 21", "96200", "Rovaniemi", ROVANIEMI),
        "lat": "66.501100",
        "lon": "25.724600",
        "phone": "+358 16 322 6000",
        "languages": ["fi", "en"],
        "hours": [{"byday": WEEKDAYS, "opens": "09:00", "closes": "15:00"}],
    },
    {
        "key": "tyollisyys-kemi",
        "org": "Työllisyyspalvelut Kemi",
        "name": ("Kemin työllisyyspalvelut", "Kemi sysselsättningstjänster", "Kemi employment services"),
        "description": ("", "", ""),
        "transportation": ("", "", ""),
        "accessibility": ("Esteetön sisäänkäynti.", "Tillgänglig ingång.", "Step-free entrance."),
        "address": ("Valtakatu 14", "94100", "Kemi", KEMI),
        "lat": "65.734800",
        "lon": "24.561400",
        "phone": "+358 16 259 400",
        "languages": ["fi", "en"],
        "hours": [{"byday": WEEKDAYS, "opens": "09:00", "closes": "15:00"}],
    },
    {
        "key": "terveysasema-rovaniemi",
        "org": "Lapin hyvinvointialue",
        "name": ("Rovaniemen terveysasema", "Rovaniemi hälsostation", "Rovaniemi health centre"),
        "description": ("", "", ""),
        "transportation": (
            "Kaupunkiliikenteen linjat 1 ja 3.",
            "Stadsbusslinjerna 1 och 3.",
            "City bus lines 1 and 3.",
        ),
        "accessibility": (
            "Esteetön, pyörätuolilla pääsee kaikkiin tiloihin.",
            "Tillgänglig, rullstol når alla utrymmen.",
            "Accessible; wheelchairs reach all rooms.",
        ),
        "address": ("Sairaalakatu 1", "96400", "Rovaniemi", ROVANIEMI),
        "lat": "66.494800",
        "lon": "25.758500",
        "phone": "+358 16 322 4000",
        "languages": ["fi", "sv", "en"],
        "hours": [{"byday": WEEKDAYS, "opens": "08:00", "closes": "16:00"}],
    },
    {
        "key": "terveysasema-kemi",
        "org": "Lapin hyvinvointialue",
        "name": ("Kemin terveysasema", "Kemi hälsostation", "Kemi health centre"),
        "description": ("", "", ""),
        "transportation": ("", "", ""),
        "accessibility": ("Esteetön sisäänkäynti.", "Tillgänglig ingång.", "Step-free entrance."),
        "address": ("Sairaalakatu 1", "94100", "Kemi", KEMI),
        "lat": "65.741500",
        "lon": "24.561000",
        "phone": "+358 16 259 511",
        "languages": ["fi", "en"],
        "hours": [{"byday": WEEKDAYS, "opens": "08:00", "closes": "16:00"}],
    },
    {
        "key": "moninet",
        "org": "MoniNet",
        "name": (
            "Monikulttuurikeskus MoniNet",
            "Mångkulturella centret MoniNet",
            "Multicultural centre MoniNet",
        ),
        "description": (
            "Avoin kohtaamispaikka, neuvontaa ja kielikahvila.",
            "Öppen mötesplats, rådgivning och språkcafé.",
            "An open meeting place with advice and a language café.",
        ),
        "transportation": ("", "", ""),
        "accessibility": (
            "Sisäänkäynnissä kaksi porrasta, ramppi saatavilla.",
            "Två trappsteg vid ingången, ramp finns.",
            "Two steps at the entrance; a ramp is available.",
        ),
        "address": ("Rovakatu 26", "96200", "Rovaniemi", ROVANIEMI),
        "lat": "66.500900",
        "lon": "25.721800",
        "phone": "+358 40 123 4567",
        "languages": ["fi", "en", "ru", "ar", "so", "fa", "uk"],
        "hours": [
            {"byday": "MO,TU,WE,TH", "opens": "10:00", "closes": "16:00"},
            {"byday": "FR", "opens": "10:00", "closes": "14:00"},
        ],
    },
    {
        "key": "spr-lappi",
        "org": "SPR Lappi",
        "name": (
            "SPR Lapin piiri ja Walkers-nuorisokahvila",
            "FRK Lapplands distrikt och ungdomscaféet Walkers",
            "Finnish Red Cross Lapland and Walkers youth café",
        ),
        "description": ("", "", ""),
        "transportation": ("", "", ""),
        "accessibility": (
            "Esteetön sisäänkäynti pihan puolelta.",
            "Tillgänglig ingång från gården.",
            "Step-free entrance from the yard.",
        ),
        "address": ("Rovakatu 17", "96200", "Rovaniemi", ROVANIEMI),
        "lat": "66.501600",
        "lon": "25.726100",
        "phone": "+358 20 701 2000",
        "languages": ["fi", "en", "uk", "ru"],
        # The youth café stays open past midnight on Friday and Saturday nights.
        "hours": [
            {"byday": "MO,TU,WE,TH", "opens": "10:00", "closes": "15:00"},
            {"byday": "FR,SA", "opens": "19:00", "closes": "01:00"},
        ],
    },
    {
        "key": "ulapland",
        "org": "Lapin yliopisto",
        "name": (
            "Lapin yliopisto, päärakennus",
            "Lapplands universitet, huvudbyggnaden",
            "University of Lapland, main building",
        ),
        "description": ("", "", ""),
        "transportation": ("Kaupunkiliikenteen linja 8.", "Stadsbusslinje 8.", "City bus line 8."),
        "accessibility": (
            "Esteetön, hissit kaikkiin kerroksiin.",
            "Tillgänglig, hissar till alla våningar.",
            "Accessible; lifts to every floor.",
        ),
        "address": ("Yliopistonkatu 8", "96300", "Rovaniemi", ROVANIEMI),
        "lat": "66.484700",
        "lon": "25.708600",
        "phone": "+358 40 484 4011",
        "languages": ["fi", "en"],
        "hours": [{"byday": WEEKDAYS, "opens": "09:00", "closes": "15:00"}],
    },
    {
        "key": "business-rovaniemi",
        "org": "Business Rovaniemi",
        "name": ("Business Rovaniemi", "Business Rovaniemi", "Business Rovaniemi"),
        "description": ("", "", ""),
        "transportation": ("", "", ""),
        "accessibility": ("Esteetön sisäänkäynti.", "Tillgänglig ingång.", "Step-free entrance."),
        "address": ("Maakuntakatu 29–31", "96200", "Rovaniemi", ROVANIEMI),
        "lat": "66.502300",
        "lon": "25.725300",
        "phone": "+358 40 767 8050",
        "languages": ["fi", "en"],
        "hours": [{"byday": WEEKDAYS, "opens": "08:30", "closes": "16:00"}],
    },
]

# Exceptions every demo location shares (2026–2027 public holidays on weekdays) and one special day.
PUBLIC_HOLIDAYS: list[tuple[str, str, T]] = [
    (
        "2026-12-06",
        "2026-12-06",
        ("Itsenäisyyspäivä, suljettu", "Självständighetsdagen, stängt", "Independence Day, closed"),
    ),
    ("2026-12-24", "2026-12-26", ("Joulu, suljettu", "Julen, stängt", "Christmas, closed")),
    (
        "2027-01-01",
        "2027-01-01",
        ("Uudenvuodenpäivä, suljettu", "Nyårsdagen, stängt", "New Year's Day, closed"),
    ),
    ("2027-01-06", "2027-01-06", ("Loppiainen, suljettu", "Trettondagen, stängt", "Epiphany, closed")),
    ("2027-03-26", "2027-03-29", ("Pääsiäinen, suljettu", "Påsken, stängt", "Easter, closed")),
]
SPECIAL_DAYS: list[tuple[str, str, str, str, T]] = [
    # key of location, date, opens, closes, note
    (
        "ih-rovaniemi",
        "2026-12-23",
        "09:00",
        "12:00",
        (
            "Aatonaattona auki klo 12 asti",
            "Öppet till kl. 12 dagen före julafton",
            "Open until 12 noon on 23 December",
        ),
    ),
    (
        "kela-rovaniemi",
        "2026-12-31",
        "09:00",
        "13:00",
        (
            "Uudenvuodenaattona auki klo 13 asti",
            "Nyårsafton öppet till kl. 13",
            "Open until 1 pm on New Year's Eve",
        ),
    ),
]

SERVICES: list[dict[str, Any]] = [
    {
        "key": "ih-advice",
        "org": "Rovaniemen kaupunki",
        "at": ["ih-rovaniemi"],
        "name": (
            "Neuvonta ja ohjaus maahan muuttaneille",
            "Rådgivning och handledning för inflyttade",
            "Advice and guidance for people who moved to Finland",
        ),
        "description": (
            "International House Rovaniemi neuvoo kaikkia Suomeen muuttaneita asettautumisessa: rekisteröityminen, verokortti, pankkitili, Kela, asuminen, työnhaku ja suomen kielen opiskelu. Voit tulla ilman ajanvarausta.",
            "International House Rovaniemi ger alla som flyttat till Finland råd om att etablera sig: registrering, skattekort, bankkonto, FPA, boende, jobbsökning och finskstudier. Du kan komma utan tidsbokning.",
            "International House Rovaniemi advises everyone who moved to Finland on settling in: registration, tax card, bank account, Kela, housing, job seeking and learning Finnish. You can come without an appointment.",
        ),
        "eligibility": (
            "Kaikki Suomeen muuttaneet ja muuttoa suunnittelevat oleskeluluvasta riippumatta.",
            "Alla som flyttat eller planerar att flytta till Finland, oberoende av uppehållstillstånd.",
            "Everyone who moved or plans to move to Finland, whatever their residence permit.",
        ),
        "apply": (
            "Tule paikan päälle, soita tai varaa aika verkossa.",
            "Kom på plats, ring eller boka tid på nätet.",
            "Walk in, call or book an appointment online.",
        ),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [],
        "channels": ["on_site", "phone", "web"],
        "url": "https://www.rovaniemi.fi/international-house",
        "e_url": "",
        "languages": ["fi", "sv", "en", "ru", "ar", "uk"],
        "areas": [ROVANIEMI],
        "terms": ["P4.11", "P9.6", "P22", "KR1", "KE5"],
        "phones": [("+358 16 322 2500", ("Neuvonta ma–pe", "Rådgivning mån–fre", "Advice Mon–Fri"))],
    },
    {
        "key": "pointti-advice",
        "org": "Kemin kaupunki",
        "at": ["pointti-kemi"],
        "name": (
            "Asettautumisneuvonta International Pointissa",
            "Etableringsrådgivning på International Pointti",
            "Settling-in advice at International Pointti",
        ),
        "description": (
            "Kemin International Pointti auttaa muuttoon liittyvissä asioissa ja ohjaa oikeisiin palveluihin. Kotiagentti tapaa asiakkaan myös kotona tai työpaikalla.",
            "International Pointti i Kemi hjälper med ärenden kring flytten och hänvisar till rätt tjänster. Hemagenten träffar kunden också hemma eller på arbetsplatsen.",
            "International Pointti in Kemi helps with matters related to moving and guides you to the right services. The home agent also meets clients at home or at work.",
        ),
        "eligibility": (
            "Kemiin ja Meri-Lapin kuntiin muuttaneet.",
            "Personer som flyttat till Kemi och kommunerna i Västra Lappland.",
            "People who moved to Kemi and the Sea Lapland municipalities.",
        ),
        "apply": ("Tule paikan päälle tai soita.", "Kom på plats eller ring.", "Walk in or call."),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [],
        "channels": ["on_site", "phone"],
        "url": "https://www.kemi.fi/international-pointti",
        "e_url": "",
        "languages": ["fi", "en", "ru", "uk"],
        "areas": [KEMI, "241", "751", "845", "851"],
        "terms": ["P4.11", "P9.6", "KR1", "KE5"],
        "phones": [("+358 16 258 111", ("Vaihde", "Växel", "Switchboard"))],
    },
    {
        "key": "ih-bank",
        "org": "Rovaniemen kaupunki",
        "at": ["ih-rovaniemi"],
        "name": (
            "Pankkitilin ja verkkopankkitunnusten hankkiminen – neuvonta",
            "Att öppna bankkonto och få nätbankskoder – rådgivning",
            "Opening a bank account and getting online banking codes – advice",
        ),
        "description": (
            "Neuvomme, mitä pankit pyytävät tilin avaamiseen ja vahvan sähköisen tunnistautumisen saamiseen, ja autamme varaamaan ajan pankkiin.",
            "Vi berättar vad bankerna begär för att öppna konto och få stark elektronisk identifiering och hjälper dig att boka tid till banken.",
            "We explain what banks ask for to open an account and get strong electronic identification, and help you book an appointment at a bank.",
        ),
        "eligibility": ("Kaikki asiakkaat.", "Alla kunder.", "All clients."),
        "apply": (
            "Varaa aika neuvojalle.",
            "Boka tid hos en rådgivare.",
            "Book an appointment with an advisor.",
        ),
        "fees": "free",
        "fees_desc": (
            "Neuvonta on maksutonta; pankit voivat periä tilistä maksuja.",
            "Rådgivningen är avgiftsfri; bankerna kan ta ut avgifter.",
            "The advice is free; banks may charge for the account.",
        ),
        "docs": [
            (
                "Passi tai muu virallinen henkilöllisyystodistus",
                "Pass eller annan officiell identitetshandling",
                "Passport or other official identity document",
            ),
            (
                "Oleskelulupa tai EU-rekisteröintitodistus",
                "Uppehållstillstånd eller EU-registreringsintyg",
                "Residence permit or EU registration certificate",
            ),
            (
                "Työsopimus tai opiskelutodistus",
                "Arbetsavtal eller studieintyg",
                "Employment contract or certificate of studies",
            ),
        ],
        "channels": ["on_site"],
        "url": "",
        "e_url": "",
        "languages": ["fi", "en"],
        "areas": [ROVANIEMI],
        "terms": ["P15", "KR1", "KE5"],
        "phones": [],
    },
    {
        "key": "dvv-registration",
        "org": "DVV",
        "at": ["virastotalo-rovaniemi", "ih-rovaniemi"],
        "name": (
            "Ulkomaalaisen rekisteröinti ja henkilötunnus",
            "Registrering av utlänning och personbeteckning",
            "Registration of a foreign national and personal identity code",
        ),
        "description": (
            "Rekisteröidyt väestötietojärjestelmään ja saat suomalaisen henkilötunnuksen. Henkilötunnusta tarvitaan esimerkiksi pankissa, Kelassa ja työnantajalle. DVV:n virkailija on International House Rovaniemessä joka toinen tiistai.",
            "Du registreras i befolkningsdatasystemet och får en finsk personbeteckning. Personbeteckningen behövs till exempel i banken, hos FPA och för arbetsgivaren. En tjänsteman från DVV finns på International House Rovaniemi varannan tisdag.",
            "You are registered in the Population Information System and get a Finnish personal identity code. You need it for example at the bank, at Kela and for your employer. A DVV officer is at International House Rovaniemi every other Tuesday.",
        ),
        "eligibility": (
            "Suomeen muuttava ulkomaalainen, jolla on oleskelulupa tai EU-rekisteröinti ja joka asuu Suomessa yli vuoden.",
            "Utlänning som flyttar till Finland med uppehållstillstånd eller EU-registrering och bor i Finland mer än ett år.",
            "A foreign national moving to Finland with a residence permit or EU registration who will live in Finland for more than a year.",
        ),
        "apply": (
            "Täytä ennakkoilmoitus verkossa ja varaa aika. Asioi henkilökohtaisesti.",
            "Fyll i förhandsanmälan på nätet och boka tid. Besöket görs personligen.",
            "Fill in the advance notification online and book an appointment. You must come in person.",
        ),
        "fees": "free",
        "fees_desc": (
            "Ensimmäinen rekisteröinti on maksuton.",
            "Den första registreringen är avgiftsfri.",
            "The first registration is free of charge.",
        ),
        "docs": [
            ("Voimassa oleva passi", "Giltigt pass", "Valid passport"),
            (
                "Oleskelulupakortti tai EU-rekisteröintitodistus",
                "Uppehållstillståndskort eller EU-registreringsintyg",
                "Residence permit card or EU registration certificate",
            ),
            (
                "Vuokrasopimus tai muu selvitys osoitteesta",
                "Hyresavtal eller annan utredning om adressen",
                "Tenancy agreement or other proof of address",
            ),
            (
                "Laillistetut vihki- ja syntymätodistukset perheenjäsenistä",
                "Legaliserade vigsel- och födelseattester för familjemedlemmar",
                "Legalised marriage and birth certificates of family members",
            ),
        ],
        "channels": ["on_site", "phone", "e_service"],
        "url": "https://dvv.fi/en/registration-of-foreigners",
        "e_url": "https://dvv.fi/ennakkoilmoitus",
        "languages": ["fi", "sv", "en"],
        "areas": LAPLAND,
        "terms": ["P1.5", "P22", "P9.3", "KR1", "KE5"],
        "phones": [
            (
                "+358 295 536 000",
                (
                    "Henkilöasiakkaiden palvelunumero",
                    "Servicenummer för privatkunder",
                    "Service number for private customers",
                ),
            )
        ],
        # DVV's pop-up at International House: every other Tuesday 12–15.
        "popup": {
            "location": "ih-rovaniemi",
            "byday": "TU",
            "interval": 2,
            "dtstart": "2026-09-01",
            "opens": "12:00",
            "closes": "15:00",
        },
    },
    {
        "key": "vero-taxcard",
        "org": "Vero",
        "at": ["vero-rovaniemi"],
        "name": (
            "Verokortti ja verotunniste ulkomailta tulleelle",
            "Skattekort och skattenummer för den som kommit från utlandet",
            "Tax card and tax number for people who moved from abroad",
        ),
        "description": (
            "Tarvitset verokortin ennen ensimmäistä palkanmaksua. Verokortin saat OmaVerosta, kun sinulla on henkilötunnus ja verkkopankkitunnukset; muuten asioi verotoimistossa. Rakennusalalla tarvitset myös veronumeron.",
            "Du behöver ett skattekort innan den första lönen betalas. Skattekortet får du i MinSkatt när du har personbeteckning och nätbankskoder; annars besök skattebyrån. Inom byggbranschen behöver du också ett skattenummer.",
            "You need a tax card before your first salary is paid. Get it in MyTax once you have a personal identity code and online banking codes; otherwise visit a tax office. In construction you also need a tax number.",
        ),
        "eligibility": (
            "Suomessa palkkaa tai muuta tuloa saava.",
            "Den som får lön eller andra inkomster i Finland.",
            "Anyone who receives salary or other income in Finland.",
        ),
        "apply": (
            "OmaVerossa tai ajanvarauksella verotoimistossa.",
            "I MinSkatt eller på skattebyrån med tidsbokning.",
            "In MyTax or at a tax office by appointment.",
        ),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [
            ("Passi tai henkilökortti", "Pass eller identitetskort", "Passport or identity card"),
            (
                "Työsopimus tai arvio vuoden tuloista",
                "Arbetsavtal eller uppskattning av årets inkomster",
                "Employment contract or an estimate of the year's income",
            ),
        ],
        "channels": ["e_service", "on_site", "phone"],
        "url": "https://www.vero.fi/en/individuals/tax-cards-and-tax-returns/arriving_in_finland/",
        "e_url": "https://www.vero.fi/omavero",
        "languages": ["fi", "sv", "en"],
        "areas": LAPLAND,
        "terms": ["P14", "KR1", "KE5"],
        "phones": [
            (
                "+358 29 497 050",
                ("Henkilöasiakkaiden verotus", "Beskattning av privatpersoner", "Taxation of individuals"),
            )
        ],
    },
    {
        "key": "vero-business",
        "org": "Vero",
        "at": ["vero-rovaniemi"],
        "name": (
            "Yrityksen verotus ja ennakkoperintärekisteri",
            "Företagets beskattning och förskottsuppbördsregistret",
            "Business taxation and the prepayment register",
        ),
        "description": (
            "Aloittava yrittäjä ilmoittautuu ennakkoperintä- ja arvonlisäverorekisteriin perustamisilmoituksella. Vero neuvoo ennakkoveron ja arvonlisäveron kanssa.",
            "En nyföretagare anmäler sig till förskottsuppbörds- och momsregistret med etableringsanmälan. Skatteförvaltningen ger råd om förskottsskatt och moms.",
            "A new entrepreneur registers for the prepayment and VAT registers with the start-up notification. The Tax Administration advises on prepayment tax and VAT.",
        ),
        "eligibility": (
            "Yritystoimintaa aloittavat.",
            "Den som startar företagsverksamhet.",
            "Anyone starting a business.",
        ),
        "apply": (
            "Perustamisilmoitus YTJ-palvelussa.",
            "Etableringsanmälan i FODS-tjänsten.",
            "Start-up notification in the YTJ service.",
        ),
        "fees": "free",
        "fees_desc": (
            "Verohallinnon rekisteröinnit ovat maksuttomia.",
            "Skatteförvaltningens registreringar är avgiftsfria.",
            "Registration with the Tax Administration is free.",
        ),
        "docs": [],
        "channels": ["e_service", "phone"],
        "url": "https://www.vero.fi/en/businesses-and-corporations/",
        "e_url": "https://www.ytj.fi",
        "languages": ["fi", "sv", "en"],
        "areas": LAPLAND,
        "terms": ["P14", "P11.1", "KR2.4", "KR2.8"],
        "phones": [
            (
                "+358 29 497 150",
                ("Yritysten palvelunumero", "Servicenummer för företag", "Service number for businesses"),
            )
        ],
    },
    {
        "key": "prh-ytj",
        "org": "PRH",
        "at": [],
        "name": (
            "Yrityksen perustamisilmoitus (YTJ)",
            "Etableringsanmälan för företag (FODS)",
            "Start-up notification of a business (YTJ)",
        ),
        "description": (
            "Toiminimi, osakeyhtiö tai muu yritys rekisteröidään kaupparekisteriin ja Verohallinnon rekistereihin yhdellä ilmoituksella YTJ-palvelussa. Yritys saa Y-tunnuksen.",
            "En firma, ett aktiebolag eller annat företag registreras i handelsregistret och Skatteförvaltningens register med en anmälan i FODS-tjänsten. Företaget får ett FO-nummer.",
            "A sole trader, limited company or other business is registered in the Trade Register and the Tax Administration's registers with one notification in the YTJ service. The business gets a Business ID.",
        ),
        "eligibility": ("Yrityksen perustajat.", "Företagsgrundare.", "Founders of a business."),
        "apply": (
            "Sähköisesti YTJ-palvelussa vahvalla tunnistautumisella.",
            "Elektroniskt i FODS-tjänsten med stark identifiering.",
            "Online in the YTJ service with strong identification.",
        ),
        "fees": "charged",
        "fees_desc": (
            "Käsittelymaksu riippuu yritysmuodosta.",
            "Handläggningsavgiften beror på företagsformen.",
            "The processing fee depends on the type of business.",
        ),
        "docs": [],
        "channels": ["e_service", "web"],
        "url": "https://www.prh.fi/en/",
        "e_url": "https://www.ytj.fi",
        "languages": ["fi", "sv", "en"],
        "areas": LAPLAND,
        "terms": ["P11.1", "KR2.4", "KR2.8"],
        "phones": [],
        "costs": [
            (
                "70.00",
                (
                    "Toiminimen perustamisilmoitus sähköisesti",
                    "Etableringsanmälan för enskild näringsidkare elektroniskt",
                    "Start-up notification of a sole trader online",
                ),
            ),
            (
                "275.00",
                (
                    "Osakeyhtiön perustamisilmoitus sähköisesti",
                    "Etableringsanmälan för aktiebolag elektroniskt",
                    "Start-up notification of a limited company online",
                ),
            ),
        ],
    },
    {
        "key": "kela-coverage",
        "org": "Kela",
        "at": ["kela-rovaniemi", "kela-kemi"],
        "name": (
            "Suomeen muuttaminen ja asumisperusteinen sosiaaliturva",
            "Flytt till Finland och bosättningsbaserad social trygghet",
            "Moving to Finland and residence-based social security",
        ),
        "description": (
            "Kela selvittää hakemuksesta, kuulutko Suomen sosiaaliturvaan. Myönteisen päätöksen jälkeen saat Kela-kortin ja voit hakea esimerkiksi lapsilisää ja asumistukea.",
            "FPA utreder på ansökan om du omfattas av den sociala tryggheten i Finland. Efter ett positivt beslut får du FPA-kortet och kan söka till exempel barnbidrag och bostadsbidrag.",
            "On application, Kela decides whether you are covered by Finnish social security. After a positive decision you get a Kela card and can apply for, for example, child benefit and housing allowance.",
        ),
        "eligibility": (
            "Suomeen vakinaisesti muuttavat sekä työntekijät, joiden työ kestää vähintään neljä kuukautta.",
            "Personer som flyttar permanent till Finland och arbetstagare vars arbete varar minst fyra månader.",
            "People moving to Finland permanently and employees whose work lasts at least four months.",
        ),
        "apply": (
            "Hakemus Y 77 OmaKelassa tai paperilla.",
            "Ansökan Y 77 i MittFPA eller på papper.",
            "Application Y 77 in OmaKela or on paper.",
        ),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [
            (
                "Oleskelulupa tai EU-rekisteröintitodistus",
                "Uppehållstillstånd eller EU-registreringsintyg",
                "Residence permit or EU registration certificate",
            ),
            ("Työsopimus", "Arbetsavtal", "Employment contract"),
            ("Vuokrasopimus", "Hyresavtal", "Tenancy agreement"),
        ],
        "channels": ["e_service", "on_site", "phone"],
        "url": "https://www.kela.fi/moving-to-finland",
        "e_url": "https://www.kela.fi/omakela",
        "languages": ["fi", "sv", "en"],
        "areas": LAPLAND,
        "terms": ["P22", "P13.5", "KR1", "KE5"],
        "phones": [
            ("+358 20 692 210", ("Kansainväliset asiat", "Internationella ärenden", "International matters"))
        ],
    },
    {
        "key": "migri-permit",
        "org": "Migri",
        "at": ["virastotalo-rovaniemi"],
        "name": (
            "Oleskeluluvat ja tunnistautuminen palvelupisteessä",
            "Uppehållstillstånd och identifiering vid servicepunkten",
            "Residence permits and identification at the service point",
        ),
        "description": (
            "Oleskelulupaa haetaan Enter Finland -palvelussa. Hakemuksen jättämisen jälkeen käy todistamassa henkilöllisyytesi palvelupisteessä. Jatkolupaa haetaan ennen edellisen luvan päättymistä.",
            "Uppehållstillstånd söks i tjänsten Enter Finland. När du lämnat in ansökan ska du styrka din identitet vid en servicepunkt. Fortsatt tillstånd söks innan det tidigare tillståndet går ut.",
            "Apply for a residence permit in the Enter Finland service. After submitting the application, visit a service point to prove your identity. Apply for an extended permit before the previous one expires.",
        ),
        "eligibility": (
            "Oleskelulupaa tarvitsevat EU:n ulkopuolelta tulevat.",
            "Personer från länder utanför EU som behöver uppehållstillstånd.",
            "People from outside the EU who need a residence permit.",
        ),
        "apply": (
            "Enter Finland ja ajanvaraus palvelupisteeseen.",
            "Enter Finland och tidsbokning till servicepunkten.",
            "Enter Finland and an appointment at the service point.",
        ),
        "fees": "charged",
        "fees_desc": (
            "Käsittelymaksu riippuu lupatyypistä ja hakutavasta.",
            "Handläggningsavgiften beror på tillståndstyp och ansökningssätt.",
            "The processing fee depends on the permit type and how you apply.",
        ),
        "docs": [
            ("Passi", "Pass", "Passport"),
            (
                "Hakemuksen liitteet, esim. työsopimus tai opiskelupaikan hyväksymiskirje",
                "Bilagor till ansökan, t.ex. arbetsavtal eller antagningsbrev",
                "Attachments of the application, e.g. employment contract or letter of admission",
            ),
        ],
        "channels": ["e_service", "on_site", "phone"],
        "url": "https://migri.fi/en/residence-permit",
        "e_url": "https://enterfinland.fi",
        "languages": ["fi", "sv", "en"],
        "areas": LAPLAND,
        "terms": ["P22", "KR1", "KE5"],
        "phones": [("+358 295 419 600", ("Neuvonta", "Rådgivning", "Advice"))],
        "costs": [
            (
                "490.00",
                (
                    "Työntekijän oleskelulupa, sähköinen hakemus",
                    "Uppehållstillstånd för arbetstagare, elektronisk ansökan",
                    "Residence permit for an employed person, online application",
                ),
            ),
            (
                "350.00",
                (
                    "Opiskelijan oleskelulupa, sähköinen hakemus",
                    "Uppehållstillstånd för studerande, elektronisk ansökan",
                    "Residence permit for studies, online application",
                ),
            ),
        ],
    },
    {
        "key": "migri-protection",
        "org": "Migri",
        "at": ["virastotalo-rovaniemi"],
        "name": (
            "Kansainvälinen ja tilapäinen suojelu",
            "Internationellt och tillfälligt skydd",
            "International and temporary protection",
        ),
        "description": (
            "Turvapaikkaa tai tilapäistä suojelua haetaan poliisilta tai rajavartiolaitokselta. Migri tekee päätöksen ja myöntää oleskeluluvan. Tilapäistä suojelua saavalla on heti oikeus tehdä töitä.",
            "Asyl eller tillfälligt skydd söks hos polisen eller Gränsbevakningsväsendet. Migri fattar beslutet och beviljar uppehållstillstånd. Den som får tillfälligt skydd får arbeta genast.",
            "Asylum or temporary protection is applied for at the police or the Border Guard. Migri makes the decision and grants the residence permit. People under temporary protection may work straight away.",
        ),
        "eligibility": (
            "Suojelua tarvitsevat.",
            "Personer som behöver skydd.",
            "People in need of protection.",
        ),
        "apply": (
            "Hakemus poliisille tai rajavartiolaitokselle.",
            "Ansökan till polisen eller Gränsbevakningsväsendet.",
            "Application to the police or the Border Guard.",
        ),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [
            (
                "Passi tai muu henkilöllisyysasiakirja, jos sinulla on",
                "Pass eller annan identitetshandling om du har en",
                "Passport or other identity document if you have one",
            )
        ],
        "channels": ["on_site", "web"],
        "url": "https://migri.fi/en/asylum-in-finland",
        "e_url": "",
        "languages": ["fi", "sv", "en", "uk", "ru", "ar"],
        "areas": LAPLAND,
        "terms": ["P22", "P7.1", "KR1", "KE5"],
        "phones": [],
    },
    {
        "key": "employment-rovaniemi",
        "org": "Työllisyyspalvelut Rovaniemi",
        "at": ["tyollisyys-rovaniemi"],
        "name": (
            "Ilmoittautuminen työnhakijaksi ja työllisyyspalvelut",
            "Anmälan som arbetssökande och sysselsättningstjänster",
            "Registering as a job seeker and employment services",
        ),
        "description": (
            "Ilmoittaudu työnhakijaksi Työmarkkinatorilla. Saat oman asiantuntijan, osaamisen ja kotoutumisen palvelutarpeen arvioinnin ja tarvittaessa kotoutumissuunnitelman.",
            "Anmäl dig som arbetssökande på Jobbmarknaden. Du får en egen sakkunnig, en bedömning av kompetens- och integrationsbehov och vid behov en integrationsplan.",
            "Register as a job seeker in Job Market Finland. You get your own expert, an assessment of your skills and integration needs and, if needed, an integration plan.",
        ),
        "eligibility": (
            "Työttömät ja työtä hakevat, joilla on oikeus työntekoon Suomessa.",
            "Arbetslösa och arbetssökande som har rätt att arbeta i Finland.",
            "Unemployed people and job seekers with the right to work in Finland.",
        ),
        "apply": (
            "Työmarkkinatori verkossa tai käynti toimipisteessä.",
            "Jobbmarknaden på nätet eller besök på verksamhetsstället.",
            "Job Market Finland online or a visit to the office.",
        ),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [
            (
                "Oleskelulupa, jossa on oikeus työntekoon",
                "Uppehållstillstånd med rätt att arbeta",
                "Residence permit with the right to work",
            )
        ],
        "channels": ["e_service", "on_site", "phone"],
        "url": "https://www.rovaniemi.fi/tyollisyyspalvelut",
        "e_url": "https://tyomarkkinatori.fi",
        "languages": ["fi", "en"],
        "areas": [ROVANIEMI],
        "terms": ["P10.1", "P10.6", "P4.11", "KR1", "KE8"],
        "phones": [("+358 16 322 6000", ("Asiakaspalvelu", "Kundtjänst", "Customer service"))],
    },
    {
        "key": "employment-kemi",
        "org": "Työllisyyspalvelut Kemi",
        "at": ["tyollisyys-kemi"],
        "name": (
            "Kemin työllisyyspalvelut työnhakijoille",
            "Kemi sysselsättningstjänster för arbetssökande",
            "Kemi employment services for job seekers",
        ),
        "description": (
            "Työnhakijaksi ilmoittautuminen, palvelutarpeen arviointi, kotoutumissuunnitelma ja työhönvalmennus Kemissä ja Meri-Lapin kunnissa.",
            "Anmälan som arbetssökande, bedömning av servicebehov, integrationsplan och arbetsträning i Kemi och kommunerna i Västra Lappland.",
            "Registering as a job seeker, service needs assessment, integration plan and job coaching in Kemi and the Sea Lapland municipalities.",
        ),
        "eligibility": (
            "Työtä hakevat, joilla on oikeus työntekoon Suomessa.",
            "Arbetssökande med rätt att arbeta i Finland.",
            "Job seekers with the right to work in Finland.",
        ),
        "apply": ("Työmarkkinatori verkossa.", "Jobbmarknaden på nätet.", "Job Market Finland online."),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [],
        "channels": ["e_service", "on_site", "phone"],
        "url": "https://www.kemi.fi/tyollisyyspalvelut",
        "e_url": "https://tyomarkkinatori.fi",
        "languages": ["fi", "en"],
        "areas": [KEMI, "241", "751", "845", "851"],
        "terms": ["P10.1", "P10.6", "KR1", "KE8"],
        "phones": [("+358 16 259 400", ("Asiakaspalvelu", "Kundtjänst", "Customer service"))],
    },
    {
        "key": "finnish-course-rovaniemi",
        "org": "Työllisyyspalvelut Rovaniemi",
        "at": ["tyollisyys-rovaniemi", "moninet"],
        "name": (
            "Suomen kielen kotoutumiskoulutus",
            "Integrationsutbildning i finska",
            "Integration training in Finnish",
        ),
        "description": (
            "Kotoutumiskoulutuksessa opiskellaan suomea ja työelämätaitoja tavoitteena taitotaso B1. Lähtötaso testataan ennen ryhmään ohjaamista. MoniNetissä järjestetään lisäksi avoin kielikahvila.",
            "I integrationsutbildningen studerar man finska och arbetslivsfärdigheter med målet nivå B1. Startnivån testas före placering i grupp. MoniNet ordnar dessutom ett öppet språkcafé.",
            "Integration training teaches Finnish and working-life skills, aiming at level B1. Your starting level is tested before you join a group. MoniNet also runs an open language café.",
        ),
        "eligibility": (
            "Työnhakijaksi ilmoittautuneet, joille on tehty kotoutumissuunnitelma.",
            "Personer anmälda som arbetssökande som har en integrationsplan.",
            "Registered job seekers who have an integration plan.",
        ),
        "apply": (
            "Ohjaus oman asiantuntijan kautta.",
            "Hänvisning via din egen sakkunnig.",
            "Referral through your own expert.",
        ),
        "fees": "free",
        "fees_desc": (
            "Maksuton; voit saada kotoutumistukea.",
            "Avgiftsfri; du kan få integrationsstöd.",
            "Free; you may receive integration allowance.",
        ),
        "docs": [],
        "channels": ["on_site"],
        "url": "https://www.rovaniemi.fi/kotoutumiskoulutus",
        "e_url": "",
        "languages": ["fi"],
        "areas": [ROVANIEMI],
        "terms": ["P6.10", "P4.11", "KR1", "KE5"],
        "phones": [],
        "min_age": 17,
    },
    {
        "key": "finnish-course-kemi",
        "org": "Työllisyyspalvelut Kemi",
        "at": ["tyollisyys-kemi"],
        "name": ("Suomen kielen kurssit Kemissä", "Kurser i finska i Kemi", "Finnish courses in Kemi"),
        "description": (
            "Kotoutumiskoulutus ja iltakurssit Kemissä: aloittelijoista taitotasolle B1.",
            "Integrationsutbildning och kvällskurser i Kemi: från nybörjare till nivå B1.",
            "Integration training and evening courses in Kemi, from beginners to level B1.",
        ),
        "eligibility": ("Kemiin muuttaneet.", "Personer som flyttat till Kemi.", "People who moved to Kemi."),
        "apply": (
            "Ilmoittaudu International Pointissa tai työllisyyspalveluissa.",
            "Anmäl dig på International Pointti eller vid sysselsättningstjänsterna.",
            "Sign up at International Pointti or at the employment services.",
        ),
        "fees": "partly_charged",
        "fees_desc": (
            "Kotoutumiskoulutus maksuton, iltakurssit maksullisia.",
            "Integrationsutbildningen är avgiftsfri, kvällskurserna avgiftsbelagda.",
            "Integration training is free; evening courses are charged.",
        ),
        "docs": [],
        "channels": ["on_site"],
        "url": "https://www.kemi.fi/suomen-kieli",
        "e_url": "",
        "languages": ["fi"],
        "areas": [KEMI],
        "terms": ["P6.10", "P4.11", "KR1"],
        "phones": [],
        "costs": [("60.00", ("Iltakurssi, lukukausi", "Kvällskurs, termin", "Evening course, one term"))],
    },
    {
        "key": "health-centre",
        "org": "Lapin hyvinvointialue",
        "at": ["terveysasema-rovaniemi", "terveysasema-kemi"],
        "name": ("Terveysaseman vastaanotto", "Mottagning på hälsostationen", "Health centre appointments"),
        "description": (
            "Kiireettömät ja kiireelliset vastaanottoajat lääkärille ja hoitajalle. Kotikunnan saanut asiakas käyttää oman alueensa terveysasemaa. Tulkki varataan maksutta.",
            "Icke-brådskande och brådskande mottagningstider hos läkare och skötare. En klient med hemkommun använder hälsostationen i sitt område. Tolk bokas avgiftsfritt.",
            "Non-urgent and urgent appointments with a doctor or nurse. Clients with a municipality of residence use the health centre of their area. An interpreter is booked free of charge.",
        ),
        "eligibility": (
            "Hyvinvointialueen asukkaat; kiireellinen hoito kaikille.",
            "Invånare i välfärdsområdet; brådskande vård för alla.",
            "Residents of the wellbeing services county; urgent care for everyone.",
        ),
        "apply": ("Soita ajanvaraukseen.", "Ring tidsbokningen.", "Call to book an appointment."),
        "fees": "partly_charged",
        "fees_desc": (
            "Lääkärikäynnistä peritään asiakasmaksu; alle 18-vuotiaille maksuton.",
            "För läkarbesök tas en klientavgift ut; avgiftsfritt för under 18-åringar.",
            "A client fee is charged for doctor's appointments; free for under-18s.",
        ),
        "docs": [("Kela-kortti, jos sinulla on", "FPA-kort om du har ett", "Kela card if you have one")],
        "channels": ["on_site", "phone", "e_service"],
        "url": "https://lapha.fi/terveysasemat",
        "e_url": "https://www.omaolo.fi",
        "languages": ["fi", "sv", "en"],
        "areas": LAPLAND,
        "terms": ["P5.1", "KR1"],
        "phones": [
            (
                "+358 16 322 4000",
                ("Ajanvaraus ma–pe 8–16", "Tidsbokning mån–fre 8–16", "Appointments Mon–Fri 8–16"),
            )
        ],
        "costs": [
            (
                "24.70",
                (
                    "Lääkärikäynti terveysasemalla",
                    "Läkarbesök på hälsostationen",
                    "Doctor's appointment at a health centre",
                ),
            )
        ],
    },
    {
        "key": "health-check-refugees",
        "org": "Lapin hyvinvointialue",
        "at": ["terveysasema-rovaniemi"],
        "name": (
            "Alkuvaiheen terveystarkastus",
            "Hälsoundersökning i inledningsskedet",
            "Initial health examination",
        ),
        "description": (
            "Kansainvälistä tai tilapäistä suojelua saaneille ja kiintiöpakolaisille tehdään terveystarkastus, rokotukset ja tarvittaessa ohjaus mielenterveyspalveluihin.",
            "Personer som fått internationellt eller tillfälligt skydd och kvotflyktingar får en hälsoundersökning, vaccinationer och vid behov hänvisning till mentalvårdstjänster.",
            "People granted international or temporary protection and quota refugees get a health examination, vaccinations and, where needed, referral to mental health services.",
        ),
        "eligibility": (
            "Kansainvälistä tai tilapäistä suojelua saaneet.",
            "Personer med internationellt eller tillfälligt skydd.",
            "People granted international or temporary protection.",
        ),
        "apply": (
            "Ohjaus sosiaalityön tai vastaanottokeskuksen kautta.",
            "Hänvisning via socialarbetet eller mottagningscentralen.",
            "Referral by social work or the reception centre.",
        ),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [],
        "channels": ["on_site"],
        "url": "https://lapha.fi",
        "e_url": "",
        "languages": ["fi", "en", "ar", "uk"],
        "areas": LAPLAND,
        "terms": ["P5.8", "P5.3", "KR1", "KE5"],
        "phones": [],
    },
    {
        "key": "integration-social-work",
        "org": "Lapin hyvinvointialue",
        "at": ["terveysasema-rovaniemi", "terveysasema-kemi"],
        "name": ("Kotoutumisen sosiaalityö", "Socialt arbete för integration", "Social work for integration"),
        "description": (
            "Sosiaaliohjaaja auttaa kuntaan muuttanutta suojelua saanutta ensimmäisinä vuosina: asunto, toimeentulo, perheen palvelut ja alkuvaiheen ohjaus.",
            "En socialhandledare hjälper personer med skydd som flyttat till kommunen under de första åren: bostad, utkomst, familjens tjänster och handledning i inledningsskedet.",
            "A social counsellor helps people under protection who moved to the municipality during the first years: housing, income, family services and initial guidance.",
        ),
        "eligibility": (
            "Kansainvälistä suojelua saaneet ja heidän perheensä.",
            "Personer med internationellt skydd och deras familjer.",
            "People granted international protection and their families.",
        ),
        "apply": (
            "Ohjaus vastaanottokeskuksesta tai International Housesta.",
            "Hänvisning från mottagningscentralen eller International House.",
            "Referral from the reception centre or International House.",
        ),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [],
        "channels": ["on_site", "phone"],
        "url": "https://lapha.fi/kotoutuminen",
        "e_url": "",
        "languages": ["fi", "en"],
        "areas": LAPLAND,
        "terms": ["P4.11", "P4.13", "KR1", "KE5"],
        "phones": [("+358 16 322 4300", ("Sosiaaliohjaus", "Socialhandledning", "Social counselling"))],
    },
    {
        "key": "moninet-advice",
        "org": "MoniNet",
        "at": ["moninet"],
        "name": (
            "Monikielinen neuvonta ja kielikahvila",
            "Flerspråkig rådgivning och språkcafé",
            "Multilingual advice and language café",
        ),
        "description": (
            "Neuvontaa arjen asioissa omalla kielellä ja avoin kielikahvila suomen harjoitteluun. Vapaaehtoiset auttavat lomakkeiden täyttämisessä.",
            "Rådgivning om vardagsfrågor på eget språk och ett öppet språkcafé för att öva finska. Frivilliga hjälper till med blanketter.",
            "Advice on everyday matters in your own language and an open language café to practise Finnish. Volunteers help with forms.",
        ),
        "eligibility": ("Kaikille avoin.", "Öppet för alla.", "Open to everyone."),
        "apply": (
            "Tule paikalle aukioloaikoina.",
            "Kom under öppettiderna.",
            "Drop in during opening hours.",
        ),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [],
        "channels": ["on_site", "phone"],
        "url": "https://www.moninet.fi",
        "e_url": "",
        "languages": ["fi", "en", "ru", "ar", "so", "fa", "uk"],
        "areas": [ROVANIEMI],
        "terms": ["P4.12", "P4.11", "P8.4", "KR1"],
        "phones": [("+358 40 123 4567", ("Toimisto", "Kontor", "Office"))],
    },
    {
        "key": "spr-friend",
        "org": "SPR Lappi",
        "at": ["spr-lappi"],
        "name": (
            "Ystävätoiminta ja Walkers-nuorisokahvila",
            "Vänverksamhet och ungdomscaféet Walkers",
            "Friend service and Walkers youth café",
        ),
        "description": (
            "Vapaaehtoinen ystävä auttaa tutustumaan uuteen kotikaupunkiin. Walkers-nuorisokahvila on avoinna 13–25-vuotiaille perjantai- ja lauantai-iltaisin puoleenyöhön asti ja sen yli.",
            "En frivillig vän hjälper dig att lära känna din nya hemstad. Ungdomscaféet Walkers är öppet för 13–25-åringar fredags- och lördagskvällar till efter midnatt.",
            "A volunteer friend helps you get to know your new home town. The Walkers youth café is open to 13–25-year-olds on Friday and Saturday evenings until after midnight.",
        ),
        "eligibility": (
            "Ystävätoiminta kaikille; nuorisokahvila 13–25-vuotiaille.",
            "Vänverksamhet för alla; ungdomscaféet för 13–25-åringar.",
            "Friend service for everyone; youth café for ages 13–25.",
        ),
        "apply": (
            "Ilmoittaudu verkossa tai tule kahvilaan.",
            "Anmäl dig på nätet eller kom till caféet.",
            "Sign up online or come to the café.",
        ),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [],
        "channels": ["on_site", "web"],
        "url": "https://rednet.punainenristi.fi/lappi",
        "e_url": "",
        "languages": ["fi", "en", "uk", "ru"],
        "areas": [ROVANIEMI],
        "terms": ["P4.12", "P28", "KR1.3", "KR1"],
        "phones": [("+358 20 701 2000", ("Piiritoimisto", "Distriktsbyrå", "District office"))],
        "min_age": 13,
    },
    {
        "key": "spr-temporary-protection",
        "org": "SPR Lappi",
        "at": ["spr-lappi"],
        "name": (
            "Tilapäistä suojelua saavien tuki",
            "Stöd för personer med tillfälligt skydd",
            "Support for people under temporary protection",
        ),
        "description": (
            "Vastaanottopalvelujen neuvonta, vaateapu ja vertaistukiryhmät Ukrainasta tulleille. Autamme kotikuntahakemuksessa, kun Suomessa on asuttu vuosi.",
            "Rådgivning om mottagningstjänster, klädhjälp och kamratstödsgrupper för personer från Ukraina. Vi hjälper med ansökan om hemkommun efter ett år i Finland.",
            "Advice on reception services, clothing aid and peer support groups for people from Ukraine. We help with the municipality-of-residence application after a year in Finland.",
        ),
        "eligibility": (
            "Tilapäistä suojelua hakeneet ja saaneet.",
            "Personer som sökt eller fått tillfälligt skydd.",
            "People who applied for or received temporary protection.",
        ),
        "apply": ("Tule paikalle tai soita.", "Kom på plats eller ring.", "Drop in or call."),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [
            (
                "Oleskelulupakortti (tilapäinen suojelu)",
                "Uppehållstillståndskort (tillfälligt skydd)",
                "Residence permit card (temporary protection)",
            )
        ],
        "channels": ["on_site", "phone"],
        "url": "https://www.punainenristi.fi/en/",
        "e_url": "",
        "languages": ["fi", "en", "uk", "ru"],
        "areas": [ROVANIEMI, KEMI],
        "terms": ["P4.12", "P22", "KR1", "KE5"],
        "phones": [("+358 20 701 2000", ("Piiritoimisto", "Distriktsbyrå", "District office"))],
    },
    {
        "key": "ulapland-students",
        "org": "Lapin yliopisto",
        "at": ["ulapland"],
        "name": (
            "Kansainvälisten opiskelijoiden palvelut",
            "Tjänster för internationella studerande",
            "International student services",
        ),
        "description": (
            "Neuvontaa oleskeluluvasta, saapumisesta, asumisesta ja opiskelijan sosiaaliturvasta. Orientaatioviikko lukukauden alussa.",
            "Rådgivning om uppehållstillstånd, ankomst, boende och studerandes sociala trygghet. Orienteringsvecka i början av terminen.",
            "Advice on residence permits, arrival, housing and student social security. Orientation week at the start of each term.",
        ),
        "eligibility": (
            "Lapin yliopistoon hyväksytyt tutkinto- ja vaihto-opiskelijat.",
            "Examens- och utbytesstuderande antagna till Lapplands universitet.",
            "Degree and exchange students admitted to the University of Lapland.",
        ),
        "apply": (
            "Sähköposti tai käynti opiskelijapalveluissa.",
            "E-post eller besök vid studentservicen.",
            "E-mail or a visit to student services.",
        ),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [("Hyväksymiskirje", "Antagningsbrev", "Letter of admission")],
        "channels": ["on_site", "web"],
        "url": "https://www.ulapland.fi/en/admissions",
        "e_url": "",
        "languages": ["fi", "en"],
        "areas": [ROVANIEMI],
        "terms": ["P6.9", "P22", "KR1.3", "KE3"],
        "phones": [("+358 40 484 4011", ("Opiskelijapalvelut", "Studentservice", "Student services"))],
        "min_age": 17,
    },
    {
        "key": "business-advice",
        "org": "Business Rovaniemi",
        "at": ["business-rovaniemi"],
        "name": (
            "Yritysneuvonta ja yrityksen perustaminen",
            "Företagsrådgivning och att starta företag",
            "Business advice and starting a business",
        ),
        "description": (
            "Maksutonta neuvontaa liiketoimintasuunnitelman tekoon, yritysmuodon valintaan, rahoitukseen ja starttirahan hakemiseen. Neuvontaa myös englanniksi ulkomailta tulleille yrittäjille.",
            "Avgiftsfri rådgivning om affärsplan, val av företagsform, finansiering och ansökan om startpeng. Rådgivning även på engelska för företagare från utlandet.",
            "Free advice on the business plan, choice of business form, financing and applying for a start-up grant. Advice also in English for entrepreneurs from abroad.",
        ),
        "eligibility": (
            "Rovaniemelle yritystä perustavat.",
            "Den som startar företag i Rovaniemi.",
            "Anyone starting a business in Rovaniemi.",
        ),
        "apply": ("Varaa aika verkossa.", "Boka tid på nätet.", "Book an appointment online."),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [
            (
                "Liiketoimintasuunnitelma, jos sinulla on",
                "Affärsplan om du har en",
                "Business plan if you have one",
            )
        ],
        "channels": ["on_site", "phone", "web"],
        "url": "https://www.businessrovaniemi.fi",
        "e_url": "",
        "languages": ["fi", "en"],
        "areas": [ROVANIEMI],
        "terms": ["P11.1", "P11.3", "KR2.4", "KR2.8"],
        "phones": [("+358 40 767 8050", ("Yritysneuvonta", "Företagsrådgivning", "Business advice"))],
    },
    {
        "key": "kemi-business-advice",
        "org": "Kemin kaupunki",
        "at": ["pointti-kemi"],
        "name": ("Yritysneuvonta Kemissä", "Företagsrådgivning i Kemi", "Business advice in Kemi"),
        "description": (
            "Kemin elinkeinopalvelut neuvovat yrityksen perustamisessa ja ohjaavat rahoitukseen. Aika varataan International Pointin kautta.",
            "Kemis näringslivstjänster ger råd om att starta företag och hänvisar till finansiering. Tid bokas via International Pointti.",
            "Kemi's business services advise on starting a business and guide you to financing. Book through International Pointti.",
        ),
        "eligibility": (
            "Kemiin yritystä perustavat.",
            "Den som startar företag i Kemi.",
            "Anyone starting a business in Kemi.",
        ),
        "apply": ("Varaa aika.", "Boka tid.", "Book an appointment."),
        "fees": "free",
        "fees_desc": ("Maksuton.", "Avgiftsfri.", "Free of charge."),
        "docs": [],
        "channels": ["on_site", "phone"],
        "url": "https://www.kemi.fi/yrityspalvelut",
        "e_url": "",
        "languages": ["fi", "en"],
        "areas": [KEMI],
        "terms": ["P11.1", "KR2.4"],
        "phones": [],
    },
    {
        "key": "early-education-rovaniemi",
        "org": "Rovaniemen kaupunki",
        "at": ["ih-rovaniemi"],
        "name": (
            "Varhaiskasvatukseen ja kouluun hakeminen",
            "Att söka till småbarnspedagogik och skola",
            "Applying for early childhood education and school",
        ),
        "description": (
            "Haku varhaiskasvatukseen neljä kuukautta ennen tarvetta. Kouluikäiset ohjataan valmistavaan opetukseen tai omaan lähikouluun.",
            "Ansökan till småbarnspedagogik fyra månader före behovet. Barn i skolåldern hänvisas till förberedande undervisning eller närskolan.",
            "Apply for early childhood education four months before you need it. School-age children are placed in preparatory education or their local school.",
        ),
        "eligibility": (
            "Rovaniemellä asuvat lapsiperheet.",
            "Barnfamiljer bosatta i Rovaniemi.",
            "Families with children living in Rovaniemi.",
        ),
        "apply": (
            "Sähköinen hakemus tai paperilomake.",
            "Elektronisk ansökan eller pappersblankett.",
            "Online application or paper form.",
        ),
        "fees": "partly_charged",
        "fees_desc": (
            "Varhaiskasvatusmaksu tulojen mukaan; perusopetus maksuton.",
            "Avgift för småbarnspedagogik enligt inkomst; grundläggande utbildning avgiftsfri.",
            "Early childhood education fee by income; basic education is free.",
        ),
        "docs": [("Lapsen syntymätodistus", "Barnets födelseattest", "Child's birth certificate")],
        "channels": ["e_service", "on_site"],
        "url": "https://www.rovaniemi.fi/varhaiskasvatus",
        "e_url": "https://www.rovaniemi.fi/asiointi",
        "languages": ["fi", "en"],
        "areas": [ROVANIEMI],
        "terms": ["P3.4", "P6.2", "KR1.2"],
        "phones": [],
    },
    {
        "key": "early-education-kemi",
        "org": "Kemin kaupunki",
        "at": ["pointti-kemi"],
        "name": (
            "Varhaiskasvatus ja koulu Kemissä",
            "Småbarnspedagogik och skola i Kemi",
            "Early childhood education and school in Kemi",
        ),
        "description": (
            "Kemin varhaiskasvatuksen ja perusopetuksen haku; valmistava opetus Kemissä Kivikon koululla.",
            "Ansökan till småbarnspedagogik och grundläggande utbildning i Kemi; förberedande undervisning i Kivikko skola.",
            "Applying for early childhood education and basic education in Kemi; preparatory education at Kivikko school.",
        ),
        "eligibility": (
            "Kemissä asuvat lapsiperheet.",
            "Barnfamiljer bosatta i Kemi.",
            "Families with children living in Kemi.",
        ),
        "apply": ("Sähköinen hakemus.", "Elektronisk ansökan.", "Online application."),
        "fees": "partly_charged",
        "fees_desc": (
            "Varhaiskasvatusmaksu tulojen mukaan.",
            "Avgift för småbarnspedagogik enligt inkomst.",
            "Early childhood education fee by income.",
        ),
        "docs": [],
        "channels": ["e_service"],
        "url": "https://www.kemi.fi/varhaiskasvatus",
        "e_url": "https://www.kemi.fi/asiointi",
        "languages": ["fi"],
        "areas": [KEMI],
        "terms": ["P3.4", "P6.2", "KR1.2"],
        "phones": [],
    },
]

# Service paths: common steps (service key, note) at positions 10, 20, …; local variants per
# municipality: ("replace", step number from 1, service key, note), ("add", position, service
# key, note) or ("remove", step number).
PATHS: list[dict[str, Any]] = [
    {
        "key": "work",
        "life_situation": "work",
        "life_event": "KE5",
        "name": (
            "Muutin Suomeen töihin",
            "Jag flyttade till Finland för att arbeta",
            "I moved to Finland for work",
        ),
        "description": (
            "Tavallinen järjestys ensimmäisinä viikkoina työn perusteella muuttaneelle.",
            "Den vanliga ordningen under de första veckorna för den som flyttat för arbete.",
            "The usual order during the first weeks for people who moved for work.",
        ),
        "steps": [
            (
                "dvv-registration",
                (
                    "Varaa aika heti saavuttuasi; henkilötunnus tarvitaan lähes kaikkeen muuhun.",
                    "Boka tid genast när du kommit; personbeteckningen behövs för nästan allt annat.",
                    "Book an appointment as soon as you arrive; you need the identity code for almost everything else.",
                ),
            ),
            (
                "vero-taxcard",
                (
                    "Hae verokortti ennen ensimmäistä palkkaa, muuten palkasta pidätetään 60 %.",
                    "Skaffa skattekort före den första lönen, annars innehålls 60 % av lönen.",
                    "Get a tax card before your first salary, otherwise 60% is withheld.",
                ),
            ),
            (
                "ih-bank",
                (
                    "Pankkitili ja verkkopankkitunnukset: palkanmaksu ja sähköinen asiointi.",
                    "Bankkonto och nätbankskoder: lönebetalning och e-tjänster.",
                    "Bank account and online banking codes: salary payments and e-services.",
                ),
            ),
            (
                "kela-coverage",
                (
                    "Hae päätös asumisperusteisesta sosiaaliturvasta lomakkeella Y 77; liitä työsopimus.",
                    "Ansök om beslut om bosättningsbaserad social trygghet med blankett Y 77; bifoga arbetsavtalet.",
                    "Apply for a residence-based social security decision with form Y 77; attach your employment contract.",
                ),
            ),
            (
                "employment-rovaniemi",
                (
                    "Jos työsuhde päättyy tai haet uutta työtä, ilmoittaudu työnhakijaksi; saat myös kotoutumissuunnitelman.",
                    "Om anställningen upphör eller du söker nytt arbete, anmäl dig som arbetssökande; du får också en integrationsplan.",
                    "If your job ends or you look for a new one, register as a job seeker; you also get an integration plan.",
                ),
            ),
            (
                "finnish-course-rovaniemi",
                (
                    "Suomen kieli avaa ovia: kysy työnantajalta myös työpaikkakursseista.",
                    "Finska öppnar dörrar: fråga också arbetsgivaren om kurser på arbetsplatsen.",
                    "Finnish opens doors: ask your employer about workplace courses too.",
                ),
            ),
        ],
        "variants": {
            KEMI: {
                "note": (
                    "Kemissä aloita International Pointista: kotiagentti auttaa varaamaan ajat.",
                    "I Kemi börjar du på International Pointti: hemagenten hjälper dig boka tider.",
                    "In Kemi, start at International Pointti: the home agent helps you book appointments.",
                ),
                "changes": [
                    (
                        "add",
                        5,
                        "pointti-advice",
                        (
                            "Ensimmäinen käynti: tarkistuslista ja ajanvaraukset.",
                            "Första besöket: checklista och tidsbokningar.",
                            "First visit: checklist and appointments.",
                        ),
                    ),
                    ("remove", 3),
                    (
                        "replace",
                        5,
                        "employment-kemi",
                        (
                            "Kemin työllisyyspalvelut palvelevat myös Keminmaan, Simon, Tervolan ja Tornion asukkaita.",
                            "Kemi sysselsättningstjänster betjänar också invånare i Keminmaa, Simo, Tervola och Torneå.",
                            "Kemi employment services also serve residents of Keminmaa, Simo, Tervola and Tornio.",
                        ),
                    ),
                    (
                        "replace",
                        6,
                        "finnish-course-kemi",
                        (
                            "Iltakurssit sopivat työssä käyville.",
                            "Kvällskurserna passar den som arbetar.",
                            "Evening courses suit people who work.",
                        ),
                    ),
                ],
            },
        },
    },
    {
        "key": "family",
        "life_situation": "family",
        "life_event": "KE5",
        "name": (
            "Muutin Suomeen perheen luo",
            "Jag flyttade till Finland till min familj",
            "I moved to Finland to join my family",
        ),
        "description": (
            "Perhesiteen perusteella muuttaneen ja hänen lastensa ensimmäiset askeleet.",
            "De första stegen för den som flyttat på grund av familjeband och för barnen.",
            "First steps for people who moved on the basis of family ties, and for their children.",
        ),
        "steps": [
            (
                "migri-permit",
                (
                    "Perheenjäsenen oleskelulupa: tarkista luvan voimassaolo ja hae jatkolupa ajoissa.",
                    "Familjemedlemmens uppehållstillstånd: kontrollera giltigheten och sök fortsatt tillstånd i tid.",
                    "Family member's residence permit: check its validity and apply for an extension in time.",
                ),
            ),
            (
                "dvv-registration",
                (
                    "Ota mukaan laillistetut vihki- ja syntymätodistukset.",
                    "Ta med legaliserade vigsel- och födelseattester.",
                    "Bring legalised marriage and birth certificates.",
                ),
            ),
            (
                "kela-coverage",
                (
                    "Hae Kelan päätös koko perheelle; lapsilisää voi hakea sen jälkeen.",
                    "Ansök om FPA:s beslut för hela familjen; barnbidrag kan sökas därefter.",
                    "Apply for Kela's decision for the whole family; child benefit can be applied for afterwards.",
                ),
            ),
            (
                "health-centre",
                (
                    "Neuvola ja kouluterveydenhuolto: lasten rokotukset tarkistetaan.",
                    "Rådgivning och skolhälsovård: barnens vaccinationer kontrolleras.",
                    "Maternity and child health clinic and school health care: children's vaccinations are checked.",
                ),
            ),
            (
                "early-education-rovaniemi",
                (
                    "Hae varhaiskasvatukseen tai valmistavaan opetukseen.",
                    "Ansök till småbarnspedagogik eller förberedande undervisning.",
                    "Apply for early childhood education or preparatory education.",
                ),
            ),
            (
                "finnish-course-rovaniemi",
                (
                    "Kotona olevalle vanhemmalle on myös lastenhoidollisia kursseja.",
                    "För föräldrar som är hemma finns också kurser med barnpassning.",
                    "Parents at home can join courses with childcare.",
                ),
            ),
        ],
        "variants": {
            KEMI: {
                "note": ("", "", ""),
                "changes": [
                    (
                        "replace",
                        5,
                        "early-education-kemi",
                        (
                            "Valmistava opetus järjestetään Kivikon koululla.",
                            "Förberedande undervisning ordnas i Kivikko skola.",
                            "Preparatory education is given at Kivikko school.",
                        ),
                    ),
                    ("replace", 6, "finnish-course-kemi", ("", "", "")),
                ],
            },
        },
    },
    {
        "key": "study",
        "life_situation": "study",
        "life_event": "KE3",
        "name": ("Tulin opiskelemaan", "Jag kom för att studera", "I came to study"),
        "description": (
            "Lapin yliopistoon tulevan kansainvälisen opiskelijan askeleet.",
            "Stegen för en internationell studerande vid Lapplands universitet.",
            "Steps for an international student coming to the University of Lapland.",
        ),
        "steps": [
            (
                "ulapland-students",
                (
                    "Orientaatioviikko ja opiskelijapalvelut: kysy asunnosta ja vakuutuksista.",
                    "Orienteringsveckan och studentservicen: fråga om bostad och försäkringar.",
                    "Orientation week and student services: ask about housing and insurance.",
                ),
            ),
            (
                "dvv-registration",
                (
                    "Yli vuoden opiskelijat rekisteröityvät DVV:ssä; lyhyemmissä vaihdoissa kysy opiskelijapalveluista.",
                    "Studerande som stannar över ett år registrerar sig hos DVV; vid kortare utbyten, fråga studentservicen.",
                    "Students staying over a year register with DVV; for shorter exchanges ask student services.",
                ),
            ),
            (
                "vero-taxcard",
                (
                    "Opiskelija saa tehdä töitä keskimäärin 30 tuntia viikossa; tarvitset verokortin.",
                    "En studerande får arbeta i genomsnitt 30 timmar i veckan; du behöver skattekort.",
                    "Students may work on average 30 hours a week; you need a tax card.",
                ),
            ),
            ("ih-bank", ("", "", "")),
            (
                "migri-permit",
                (
                    "Hae jatkolupa ennen nykyisen luvan päättymistä.",
                    "Sök fortsatt tillstånd innan det nuvarande går ut.",
                    "Apply for an extended permit before the current one expires.",
                ),
            ),
        ],
        "variants": {},
    },
    {
        "key": "international-protection",
        "life_situation": "international_protection",
        "life_event": "KE5",
        "name": (
            "Sain kansainvälistä suojelua",
            "Jag har fått internationellt skydd",
            "I was granted international protection",
        ),
        "description": (
            "Kuntaan muuttaneen suojelua saaneen ensimmäiset kuukaudet.",
            "De första månaderna för den med skydd som flyttat till kommunen.",
            "The first months for people under protection who moved to the municipality.",
        ),
        "steps": [
            (
                "integration-social-work",
                (
                    "Sosiaaliohjaaja on ensimmäinen yhteyshenkilö: asunto, toimeentulotuki ja perheen palvelut.",
                    "Socialhandledaren är den första kontaktpersonen: bostad, utkomststöd och familjens tjänster.",
                    "The social counsellor is your first contact: housing, social assistance and family services.",
                ),
            ),
            (
                "dvv-registration",
                (
                    "Kotikunta ja osoite rekisteröidään; henkilötunnus on yleensä jo vastaanottokeskusvaiheesta.",
                    "Hemkommun och adress registreras; personbeteckningen finns oftast redan från mottagningen.",
                    "Your municipality of residence and address are registered; you usually have the identity code from the reception phase.",
                ),
            ),
            (
                "kela-coverage",
                (
                    "Kela ratkaisee sosiaaliturvan; hae samalla asumistukea ja tarvittaessa toimeentulotukea.",
                    "FPA avgör den sociala tryggheten; ansök samtidigt om bostadsbidrag och vid behov utkomststöd.",
                    "Kela decides on social security; apply for housing allowance and, if needed, social assistance at the same time.",
                ),
            ),
            ("health-check-refugees", ("", "", "")),
            (
                "employment-rovaniemi",
                (
                    "Palvelutarpeen arviointi ja kotoutumissuunnitelma tehdään tulkin avulla.",
                    "Bedömning av servicebehov och integrationsplan görs med tolk.",
                    "The service needs assessment and integration plan are made with an interpreter.",
                ),
            ),
            ("finnish-course-rovaniemi", ("", "", "")),
            (
                "moninet-advice",
                (
                    "Vertaistuki ja kielikahvila arjen tueksi.",
                    "Kamratstöd och språkcafé som stöd i vardagen.",
                    "Peer support and a language café for everyday life.",
                ),
            ),
        ],
        "variants": {
            KEMI: {
                "note": ("", "", ""),
                "changes": [
                    ("replace", 5, "employment-kemi", ("", "", "")),
                    ("replace", 6, "finnish-course-kemi", ("", "", "")),
                    (
                        "replace",
                        7,
                        "pointti-advice",
                        (
                            "Kemissä vertaistuki järjestetään International Pointin ryhmissä.",
                            "I Kemi ordnas kamratstöd i International Pointtis grupper.",
                            "In Kemi, peer support runs in International Pointti's groups.",
                        ),
                    ),
                ],
            },
        },
    },
    {
        "key": "temporary-protection",
        "life_situation": "temporary_protection",
        "life_event": "KE5",
        "name": (
            "Sain tilapäistä suojelua",
            "Jag har fått tillfälligt skydd",
            "I received temporary protection",
        ),
        "description": (
            "Ukrainasta tulleen tilapäistä suojelua saavan polku.",
            "Vägen för en person från Ukraina med tillfälligt skydd.",
            "The path for a person from Ukraine under temporary protection.",
        ),
        "steps": [
            (
                "migri-protection",
                (
                    "Hakemus poliisille; oleskelulupakortti tulee postissa.",
                    "Ansökan till polisen; uppehållstillståndskortet kommer per post.",
                    "Apply at the police; the residence permit card arrives by post.",
                ),
            ),
            (
                "spr-temporary-protection",
                (
                    "Vastaanottokeskuksen palvelut ja vertaistuki ensimmäisen vuoden aikana.",
                    "Mottagningstjänster och kamratstöd under det första året.",
                    "Reception services and peer support during the first year.",
                ),
            ),
            (
                "employment-rovaniemi",
                (
                    "Työnteko on sallittua heti; ilmoittaudu työnhakijaksi.",
                    "Du får arbeta genast; anmäl dig som arbetssökande.",
                    "You may work straight away; register as a job seeker.",
                ),
            ),
            ("vero-taxcard", ("", "", "")),
            (
                "dvv-registration",
                (
                    "Vuoden asumisen jälkeen voit hakea kotikuntaa DVV:stä.",
                    "Efter ett års vistelse kan du ansöka om hemkommun hos DVV.",
                    "After a year in Finland you can apply to DVV for a municipality of residence.",
                ),
            ),
            (
                "kela-coverage",
                (
                    "Kotikunnan myötä siirryt Kelan sosiaaliturvan piiriin.",
                    "Med hemkommun omfattas du av FPA:s sociala trygghet.",
                    "With a municipality of residence you are covered by Kela's social security.",
                ),
            ),
        ],
        "variants": {
            KEMI: {
                "note": ("", "", ""),
                "changes": [("replace", 3, "employment-kemi", ("", "", ""))],
            },
        },
    },
    {
        "key": "business",
        "life_situation": "business",
        "life_event": "",
        "name": ("Perustan yrityksen", "Jag startar ett företag", "I am starting a business"),
        "description": (
            "Yrityksen perustamisen vaiheet Rovaniemellä ja Kemissä.",
            "Stegen för att starta företag i Rovaniemi och Kemi.",
            "The steps of starting a business in Rovaniemi and Kemi.",
        ),
        "steps": [
            (
                "business-advice",
                (
                    "Liiketoimintasuunnitelma ja yritysmuodon valinta; kysy starttirahasta ennen aloittamista.",
                    "Affärsplan och val av företagsform; fråga om startpeng innan du börjar.",
                    "Business plan and choice of business form; ask about the start-up grant before you start.",
                ),
            ),
            (
                "migri-permit",
                (
                    "EU:n ulkopuolelta tuleva tarvitsee elinkeinonharjoittajan oleskeluluvan.",
                    "Den som kommer från länder utanför EU behöver uppehållstillstånd för näringsidkare.",
                    "People from outside the EU need a residence permit for self-employed persons.",
                ),
            ),
            (
                "prh-ytj",
                (
                    "Perustamisilmoitus YTJ:ssä; yritys saa Y-tunnuksen.",
                    "Etableringsanmälan i FODS; företaget får FO-nummer.",
                    "Start-up notification in YTJ; the business gets a Business ID.",
                ),
            ),
            (
                "vero-business",
                (
                    "Ennakkoperintärekisteri ja arvonlisäverorekisteri samalla ilmoituksella.",
                    "Förskottsuppbördsregistret och momsregistret med samma anmälan.",
                    "Prepayment register and VAT register with the same notification.",
                ),
            ),
            (
                "employment-rovaniemi",
                (
                    "Starttiraha haetaan ennen yritystoiminnan aloittamista.",
                    "Startpeng söks innan företagsverksamheten inleds.",
                    "Apply for the start-up grant before starting the business.",
                ),
            ),
        ],
        "variants": {
            KEMI: {
                "note": ("", "", ""),
                "changes": [
                    ("replace", 1, "kemi-business-advice", ("", "", "")),
                    ("replace", 5, "employment-kemi", ("", "", "")),
                ],
            },
        },
    },
]
