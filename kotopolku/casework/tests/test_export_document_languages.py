"""Case work's section of the client's "your data" document speaks every document language:
its headings and code-list words are in the clients app's document catalogue."""

from __future__ import annotations

import polib
import pytest
from django.utils import translation

from kotopolku.casework.enums import (
    CaseOpenedBy,
    CaseStatus,
    Literacy,
    PlanKind,
    PlanNeed,
    PlanStatus,
    StepStatus,
)
from kotopolku.casework.hooks import casework_export_document
from kotopolku.casework.tests.factories import PlanFactory
from kotopolku.clients.document_language import (
    DOCUMENT_LANGUAGES,
    DOCUMENT_LOCALE,
    STAFF_LANGUAGES,
    document_language,
)

SECTION_TEXTS = (
    "Cases, assessments and plans",
    "How the client came",
    "Status",
    "Closed",
    "Case opened %(date)s",
    "Needs assessment no. %(number)s",
    "Assessed",
    "Languages",
    "Literacy",
    "The client's own goals",
    "Conclusion",
    "Period",
    "Goal",
    "Step",
    "Case note %(date)s",
    "Note",
)


@pytest.mark.parametrize("language", [code for code in DOCUMENT_LANGUAGES if code not in STAFF_LANGUAGES])
def test_every_fixed_text_of_the_section_is_translated(language):
    words = set(SECTION_TEXTS)
    with translation.override("en"):
        for enum in (CaseOpenedBy, CaseStatus, Literacy, PlanKind, PlanNeed, PlanStatus, StepStatus):
            words.update(str(label) for label in enum.labels)
    catalogue = polib.pofile(
        str(DOCUMENT_LOCALE / translation.to_locale(language) / "LC_MESSAGES" / "django.po")
    )
    translated = {entry.msgid for entry in catalogue.translated_entries()}
    assert not words - translated, sorted(words - translated)


@pytest.mark.django_db
def test_section_in_arabic(world):
    PlanFactory(client=world.client, status="active", kind="integration")
    with document_language("ar"):
        section = casework_export_document(world.client)
    assert section.title == "الملفات والتقييمات والخطط"
    assert section.records[0].heading == "خطة الاندماج"
    assert ("الحالة", "نشط") in section.records[0].fields
