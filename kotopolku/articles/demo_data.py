# ruff: noqa: E501  (long multilingual texts are data)
"""Demo articles: Kemi's "How to become a Kemi resident?" package (seed 001: plain Finnish and
other languages) and Rovaniemi's guide for people planning to move ("information in one place",
seed 002). Each text: (title, summary, body with paragraphs separated by an empty line)."""

from __future__ import annotations

from typing import Any

PLAIN = "fi-x-plain"

GUIDES: list[dict[str, Any]] = [
    {
        "key": "miten-tulla-kemilaiseksi",
        "service_point": "kemi",
        "texts": {
            "fi": (
                "Miten tulla kemiläiseksi?",
                "Tietopaketti Kemiin muuttavalle: rekisteröinti, verokortti, Kela ja suomen kieli.",
            ),
            PLAIN: (
                "Näin muutat Kemiin",
                "Tässä oppaassa kerromme, mitä sinun pitää tehdä, kun muutat Kemiin.",
            ),
            "en": (
                "How to become a Kemi resident?",
                "Information for people moving to Kemi: registration, tax card, Kela and the Finnish language.",
            ),
            "ru": (
                "Как стать жителем Кеми?",
                "Информация для переезжающих в Кеми: регистрация, налоговая карточка, Kela и финский язык.",
            ),
        },
    },
    {
        "key": "muutto-rovaniemelle",
        "service_point": "rovaniemi",
        "texts": {
            "fi": (
                "Muutto Rovaniemelle",
                "Kaikki tieto yhdestä paikasta Rovaniemelle muuttoa suunnittelevalle.",
            ),
            "en": (
                "Moving to Rovaniemi",
                "Everything in one place for people planning to move to Rovaniemi.",
            ),
            "ru": (
                "Переезд в Рованиеми",
                "Вся информация в одном месте для тех, кто планирует переезд в Рованиеми.",
            ),
        },
    },
]

