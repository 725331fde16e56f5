"""Generate realistic clients for the search benchmarks, with their search keys, fast (COPY).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_matching_bench KOTOPOLKU_ENV=development \\
        .venv/bin/python bench/generate_clients.py --total 100000
    … then --total 1000000 adds the rest to the same 20 service points.

Names come from Russian, Ukrainian, Arabic, Somali, Persian, Kurdish, Chinese, Vietnamese,
Estonian, English and Finnish: written in the native script where there is one, with a Latin
form in one of several real-world spellings (so one name appears spelled differently across
records). Birth dates (some year only or year and month), Finnish mobile numbers for most,
identity codes for some; spread over 20 service points of one network. The network's bench user
(a residence-permit expert) is on the team of 2,000 of them (``NETWORK_TEAM_SIZE``): a network
role reaches a member point's clients only where its holder works with them.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

SERVICE_POINTS = 20
CHUNK = 20_000
FAST_LOAD_FROM = 200_000  # from this many new clients on, key indexes are rebuilt after loading

# (native script or "", Latin spellings: the first is the most common)
Name = tuple[str, tuple[str, ...]]

CULTURES: dict[str, dict[str, Any]] = {
    "russian": {
        "weight": 14,
        "given": [
            ("Александр", ("Aleksandr", "Alexander", "Alexandr", "Oleksandr")),
            ("Дмитрий", ("Dmitrii", "Dmitry", "Dmitriy", "Dimitri")),
            ("Сергей", ("Sergei", "Sergey", "Serguei")),
            ("Андрей", ("Andrei", "Andrey")),
            ("Алексей", ("Aleksei", "Alexey", "Alexei")),
            ("Михаил", ("Mikhail", "Mihail", "Michail")),
            ("Иван", ("Ivan",)),
            ("Николай", ("Nikolai", "Nikolay")),
            ("Юрий", ("Iurii", "Yuri", "Juri", "Yury")),
            ("Евгений", ("Evgenii", "Yevgeny", "Jevgeni")),
            ("Ольга", ("Olga",)),
            ("Наталья", ("Natalia", "Natalya", "Natalja")),
            ("Екатерина", ("Ekaterina", "Yekaterina", "Jekaterina")),
            ("Татьяна", ("Tatiana", "Tatyana", "Tatjana")),
            ("Юлия", ("Iuliia", "Yulia", "Julia", "Yuliya")),
            ("Анна", ("Anna",)),
            ("Мария", ("Mariia", "Maria", "Mariya")),
            ("Ксения", ("Kseniia", "Ksenia", "Xenia")),
            ("Елена", ("Elena", "Yelena", "Jelena")),
            ("Светлана", ("Svetlana",)),
        ],
        "family": [
            ("Иванов", ("Ivanov", "Ivanoff", "Iwanow")),
            ("Смирнов", ("Smirnov", "Smirnoff")),
            ("Кузнецов", ("Kuznetsov", "Kuznecov", "Kouznetsov")),
            ("Попов", ("Popov", "Popoff")),
            ("Васильев", ("Vasilev", "Vasiliev", "Vassiljev")),
            ("Петров", ("Petrov", "Petroff")),
            ("Соколов", ("Sokolov",)),
            ("Михайлов", ("Mikhailov", "Mihailov", "Michailow")),
            ("Новиков", ("Novikov",)),
            ("Фёдоров", ("Fedorov", "Fyodorov", "Fjodorov")),
            ("Морозов", ("Morozov",)),
            ("Волков", ("Volkov", "Wolkow")),
            ("Алексеев", ("Alekseev", "Alexeev", "Aleksejev")),
            ("Лебедев", ("Lebedev", "Lebedew")),
            ("Семёнов", ("Semenov", "Semyonov", "Semjonov")),
            ("Егоров", ("Egorov", "Yegorov", "Jegorov")),
            ("Павлов", ("Pavlov", "Pawlow")),
            ("Козлов", ("Kozlov",)),
            ("Степанов", ("Stepanov",)),
            ("Николаев", ("Nikolaev", "Nikolayev")),
        ],
    },
    "ukrainian": {
        "weight": 16,
        "given": [
            ("Олександр", ("Oleksandr", "Aleksandr", "Olexandr")),
            ("Олексій", ("Oleksii", "Oleksiy", "Aleksei")),
            ("Сергій", ("Serhii", "Serhiy", "Sergii", "Sergey")),
            ("Андрій", ("Andrii", "Andriy", "Andrey")),
            ("Володимир", ("Volodymyr", "Vladimir", "Wolodymyr")),
            ("Микола", ("Mykola", "Nikolai")),
            ("Юрій", ("Yurii", "Yuriy", "Iurii")),
            ("Дмитро", ("Dmytro", "Dmitro")),
            ("Тарас", ("Taras",)),
            ("Богдан", ("Bohdan", "Bogdan")),
            ("Олена", ("Olena", "Elena", "Alena")),
            ("Ольга", ("Olha", "Olga")),
            ("Наталія", ("Nataliia", "Natalia", "Natalya")),
            ("Юлія", ("Yuliia", "Iuliia", "Yulia", "Julia")),
            ("Ірина", ("Iryna", "Irina")),
            ("Оксана", ("Oksana",)),
            ("Тетяна", ("Tetiana", "Tetyana", "Tatiana")),
            ("Марія", ("Mariia", "Maria")),
            ("Анастасія", ("Anastasiia", "Anastasia", "Anastasiya")),
            ("Галина", ("Halyna", "Galina")),
        ],
        "family": [
            ("Шевченко", ("Shevchenko", "Sevcenko", "Schewtschenko")),
            ("Коваленко", ("Kovalenko", "Kowalenko")),
            ("Бондаренко", ("Bondarenko",)),
            ("Ткаченко", ("Tkachenko", "Tkacenko", "Tkatschenko")),
            ("Кравченко", ("Kravchenko", "Krawtschenko")),
            ("Коваль", ("Koval", "Kowal")),
            ("Олійник", ("Oliinyk", "Oliynyk", "Oleinik")),
            ("Шевчук", ("Shevchuk", "Sevcuk")),
            ("Поліщук", ("Polishchuk", "Polischuk")),
            ("Бойко", ("Boiko", "Boyko")),
            ("Ткачук", ("Tkachuk",)),
            ("Мельник", ("Melnyk", "Melnik", "Melnick")),
            ("Кравчук", ("Kravchuk",)),
            ("Савченко", ("Savchenko", "Sawtschenko")),
            ("Руденко", ("Rudenko",)),
            ("Марченко", ("Marchenko", "Martschenko")),
            ("Лисенко", ("Lysenko", "Lisenko")),
            ("Петренко", ("Petrenko",)),
            ("Клименко", ("Klymenko", "Klimenko")),
            ("Павленко", ("Pavlenko", "Pawlenko")),
        ],
    },
    "arabic": {
        "weight": 14,
        "given": [
            ("محمد", ("Mohammed", "Muhammad", "Mohamed", "Mohammad", "Mohamad")),
            ("أحمد", ("Ahmed", "Ahmad", "Achmed")),
            ("علي", ("Ali", "Aly")),
            ("حسن", ("Hassan", "Hasan")),
            ("حسين", ("Hussein", "Hussain", "Husain", "Hossein")),
            ("عمر", ("Omar", "Umar")),
            ("يوسف", ("Youssef", "Yusuf", "Yousef", "Jusuf")),
            ("خالد", ("Khaled", "Khalid", "Chaled")),
            ("عبد الله", ("Abdullah", "Abdallah", "Abdulla")),
            ("عبد الرحمن", ("Abdulrahman", "Abdelrahman", "Abd al-Rahman")),
            ("إبراهيم", ("Ibrahim", "Ebrahim", "Ibraheem")),
            ("مصطفى", ("Mustafa", "Moustafa", "Mostafa")),
            ("فاطمة", ("Fatima", "Fatma", "Fatemeh")),
            ("عائشة", ("Aisha", "Aicha", "Ayesha")),
            ("مريم", ("Maryam", "Mariam", "Meryem")),
            ("زينب", ("Zainab", "Zeinab", "Zaynab")),
            ("نور", ("Nour", "Noor", "Nur")),
            ("سارة", ("Sara", "Sarah")),
            ("ليلى", ("Layla", "Leila", "Laila")),
            ("هدى", ("Huda", "Hoda")),
        ],
        "family": [
            ("الحسن", ("Al-Hassan", "Alhassan", "El Hassan", "Hassan")),
            ("الأحمد", ("Al-Ahmad", "Alahmad")),
            ("الخطيب", ("Al-Khatib", "Alkhatib", "El Khatib")),
            ("المصري", ("Al-Masri", "Elmasry", "Masri")),
            ("حداد", ("Haddad", "Hadad")),
            ("عبد الله", ("Abdallah", "Abdullah")),
            ("ابراهيم", ("Ibrahim", "Ebrahim")),
            ("سليمان", ("Suleiman", "Sulaiman", "Soliman")),
            ("النجار", ("Al-Najjar", "Alnajjar", "Najjar")),
            ("الزين", ("Al-Zein", "Alzein", "Zein")),
            ("العلي", ("Al-Ali", "Alali")),
            ("يوسف", ("Youssef", "Yousef")),
            ("خليل", ("Khalil", "Khaleel", "Chalil")),
            ("صالح", ("Saleh", "Salih")),
            ("جابر", ("Jaber", "Jabir", "Gaber")),
            ("قاسم", ("Qasim", "Kassem", "Gasim")),
            ("منصور", ("Mansour", "Mansur")),
            ("عثمان", ("Othman", "Osman", "Uthman")),
            ("حمدان", ("Hamdan",)),
            ("الشامي", ("Al-Shami", "Alshami", "Chami")),
        ],
    },
    "somali": {
        "weight": 8,
        "given": [
            ("", ("Mohamed", "Maxamed", "Mohamud")),
            ("", ("Abdi", "Cabdi")),
            ("", ("Abdullahi", "Cabdullahi")),
            ("", ("Ahmed", "Axmed")),
            ("", ("Hassan", "Xasan")),
            ("", ("Hussein", "Xuseen", "Husein")),
            ("", ("Ali", "Cali")),
            ("", ("Omar", "Cumar")),
            ("", ("Abdirahman", "Cabdiraxmaan")),
            ("", ("Fadumo", "Faadumo")),
            ("", ("Hodan", "Hodon")),
            ("", ("Amina", "Aamina")),
            ("", ("Asha", "Caasha")),
            ("", ("Hawa", "Xaawo")),
            ("", ("Khadija", "Khadiija", "Qadiija")),
        ],
        "family": [
            ("", ("Mohamed", "Maxamed")),
            ("", ("Abdi", "Cabdi")),
            ("", ("Warsame", "Warsama")),
            ("", ("Farah", "Faarax")),
            ("", ("Hassan", "Xasan")),
            ("", ("Jama", "Jaamac")),
            ("", ("Osman", "Cismaan")),
            ("", ("Yusuf", "Yuusuf")),
            ("", ("Ahmed", "Axmed")),
            ("", ("Aden", "Aadan")),
            ("", ("Ismail", "Ismaaciil")),
            ("", ("Nur", "Nuur")),
        ],
    },
    "persian": {
        "weight": 6,
        "given": [
            ("علی", ("Ali",)),
            ("رضا", ("Reza", "Rida")),
            ("حسین", ("Hossein", "Hosein", "Hussein")),
            ("مهدی", ("Mehdi", "Mahdi")),
            ("امیر", ("Amir",)),
            ("محمدرضا", ("Mohammadreza", "Mohammad Reza")),
            ("فاطمه", ("Fatemeh", "Fatemeh", "Fatima")),
            ("زهرا", ("Zahra",)),
            ("مریم", ("Maryam",)),
            ("نرگس", ("Narges",)),
            ("شیرین", ("Shirin", "Chirine")),
            ("پریسا", ("Parisa",)),
        ],
        "family": [
            ("محمدی", ("Mohammadi", "Mohamadi")),
            ("حسینی", ("Hosseini", "Hoseini", "Husseini")),
            ("احمدی", ("Ahmadi",)),
            ("رضایی", ("Rezaei", "Rezai", "Rezaee")),
            ("کریمی", ("Karimi",)),
            ("موسوی", ("Mousavi", "Musavi", "Moussavi")),
            ("جعفری", ("Jafari", "Jaafari", "Djafari")),
            ("رحیمی", ("Rahimi",)),
            ("قاسمی", ("Ghasemi", "Qasemi")),
            ("صادقی", ("Sadeghi", "Sadeqi")),
        ],
    },
    "kurdish": {
        "weight": 4,
        "given": [
            ("", ("Azad", "Asad")),
            ("", ("Rebin", "Rebîn")),
            ("", ("Karwan", "Karvan")),
            ("", ("Dilan", "Dilân")),
            ("", ("Shilan", "Şîlan", "Silan")),
            ("", ("Berivan", "Bêrîvan")),
            ("", ("Hêvî", "Hevi")),
            ("", ("Soran",)),
            ("", ("Aram",)),
            ("", ("Shwan", "Şwan")),
        ],
        "family": [
            ("", ("Barzani", "Barzanî")),
            ("", ("Talabani", "Talebanî")),
            ("", ("Ahmad", "Ehmed")),
            ("", ("Kurdi", "Kurdî")),
            ("", ("Hawrami", "Hewramî")),
            ("", ("Mahmoud", "Mehmûd")),
            ("", ("Rashid", "Reşîd")),
            ("", ("Khoshnaw", "Xoşnaw")),
        ],
    },
    "chinese": {
        "weight": 6,
        "given": [
            ("伟", ("Wei",)),
            ("芳", ("Fang",)),
            ("娜", ("Na",)),
            ("敏", ("Min",)),
            ("静", ("Jing", "Ching")),
            ("丽", ("Li",)),
            ("强", ("Qiang", "Chiang")),
            ("磊", ("Lei",)),
            ("小龙", ("Xiaolong", "Hsiao-lung", "Siu Lung")),
            ("志明", ("Zhiming", "Chih-ming", "Chi Ming")),
            ("晓燕", ("Xiaoyan", "Hsiao-yen")),
            ("建华", ("Jianhua", "Chien-hua", "Kin Wah")),
            ("秀英", ("Xiuying", "Hsiu-ying")),
            ("海燕", ("Haiyan", "Hai-yen")),
        ],
        "family": [
            ("王", ("Wang", "Wong")),
            ("李", ("Li", "Lee", "Lei")),
            ("张", ("Zhang", "Chang", "Cheung")),
            ("刘", ("Liu", "Lau", "Lew")),
            ("陈", ("Chen", "Chan", "Tan")),
            ("杨", ("Yang", "Yeung")),
            ("黄", ("Huang", "Wong", "Hwang")),
            ("赵", ("Zhao", "Chao", "Chiu")),
            ("吴", ("Wu", "Ng", "Woo")),
            ("周", ("Zhou", "Chou", "Chow")),
            ("徐", ("Xu", "Hsu", "Tsui")),
            ("孙", ("Sun", "Suen")),
        ],
    },
    "vietnamese": {
        "weight": 5,
        "given": [
            ("Thành", ("Thanh",)),
            ("Hùng", ("Hung",)),
            ("Dũng", ("Dung",)),
            ("Minh", ("Minh",)),
            ("Tuấn", ("Tuan",)),
            ("Hương", ("Huong",)),
            ("Lan", ("Lan",)),
            ("Ngọc", ("Ngoc",)),
            ("Thảo", ("Thao",)),
            ("Linh", ("Linh",)),
            ("Văn Thành", ("Van Thanh",)),
            ("Thị Hương", ("Thi Huong",)),
        ],
        "family": [
            ("Nguyễn", ("Nguyen", "Ngyuen", "Nguyenn")),
            ("Trần", ("Tran",)),
            ("Lê", ("Le",)),
            ("Phạm", ("Pham",)),
            ("Hoàng", ("Hoang",)),
            ("Huỳnh", ("Huynh",)),
            ("Phan", ("Phan",)),
            ("Vũ", ("Vu",)),
            ("Võ", ("Vo",)),
            ("Đặng", ("Dang",)),
        ],
    },
    "estonian": {
        "weight": 8,
        "given": [
            ("", ("Jüri", "Juri", "Jyri")),
            ("", ("Jaan",)),
            ("", ("Mart",)),
            ("", ("Toomas", "Tomas")),
            ("", ("Andres",)),
            ("", ("Priit",)),
            ("", ("Mari",)),
            ("", ("Kadri",)),
            ("", ("Tiina", "Tina")),
            ("", ("Triin",)),
            ("", ("Kristiina", "Kristina")),
            ("", ("Liis",)),
        ],
        "family": [
            ("", ("Tamm",)),
            ("", ("Saar",)),
            ("", ("Sepp",)),
            ("", ("Mägi", "Magi")),
            ("", ("Kask",)),
            ("", ("Kukk",)),
            ("", ("Rebane",)),
            ("", ("Ilves",)),
            ("", ("Pärn", "Parn")),
            ("", ("Koppel",)),
            ("", ("Lepik",)),
            ("", ("Kütt", "Kutt")),
        ],
    },
    "english": {
        "weight": 8,
        "given": [
            ("", ("James",)),
            ("", ("John", "Jon")),
            ("", ("Michael", "Micheal")),
            ("", ("David",)),
            ("", ("Daniel",)),
            ("", ("Sarah", "Sara")),
            ("", ("Emily", "Emilie")),
            ("", ("Jessica",)),
            ("", ("Catherine", "Katherine", "Kathryn")),
            ("", ("Stephen", "Steven")),
            ("", ("Philip", "Phillip")),
            ("", ("Rebecca", "Rebekah")),
        ],
        "family": [
            ("", ("Smith", "Smyth")),
            ("", ("Johnson", "Jonson")),
            ("", ("Williams",)),
            ("", ("Brown", "Browne")),
            ("", ("Jones",)),
            ("", ("Taylor", "Tailor")),
            ("", ("Thompson", "Thomson")),
            ("", ("Clarke", "Clark")),
            ("", ("Wright",)),
            ("", ("Walker",)),
            ("", ("Robinson",)),
            ("", ("MacDonald", "McDonald")),
        ],
    },
    "finnish": {
        "weight": 11,
        "given": [
            ("", ("Mikko",)),
            ("", ("Juha",)),
            ("", ("Timo",)),
            ("", ("Matti",)),
            ("", ("Jukka",)),
            ("", ("Anna",)),
            ("", ("Maria",)),
            ("", ("Tuula",)),
            ("", ("Päivi", "Paivi")),
            ("", ("Aino",)),
            ("", ("Johanna",)),
            ("", ("Sanna",)),
        ],
        "family": [
            ("", ("Korhonen",)),
            ("", ("Virtanen",)),
            ("", ("Mäkinen", "Makinen")),
            ("", ("Nieminen",)),
            ("", ("Mäkelä", "Makela")),
            ("", ("Hämäläinen", "Hamalainen")),
            ("", ("Laine",)),
            ("", ("Heikkinen",)),
            ("", ("Koskinen",)),
            ("", ("Järvinen", "Jarvinen")),
            ("", ("Lehtonen",)),
            ("", ("Lehtinen",)),
        ],
    },
}

CLIENT_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "uuid",
    "given_names",
    "family_name",
    "given_names_latin",
    "family_name_latin",
    "birth_year",
    "birth_month",
    "birth_day",
    "gender",
    "citizenships",
    "phone",
    "email",
    "residence_basis",
    "permit_type",
    "personal_identity_code",
    "identity_code_is_temporary",
    "status",
    "service_point_id",
    "version",
    "other_names",
)
KEY_COLUMNS = ("client_id", "service_point_id", "kind", "key")
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def _hetu(rng: random.Random, year: int, month: int, day: int) -> str:
    individual = rng.randint(2, 899)
    number = int(f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}")
    sign = "-" if year < 2000 else "A"
    return f"{day:02d}{month:02d}{year % 100:02d}{sign}{individual:03d}{_HETU_CHECK[number % 31]}"


def make_person(rng: random.Random, culture: str) -> dict[str, Any]:
    spec = CULTURES[culture]
    given = [rng.choice(spec["given"])]
    if rng.random() < 0.25:  # a second given name
        second = rng.choice(spec["given"])
        if second != given[0]:
            given.append(second)
    family: Name = rng.choice(spec["family"])
    native_given = " ".join(name[0] for name in given if name[0])
    latin_given = " ".join(rng.choice(name[1]) for name in given)
    year = rng.randint(1945, 2008)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    precision = rng.random()
    person: dict[str, Any] = {
        "given_names": native_given if family[0] else "",
        "family_name": family[0],
        "given_names_latin": latin_given,
        "family_name_latin": rng.choice(family[1]),
        "birth_year": year,
        "birth_month": month if precision > 0.1 else None,
        "birth_day": day if precision > 0.15 else None,
        "phone": f"+35840{rng.randint(1000000, 9999999)}" if rng.random() < 0.8 else "",
        "personal_identity_code": _hetu(rng, year, month, day) if rng.random() < 0.3 else "",
    }
    if culture in {"estonian", "english", "finnish", "somali", "kurdish"}:
        person["given_names"], person["family_name"] = "", ""
    return person


def people(rng: random.Random, count: int) -> Iterator[dict[str, Any]]:
    cultures = list(CULTURES)
    weights = [CULTURES[c]["weight"] for c in cultures]
    for _ in range(count):
        yield make_person(rng, rng.choices(cultures, weights)[0])


def _copy_text(rows: list[tuple[Any, ...]]) -> str:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_field(value) for value in row))
        buffer.write("\n")
    return buffer.getvalue()


def _field(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def setup_points(prefix: str = "bench-speed") -> tuple[list[Any], Any]:
    """The 20 service points (and their network) of one benchmark data set."""
    from clients_common import bench_point

    from kotopolku.organisations.models import Network

    points = [
        bench_point(f"{prefix}-{i:02d}", f"{prefix} service point {i:02d}") for i in range(SERVICE_POINTS)
    ]
    network, _ = Network.objects.get_or_create(
        slug=f"{prefix}-network", defaults={"name": f"{prefix} network", "lead": points[0]}
    )
    network.service_points.add(*points)
    return points, network


def _key_table_definitions(cursor: Any) -> tuple[list[str], list[str]]:
    """DROP and CREATE statements of the key table's indexes and constraints (not its primary key)."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = 'clients_clientnamekey'::regclass AND contype IN ('u', 'f')"
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'clients_clientnamekey'"
        " AND indexname NOT IN (SELECT conname FROM pg_constraint"
        " WHERE conrelid = 'clients_clientnamekey'::regclass)"
    )
    indexes = cursor.fetchall()
    drops = [f'ALTER TABLE clients_clientnamekey DROP CONSTRAINT "{name}"' for name, _ in constraints]
    drops += [f'DROP INDEX "{name}"' for name, _ in indexes]
    creates = [definition for _, definition in indexes]
    creates += [f'ALTER TABLE clients_clientnamekey ADD CONSTRAINT "{name}" {d}' for name, d in constraints]
    return drops, creates


