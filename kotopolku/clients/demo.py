"""Demo clients of the two Lapland service points: names from many languages and scripts, some
partial birth dates, a few closed cases (one past the retention period) and deliberate
near-duplicates (Мухаммед/Muhammad vs Mohamed, Oleksandr vs Aleksandr, Maxamed vs Mohamed) so
the duplicate warning can be tried. The network's residence-permit expert is on the team of the
clients with permit questions (some with work, family and study permits), so logging in as them
shows those clients only. Idempotent: each client has a fixed UUID."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.clients.enums import ClientStatus, ConsentPurpose
from kotopolku.clients.matching.services import client_search_keys_refresh
from kotopolku.clients.models import Client, ClientLanguage, ClientTeamMember, Consent
from kotopolku.organisations.demo import DemoTenancy
from kotopolku.organisations.models import Municipality

_NAMESPACE = uuid.UUID("6f0d35a4-4f53-4c0e-9d53-0c1b6a2b7c11")


@dataclass(frozen=True)
class DemoClient:
    point: str  # "rovaniemi" or "kemi"
    given: str
    family: str
    given_latin: str = ""
    family_latin: str = ""
    birth: tuple[int, ...] = ()  # (), (year,), (year, month) or (year, month, day)
    gender: str = "not_told"
    citizenships: tuple[str, ...] = ()
    languages: tuple[tuple[str, str, bool], ...] = ()  # (ISO 639, CEFR level, interpreter)
    residence_basis: str = "unknown"
    municipality: str = ""
    arrived_years_ago: int | None = None
    phone: str = ""
    status: str = "active"
    closed_years_ago: int = 0
    consents: tuple[str, ...] = ("record_keeping",)


R, K = "rovaniemi", "kemi"
FI = ("fi", "A1", False)

# fmt: off
CLIENTS = [
    # Ukrainian and Russian, Cyrillic and Latin
    DemoClient(R, "Олександр", "Коваленко", "Oleksandr", "Kovalenko", (1986, 4, 12), "man", ("UA",),
               (("uk", "native", False), ("ru", "C1", False), FI), "temporary_protection", "698", 3,
               "+358401110001"),
    DemoClient(R, "Олена", "Коваленко", "Olena", "Kovalenko", (1988,), "woman", ("UA",),
               (("uk", "native", True),), "temporary_protection", "698", 3),
    DemoClient(K, "Александр", "Коваленко", "Aleksandr", "Kovalenko", (1986, 4), "man", ("UA",),
               (("ru", "native", False),), "temporary_protection", "240", 2, "+358401110002"),
    DemoClient(R, "Ірина", "Шевченко", "Iryna", "Shevchenko", (1979, 11, 3), "woman", ("UA",),
               (("uk", "native", False), ("en", "B1", False)), "work", "698", 1),
    DemoClient(R, "Дмитрий", "Иванов", "Dmitrii", "Ivanov", (1990, 1, 1), "man", ("RU",),
               (("ru", "native", False), ("fi", "A2", False)), "family", "698", 5),
    DemoClient(K, "Наталья", "Смирнова", "Natalia", "Smirnova", (1975,), "woman", ("RU",),
               (("ru", "native", True),), "family", "240", 8),
    DemoClient(K, "Андрій", "Бондаренко", "Andrii", "Bondarenko", (2001, 7, 30), "man", ("UA",),
               (("uk", "native", False), ("en", "B2", False)), "study", "240", 1),
    DemoClient(R, "Світлана", "Мельник", "Svitlana", "Melnyk", (1968, 2), "woman", ("UA",),
               (("uk", "native", True), ("ru", "C2", False)), "temporary_protection", "698", 2),
    # Arabic script and Latin; the Muhammad/Mohamed near-duplicates
    DemoClient(R, "محمد", "الرحيمي", "Muhammad", "Rahimi", (1990, 3, 15), "man", ("SY",),
               (("ar", "native", True),), "international_protection", "698", 4, "+358401110003"),
    DemoClient(R, "Мухаммед", "Рахими", "Mohamed", "Rahimi", (1990,), "man", ("SY",),
               (("ar", "native", True), ("ru", "B1", False)), "international_protection", "698", 4),
    DemoClient(R, "فاطمة", "حسن", "Fatima", "Hassan", (1985, 1, 1), "woman", ("IQ",),
               (("ar", "native", True),), "family", "698", 6),
    DemoClient(K, "أحمد", "العلي", "Ahmed", "Al-Ali", (1993, 9), "man", ("SY",),
               (("ar", "native", False), ("en", "B1", False), FI), "international_protection", "240", 5),
    DemoClient(K, "ليلى", "خليل", "Layla", "Khalil", (2000,), "woman", ("LB",),
               (("ar", "native", False), ("fr", "B2", False)), "study", "240", 1),
    DemoClient(R, "عبد الله", "منصور", "Abdullah", "Mansour", (1971, 6, 20), "man", ("IQ",),
               (("ar", "native", True), ("ku", "C1", False)), "family", "698", 9),
    DemoClient(R, "يوسف", "إبراهيم", "Yousef", "Ibrahim", (2004, 12, 2), "man", ("SD",),
               (("ar", "native", False), ("en", "A2", False)), "international_protection", "698", 2),
    # Somali; the Maxamed Cabdi / Mohamed Abdi near-duplicates
    DemoClient(R, "Maxamed", "Cabdi", "Maxamed", "Cabdi", (1989,), "man", ("SO",),
               (("so", "native", True), ("ar", "B1", False)), "international_protection", "698", 7,
               "+358401110004"),
    DemoClient(R, "Mohamed", "Abdi", "Mohamed", "Abdi", (1989, 1, 1), "man", ("SO",),
               (("so", "native", True),), "international_protection", "698", 7),
    DemoClient(K, "Hodan", "Warsame", "Hodan", "Warsame", (1995, 5), "woman", ("SO",),
               (("so", "native", False), ("en", "B1", False)), "family", "240", 3),
    DemoClient(K, "Cabdullaahi", "Xasan", "Cabdullaahi", "Xasan", (1982,), "man", ("SO",),
               (("so", "native", True),), "international_protection", "241", 10),
    DemoClient(R, "Faadumo", "Jaamac", "Faadumo", "Jaamac", (1998, 8, 8), "woman", ("SO",),
               (("so", "native", False), ("fi", "B1", False)), "family", "698", 6),
    # Persian and Dari
    DemoClient(R, "زهرا", "احمدی", "Zahra", "Ahmadi", (1992, 2, 14), "woman", ("IR",),
               (("fa", "native", False), ("en", "C1", False)), "work", "698", 1),
    DemoClient(R, "علی", "رضایی", "Ali", "Rezaei", (1987,), "man", ("AF",),
               (("fa", "native", True),), "international_protection", "698", 5),
    DemoClient(K, "مریم", "حسینی", "Maryam", "Hosseini", (1999, 10), "woman", ("AF",),
               (("fa", "native", True), ("ps", "B2", False)), "international_protection", "240", 2),
    DemoClient(K, "رضا", "کریمی", "Reza", "Karimi", (1984, 4, 4), "man", ("IR",),
               (("fa", "native", False), ("en", "B2", False)), "work", "851", 1),
    # Chinese
    DemoClient(R, "王", "伟", "Wei", "Wang", (1991, 7, 7), "man", ("CN",),
               (("zh", "native", False), ("en", "B2", False)), "work", "698", 2),
    DemoClient(R, "李", "娜", "Na", "Li", (1996,), "woman", ("CN",),
               (("zh", "native", False), ("en", "C1", False)), "study", "698", 1),
    DemoClient(K, "张", "敏", "Min", "Zhang", (1980, 12), "woman", ("CN",),
               (("zh", "native", True),), "family", "240", 4),
    # Vietnamese
    DemoClient(R, "Nguyễn Văn", "An", "Nguyen Van", "An", (1994, 3, 9), "man", ("VN",),
               (("vi", "native", False), ("en", "A2", False)), "work", "698", 1),
    DemoClient(K, "Trần Thị", "Hoa", "Tran Thi", "Hoa", (1997,), "woman", ("VN",),
               (("vi", "native", True),), "work", "240", 1),
    DemoClient(R, "Phạm Minh", "Tuấn", "Pham Minh", "Tuan", (1985, 5, 5), "man", ("VN",),
               (("vi", "native", False), FI), "family", "698", 6),
    # Estonian and other EU/Nordic
    DemoClient(K, "Kadri", "Tamm", "Kadri", "Tamm", (1983, 6, 24), "woman", ("EE",),
               (("et", "native", False), ("fi", "B2", False), ("ru", "B1", False)), "eu_nordic", "240", 9),
    DemoClient(K, "Rein", "Saar", "Rein", "Saar", (1979,), "man", ("EE",),
               (("et", "native", False), ("fi", "B1", False)), "eu_nordic", "241", 12),
    DemoClient(R, "Mari", "Kask", "Mari", "Kask", (1990, 9), "woman", ("EE",),
               (("et", "native", False), ("en", "B2", False)), "eu_nordic", "698", 2),
    DemoClient(R, "Lars", "Andersson", "Lars", "Andersson", (1972, 1, 1), "man", ("SE",),
               (("sv", "native", False), ("fi", "B2", False)), "eu_nordic", "698", 15),
    DemoClient(K, "Anna", "Kowalska", "Anna", "Kowalska", (1988, 8), "woman", ("PL",),
               (("pl", "native", False), ("en", "B1", False)), "eu_nordic", "240", 4),
    DemoClient(R, "Andrei", "Popescu", "Andrei", "Popescu", (1993,), "man", ("RO",),
               (("ro", "native", False), ("en", "B2", False)), "eu_nordic", "698", 1),
    DemoClient(R, "Giulia", "Rossi", "Giulia", "Rossi", (1995, 11, 30), "woman", ("IT",),
               (("it", "native", False), ("en", "C1", False)), "eu_nordic", "698", 2),
    # English-speaking, South and South-East Asia, Africa, Latin America
    DemoClient(R, "Emily", "Johnson", "Emily", "Johnson", (1990, 2, 2), "woman", ("US",),
               (("en", "native", False),), "family", "698", 3),
    DemoClient(R, "James", "O'Connor", "James", "O'Connor", (1986,), "man", ("IE",),
               (("en", "native", False),), "eu_nordic", "698", 1),
    DemoClient(K, "Chinedu", "Okafor", "Chinedu", "Okafor", (1991, 4), "man", ("NG",),
               (("en", "C2", False), ("ig", "native", False)), "study", "240", 2),
    DemoClient(R, "Amina", "Bello", "Amina", "Bello", (1997, 7, 17), "woman", ("NG",),
               (("en", "C1", False), ("ha", "native", False)), "study", "698", 1),
    DemoClient(R, "राहुल", "शर्मा", "Rahul", "Sharma", (1992, 10, 10), "man", ("IN",),
               (("hi", "native", False), ("en", "C1", False)), "work", "698", 1),
    DemoClient(K, "Priya", "Nair", "Priya", "Nair", (1994,), "woman", ("IN",),
               (("ml", "native", False), ("en", "C1", False)), "work", "240", 1),
    DemoClient(R, "Maria", "Santos", "Maria", "Santos", (1989, 12, 24), "woman", ("PH",),
               (("tl", "native", False), ("en", "C1", False)), "work", "698", 2),
    DemoClient(K, "Jose", "Reyes", "Jose", "Reyes", (1984, 3), "man", ("PH",),
               (("tl", "native", False), ("en", "B2", False)), "work", "241", 3),
    DemoClient(R, "ณัฐพล", "ศรีสุข", "Nattaphon", "Srisuk", (1990,), "man", ("TH",),
               (("th", "native", True),), "work", "698", 1),
    DemoClient(K, "Siriporn", "Chaiyasit", "Siriporn", "Chaiyasit", (1987, 6, 1), "woman", ("TH",),
               (("th", "native", False), FI), "family", "240", 11),
    DemoClient(R, "Carlos", "García", "Carlos", "Garcia", (1985, 8, 19), "man", ("ES",),
               (("es", "native", False), ("en", "B2", False)), "eu_nordic", "698", 2),
    DemoClient(R, "Valentina", "López", "Valentina", "Lopez", (1998,), "woman", ("CO",),
               (("es", "native", False), ("en", "B1", False)), "study", "698", 1),
    DemoClient(K, "Tigist", "Bekele", "Tigist", "Bekele", (1993, 1, 1), "woman", ("ET",),
               (("am", "native", True), ("en", "A2", False)), "family", "240", 3),
    DemoClient(R, "Mehmet", "Yılmaz", "Mehmet", "Yilmaz", (1980, 5, 2), "man", ("TR",),
               (("tr", "native", False), ("de", "B1", False)), "work", "698", 4),
    DemoClient(K, "Ayşe", "Demir", "Ayse", "Demir", (1988,), "woman", ("TR",),
               (("tr", "native", True),), "family", "240", 4),
    DemoClient(R, "هێڤی", "ئەحمەد", "Hêvî", "Ahmed", (2003,), "non_binary", ("IQ",),
               (("ku", "native", False), ("en", "B1", False)), "international_protection", "698", 2),
    DemoClient(R, "", "", "Samuel", "Mensah", (), "not_told", ("GH",),
               (("en", "C1", False),), "unknown", "", None),
    DemoClient(K, "Olga", "Petrova", "Olga", "Petrova", (1960, 6), "woman", ("RU",),
               (("ru", "native", True),), "family", "240", 20),
    # Closed cases: one long ago (due for retention at Rovaniemi's 5 years), one recent
    DemoClient(R, "Виктор", "Соколов", "Viktor", "Sokolov", (1970,), "man", ("RU",),
               (("ru", "native", True),), "family", "698", 12, status="closed", closed_years_ago=6),
    DemoClient(R, "Hamza", "Yusuf", "Hamza", "Yusuf", (1995, 2), "man", ("SO",),
               (("so", "native", False),), "international_protection", "698", 8, status="closed",
               closed_years_ago=1),
    DemoClient(K, "Li", "Mei", "Mei", "Li", (1999, 9, 9), "woman", ("CN",),
               (("zh", "native", False),), "study", "240", 6, status="closed", closed_years_ago=2),
    DemoClient(K, "Ahmad", "Noori", "Ahmad", "Noori", (1983,), "man", ("AF",),
               (("fa", "native", True),), "international_protection", "240", 9, status="closed",
               closed_years_ago=6),
    DemoClient(R, "Sofia", "Virtanen-Ivanova", "Sofia", "Virtanen-Ivanova", (2008, 5, 5), "woman",
               ("RU", "FI"),
               (("ru", "native", False), ("fi", "C1", False)), "family", "698", 10),
]
# fmt: on


PERMIT_EXPERT_EMAIL = "permit.expert@demo.kotopolku.fi"
PERMIT_QUESTIONS = ("work", "family", "study")


def _permit_question(index: int, demo: DemoClient) -> bool:
    """About a third of the active clients with a work, family or study permit (11 of them)."""
    return demo.status == "active" and demo.residence_basis in PERMIT_QUESTIONS and index % 3 == 1


def _client_key(demo: DemoClient) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{demo.point}:{demo.given_latin}:{demo.family_latin}:{demo.birth}")


def load_demo(*, tenancy: DemoTenancy, stdout: Any) -> None:
    points = {"rovaniemi": tenancy.rovaniemi, "kemi": tenancy.kemi}
    workers = {
        "rovaniemi": User.objects.filter(email="advisor.rovaniemi@demo.kotopolku.fi").first(),
        "kemi": User.objects.filter(email="advisor.kemi@demo.kotopolku.fi").first(),
    }
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=["698", "240", "241", "851"])}
    expert = User.objects.filter(email=PERMIT_EXPERT_EMAIL).first()
    now = timezone.now()
    today = timezone.localdate()
    on_team = 0
    for index, demo in enumerate(CLIENTS):
        birth = list(demo.birth) + [None] * (3 - len(demo.birth))
        closed_at = (
            now - dt.timedelta(days=365 * demo.closed_years_ago + 30) if demo.status == "closed" else None
        )
        client, _ = Client.objects.update_or_create(
            uuid=_client_key(demo),
            defaults={
                "service_point": points[demo.point],
                "given_names": demo.given,
                "family_name": demo.family,
                "given_names_latin": demo.given_latin,
                "family_name_latin": demo.family_latin,
                "birth_year": birth[0],
                "birth_month": birth[1],
                "birth_day": birth[2],
                "gender": demo.gender,
                "citizenships": list(demo.citizenships),
                "phone": demo.phone,
                "municipality": municipalities.get(demo.municipality),
                "arrival_date": (
                    today.replace(year=today.year - demo.arrived_years_ago, month=8, day=15)
                    if demo.arrived_years_ago is not None
                    else None
                ),
                "residence_basis": demo.residence_basis,
                "responsible_worker": workers[demo.point] if index % 3 == 0 else None,
                "status": ClientStatus(demo.status),
                "closed_at": closed_at,
            },
        )
        for code, level, interpreter in demo.languages:
            ClientLanguage.objects.update_or_create(
                client=client, language=code, defaults={"level": level, "needs_interpreter": interpreter}
            )
        for purpose in demo.consents:
            if not Consent.objects.filter(client=client, purpose=purpose).exists():
                Consent.objects.create(
                    client=client,
                    purpose=ConsentPurpose(purpose),
                    given_at=now,
                    recorded_by=workers[demo.point],
                )
        client_search_keys_refresh(client=client)
        if expert is not None and _permit_question(index, demo):
            ClientTeamMember.objects.get_or_create(
                client=client,
                user=expert,
                removed_at=None,
                defaults={
                    "added_by": workers[demo.point],
                    "added_at": now,
                    "reason": "residence permit advice",
                },
            )
            on_team += 1
    stdout.write(
        f"Clients: {len(CLIENTS)} demo clients at Rovaniemi and Kemi; "
        f"the permit expert is on the team of {on_team}."
    )