ARTICLES: list[dict[str, Any]] = [
    {
        "key": "rekisteroityminen",
        "service_point": "kemi",
        "guide": "miten-tulla-kemilaiseksi",
        "position": 1,
        "life_situation": "other",
        "services": ["dvv-registration", "pointti-advice"],
        "source_revision": 2,
        "outdated": ["ru"],
        "texts": {
            "fi": (
                "Rekisteröidy asukkaaksi",
                "Kun muutat Suomeen, rekisteröidy Digi- ja väestötietovirastoon (DVV).",
                "Kun muutat Kemiin ulkomailta, sinun pitää rekisteröityä väestötietojärjestelmään. Rekisteröinti tehdään Digi- ja väestötietoviraston (DVV) palvelupisteessä. Varaa aika etukäteen.\n\n"
                "Ota mukaan passi tai henkilökortti, oleskelulupa tai EU-rekisteröintitodistus sekä vuokrasopimus. Rekisteröinnin jälkeen saat henkilötunnuksen, jos sinulla ei vielä ole sitä.\n\n"
                "DVV:n virkailija pitää International Pointissa pop-up-vastaanottoa. Katso ajat palvelupisteen sivulta.",
            ),
            PLAIN: (
                "Ilmoita, että asut Kemissä",
                "Kun muutat Suomeen, käy DVV:ssä.",
                "Kun muutat Kemiin, sinun pitää käydä DVV:ssä. DVV on virasto. DVV kirjoittaa tietosi rekisteriin.\n\n"
                "Varaa aika. Ota mukaan passi. Ota mukaan oleskelulupa. Ota mukaan vuokrasopimus.\n\n"
                "Saat henkilötunnuksen. Tarvitset henkilötunnuksen monessa paikassa.",
            ),
            "en": (
                "Register as a resident",
                "When you move to Finland, register with the Digital and Population Data Services Agency (DVV).",
                "When you move to Kemi from abroad, you must register in the Population Information System. Registration is done at a service point of the Digital and Population Data Services Agency (DVV). Book an appointment in advance.\n\n"
                "Bring your passport or identity card, residence permit or EU registration certificate, and your rental agreement. After registration you get a personal identity code if you do not have one yet.\n\n"
                "A DVV official holds pop-up hours at International Pointti. See the times on the service point's page.",
            ),
            "ru": (
                "Регистрация в качестве жителя",
                "После переезда в Финляндию зарегистрируйтесь в Агентстве цифровизации и регистрации населения (DVV).",
                "Если вы переезжаете в Кеми из-за границы, вы должны зарегистрироваться в системе регистрации населения. Регистрация проходит в пункте обслуживания DVV. Запишитесь на приём заранее.\n\n"
                "Возьмите с собой паспорт, вид на жительство и договор аренды. После регистрации вы получите личный идентификационный код.",
            ),
        },
    },
    {
        "key": "verokortti",
        "service_point": "kemi",
        "guide": "miten-tulla-kemilaiseksi",
        "position": 2,
        "life_situation": "work",
        "services": ["vero-taxcard"],
        "source_revision": 1,
        "outdated": [],
        "texts": {
            "fi": (
                "Hae verokortti",
                "Tarvitset verokortin, kun aloitat työt Suomessa.",
                "Kun aloitat työt Suomessa, tarvitset verokortin. Ilman verokorttia työnantaja perii palkastasi 60 prosentin veron.\n\n"
                "Verokortin saat Verohallinnosta. Jos sinulla on suomalaiset verkkopankkitunnukset, voit hakea verokortin OmaVerossa. Muuten käy Verohallinnon palvelupisteessä ja ota mukaan passi, oleskelulupa ja työsopimus.",
            ),
            PLAIN: (
                "Verokortti",
                "Tarvitset verokortin, kun teet työtä.",
                "Kun teet työtä Suomessa, tarvitset verokortin. Annat verokortin työnantajalle.\n\n"
                "Saat verokortin Verohallinnosta. Ota mukaan passi ja työsopimus.",
            ),
            "en": (
                "Apply for a tax card",
                "You need a tax card when you start working in Finland.",
                "When you start working in Finland, you need a tax card. Without a tax card, your employer withholds 60 per cent tax from your pay.\n\n"
                "You get the tax card from the Finnish Tax Administration. With Finnish online banking codes you can apply in MyTax. Otherwise visit a Tax Administration service point and bring your passport, residence permit and employment contract.",
            ),
            "ru": (
                "Налоговая карточка",
                "Налоговая карточка нужна, когда вы начинаете работать в Финляндии.",
                "Когда вы начинаете работать в Финляндии, вам нужна налоговая карточка. Без неё работодатель удержит из вашей зарплаты 60 процентов налога.\n\n"
                "Налоговую карточку выдаёт Налоговое управление. Возьмите с собой паспорт, вид на жительство и трудовой договор.",
            ),
        },
    },
    {
        "key": "kela-ja-sosiaaliturva",
        "service_point": "kemi",
        "guide": "miten-tulla-kemilaiseksi",
        "position": 3,
        "life_situation": "family",
        "services": ["kela-coverage"],
        "source_revision": 2,
        "outdated": ["en"],
        "texts": {
            "fi": (
                "Kela ja sosiaaliturva",
                "Kela päättää, kuulutko Suomen sosiaaliturvaan.",
                "Kela hoitaa Suomen sosiaaliturvaa, esimerkiksi lapsilisää, asumistukea ja sairausvakuutusta. Kun muutat Suomeen, Kela päättää, kuulutko Suomen sosiaaliturvaan.\n\n"
                "Hae päätöstä lomakkeella Y 77 tai Kelan asiointipalvelussa. Päätökseen vaikuttavat esimerkiksi työsi, oleskelulupasi ja se, kuinka kauan aiot asua Suomessa.\n\n"
                "Uutta: Kelan palveluneuvoja on International Pointissa joka toinen tiistai.",
            ),
            PLAIN: (
                "Kela",
                "Kela maksaa tukia.",
                "Kela on virasto. Kela maksaa esimerkiksi lapsilisää ja asumistukea.\n\n"
                "Kun muutat Suomeen, täytä Kelan lomake. Kela kertoo, saatko tukia.",
            ),
            "en": (
                "Kela and social security",
                "Kela decides whether you are covered by Finnish social security.",
                "Kela administers Finnish social security, for example child benefit, housing allowance and health insurance. When you move to Finland, Kela decides whether you are covered.\n\n"
                "Apply with form Y 77 or in Kela's online service. The decision depends for example on your work, your residence permit and how long you plan to live in Finland.",
            ),
        },
    },
    {
        "key": "suomen-kieli",
        "service_point": "kemi",
        "guide": "miten-tulla-kemilaiseksi",
        "position": 4,
        "life_situation": "study",
        "services": ["finnish-course-kemi"],
        "source_revision": 1,
        "outdated": [],
        "draft": ["ru"],
        "texts": {
            "fi": (
                "Opiskele suomea",
                "Kemissä voit opiskella suomea kursseilla ja kielikahvilassa.",
                "Suomen kieli auttaa sinua töissä ja arjessa. Kemissä järjestetään suomen kielen kursseja eri tasoille.\n\n"
                "International Pointissa on kielikahvila, jossa voit harjoitella puhumista. Kysy lisää neuvonnasta.",
            ),
            PLAIN: (
                "Opi suomea",
                "Voit opiskella suomea Kemissä.",
                "Suomen kieli auttaa sinua. Kemissä on suomen kielen kursseja.\n\n"
                "International Pointissa on kielikahvila. Siellä voit puhua suomea.",
            ),
            "en": (
                "Study Finnish",
                "In Kemi you can study Finnish on courses and in a language café.",
                "Finnish helps you at work and in everyday life. Finnish courses at different levels are held in Kemi.\n\n"
                "International Pointti has a language café where you can practise speaking. Ask at the desk.",
            ),
            "ru": (
                "Изучайте финский язык",
                "В Кеми можно учить финский язык на курсах и в языковом кафе.",
                "Финский язык помогает на работе и в повседневной жизни. В Кеми проходят курсы финского языка разных уровней.",
            ),
        },
    },
    {
        "key": "ennen-muuttoa",
        "service_point": "rovaniemi",
        "guide": "muutto-rovaniemelle",
        "position": 1,
        "life_situation": "other",
        "services": ["ih-advice", "migri-permit"],
        "source_revision": 1,
        "outdated": [],
        "texts": {
            "fi": (
                "Ennen muuttoa Rovaniemelle",
                "Oleskelulupa, asunto ja ensimmäiset viikot.",
                "Jos tulet EU:n ulkopuolelta, tarvitset yleensä oleskeluluvan. Hae lupaa Maahanmuuttoviraston Enter Finland -palvelussa hyvissä ajoin.\n\n"
                "Etsi asunto ennen muuttoa, jos voit. Rovaniemellä vuokra-asuntoja välittävät kaupungin vuokrataloyhtiö ja yksityiset vuokranantajat.\n\n"
                "International House Rovaniemi neuvoo maksutta jo ennen muuttoa. Voit kysyä meiltä sähköpostilla tai verkkolomakkeella.",
            ),
            "en": (
                "Before you move to Rovaniemi",
                "Residence permit, housing and the first weeks.",
                "If you come from outside the EU, you usually need a residence permit. Apply in the Finnish Immigration Service's Enter Finland service well in advance.\n\n"
                "Find a home before you move, if you can. In Rovaniemi, rental homes are offered by the city's housing company and private landlords.\n\n"
                "International House Rovaniemi gives free advice even before you move. Ask us by e-mail or with the online form.",
            ),
            "ru": (
                "Перед переездом в Рованиеми",
                "Вид на жительство, жильё и первые недели.",
                "Если вы приезжаете из страны за пределами ЕС, вам обычно нужен вид на жительство. Подайте заявление в службе Enter Finland Миграционной службы заблаговременно.\n\n"
                "По возможности найдите жильё до переезда. International House Rovaniemi бесплатно консультирует ещё до переезда.",
            ),
            PLAIN: (
                "Ennen kuin muutat Rovaniemelle",
                "Lupa, asunto ja ensimmäiset päivät.",
                "Tarvitset ehkä oleskeluluvan. Hae lupaa ajoissa.\n\n"
                "Etsi asunto. Kysy meiltä apua. Neuvonta on ilmaista.",
            ),
        },
    },
    {
        "key": "tyonhaku",
        "service_point": "rovaniemi",
        "guide": "muutto-rovaniemelle",
        "position": 2,
        "life_situation": "work",
        "services": ["employment-rovaniemi", "vero-taxcard"],
        "source_revision": 2,
        "outdated": ["en", "ru"],
        "texts": {
            "fi": (
                "Työnhaku Rovaniemellä",
                "Työllisyyspalvelut auttavat työnhaussa.",
                "Rovaniemen kaupungin työllisyyspalvelut auttavat työnhaussa ja koulutukseen hakeutumisessa. Ilmoittaudu työnhakijaksi Työmarkkinatorilla.\n\n"
                "Monissa työpaikoissa ei vaadita sujuvaa suomea. Kysy International Housesta työnantajien rekrytointitapahtumista.\n\n"
                "Päivitetty: työllisyyspalvelujen pop-up-vastaanotto on International Housessa keskiviikkoisin.",
            ),
            "en": (
                "Finding work in Rovaniemi",
                "Employment services help you look for work.",
                "The City of Rovaniemi's employment services help you look for work and training. Register as a jobseeker at Job Market Finland.\n\n"
                "Many workplaces do not require fluent Finnish. Ask International House about employers' recruitment events.",
            ),
            "ru": (
                "Поиск работы в Рованиеми",
                "Службы занятости помогают в поиске работы.",
                "Службы занятости города Рованиеми помогают в поиске работы и обучения. Зарегистрируйтесь как ищущий работу на портале Työmarkkinatori.",
            ),
        },
    },
]

# The steps of the catalogue's demo service paths an article links to: (path key, step number).
PATH_STEPS: dict[str, list[tuple[str, int]]] = {
    "rekisteroityminen": [("work", 1)],
    "verokortti": [("work", 2)],
    "kela-ja-sosiaaliturva": [("work", 4)],
    "tyonhaku": [("work", 5)],
}
