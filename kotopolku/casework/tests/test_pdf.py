"""The client's own copy: the PDF's text in each language, and a rendered page (pdftoppm)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from kotopolku.casework.pdf import PDF_LANGUAGES, pdf_texts, plan_pdf
from kotopolku.casework.selectors import plan_get
from kotopolku.casework.tests.factories import GoalFactory, PlanFactory, StepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):  # type: ignore[no-untyped-def]
    plan = PlanFactory(client=world.client, summary="Suomen kieli ja työ.", status="active")
    plan.partners.set([world.kela])
    goal = GoalFactory(plan=plan, text="Työ sairaanhoitajana")
    StepFactory(
        goal=goal, plan=plan, text="Tutkinnon tunnustaminen", owner="partner", organisation=world.kela
    )
    StepFactory(goal=goal, plan=plan, text="أتعلم اللغة الفنلندية", owner="client")
    return plan_get(user=world.advisor, uuid=plan.uuid)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages).split())


def test_every_language_has_every_fixed_text():
    keys = set(pdf_texts("fi"))
    for language in PDF_LANGUAGES:
        texts = pdf_texts(language)
        assert set(texts) == keys and all(value.strip() for value in texts.values()), language


@pytest.mark.parametrize("language", PDF_LANGUAGES)
def test_plan_pdf__fixed_text_translated_and_free_text_as_written(plan, language):
    pdf = plan_pdf(plan, language)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    texts = pdf_texts(language)
    if language not in ("ar", "fa"):  # extracted Arabic script comes out in presentation forms
        assert texts["integration"] in text
        assert texts["goals"] in text
    assert "Tutkinnon tunnustaminen" in text
    assert "Kela" in text


def test_plan_pdf__chinese_characters_are_drawn(plan):
    text = _text(plan_pdf(plan, "zh"))
    assert "融入计划" in text and "目标" in text


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_plan_pdf__arabic_script_is_drawn_with_the_shipped_font(plan, language):
    pdf = plan_pdf(plan, language)
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Kotopolku-Arabic" in name for name in fonts), fonts  # the @font-face family
    text = _text(pdf)
    # Joined letters are drawn from contextual forms: the text holds Arabic-script glyphs.
    assert any("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" for ch in text)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_plan_pdf__arabic_page_renders_to_png(plan, tmp_path: Path):
    pdf = tmp_path / "plan-ar.pdf"
    pdf.write_bytes(plan_pdf(plan, "ar"))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
    )
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5_000


def _font_names(pdf: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def test_plan_pdf__declares_only_the_fonts_its_text_needs():
    from kotopolku.core.pdf import families_needed

    assert families_needed("Suunnitelma") == {"Kotopolku Sans"}
    assert families_needed("خطة الاندماج") == {"Kotopolku Sans", "Kotopolku Arabic"}
    assert families_needed("Tavoite: 学习芬兰语") == {"Kotopolku Sans", "Kotopolku Chinese"}


def test_plan_pdf__a_chinese_goal_in_a_finnish_copy_is_drawn(world, plan):
    GoalFactory(plan=plan, text="学习芬兰语")
    pdf = plan_pdf(plan_get(user=world.advisor, uuid=plan.uuid), "fi")
    assert "学习芬兰语" in _text(pdf)
    assert any("Kotopolku-Chinese" in name for name in _font_names(pdf))