def generate(total: int, *, prefix: str = "bench-speed", seed: int = 7) -> None:
    from django.db import connection

    from kotopolku.clients.matching.keys import client_keys, kind_of
    from kotopolku.clients.models import Client

    points, _network = setup_points(prefix)
    point_ids = [p.pk for p in points]
    existing = Client.objects.filter(service_point_id__in=point_ids).count()
    missing = total - existing
    if missing <= 0:
        print(f"{existing} clients already at the bench service points; nothing to add")
        _network_teams(points, _network)
        return
    rng = random.Random(seed + existing)
    now = datetime.now(UTC).isoformat()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM clients_client")
        next_id = cursor.fetchone()[0] + 1
        # Move the id sequence past the ids written here, so that other inserts meanwhile do not
        # take them.
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('clients_client', 'id'), %s)", [next_id + missing + 1]
        )
    started = time.perf_counter()
    made = 0
    key_cache: dict[tuple[Any, ...], set[str]] = {}
    raw = connection.connection  # psycopg connection
    creates: list[str] = []
    if missing >= FAST_LOAD_FROM:
        with connection.cursor() as cursor:
            drops, creates = _key_table_definitions(cursor)
            print("Loading without the key indexes; if this stops, recreate them with:")
            print(";\n".join(creates) + ";")
            for statement in drops:
                cursor.execute(statement)
    while made < missing:
        size = min(CHUNK, missing - made)
        client_rows, key_rows = [], []
        for person in people(rng, size):
            client_id = next_id
            next_id += 1
            point_id = point_ids[rng.randrange(len(point_ids))]
            client_rows.append(
                (
                    client_id,
                    now,
                    now,
                    uuid.uuid4(),
                    person["given_names"],
                    person["family_name"],
                    person["given_names_latin"],
                    person["family_name_latin"],
                    person["birth_year"],
                    person["birth_month"],
                    person["birth_day"],
                    "not_told",
                    json.dumps([]),
                    person["phone"],
                    "",
                    "unknown",
                    "",
                    person["personal_identity_code"],
                    False,
                    "active",
                    point_id,
                    1,
                    json.dumps([]),
                )
            )
            cache_key = tuple(person.values())
            keys = key_cache.get(cache_key)
            if keys is None:
                keys = client_keys(Client(**person))
                if len(key_cache) < 200_000:
                    key_cache[cache_key] = keys
            key_rows.extend((client_id, point_id, kind_of(key), key) for key in keys)
        with raw.cursor() as cursor:
            with cursor.copy(f"COPY clients_client ({', '.join(CLIENT_COLUMNS)}) FROM STDIN") as copy:
                copy.write(_copy_text(client_rows))
            with cursor.copy(f"COPY clients_clientnamekey ({', '.join(KEY_COLUMNS)}) FROM STDIN") as copy:
                copy.write(_copy_text(key_rows))
        raw.commit()
        made += size
        elapsed = time.perf_counter() - started
        print(
            f"{existing + made} clients ({made / elapsed:.0f}/s), {len(key_rows) / size:.1f} keys per client"
        )
    with connection.cursor() as cursor:
        if creates:
            print("Recreating the key indexes and constraints")
            for statement in creates:
                cursor.execute(statement)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('clients_client', 'id'),"
            " (SELECT MAX(id) FROM clients_client))"
        )
        cursor.execute("ANALYZE clients_client")
        # VACUUM too: a lookup reads the key index alone only once the table's pages are marked
        # all-visible (after a bulk load the planner reads the table pages instead).
        cursor.execute("VACUUM ANALYZE clients_clientnamekey")
    _network_teams(points, _network)


def _network_teams(points: list[Any], network: Any) -> None:
    from clients_common import NETWORK_TEAM_SIZE, bench_network_user, bench_team

    added = bench_team(bench_network_user(network), [point.pk for point in points])
    print(f"The network user works with {NETWORK_TEAM_SIZE} clients ({added} added now)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--total", type=int, default=100_000, help="clients wanted in the data set")
    parser.add_argument(
        "--prefix", default="bench-speed", help="slug prefix of the data set's service points"
    )
    args = parser.parse_args()
    from harness import setup_django

    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("generate_clients.py needs PostgreSQL (DATABASE_URL)")
    generate(args.total, prefix=args.prefix)


if __name__ == "__main__":
    main()
