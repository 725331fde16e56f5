"""PDF documents rendered from Django templates with WeasyPrint, with the fonts shipped in
``fonts/`` (Noto Sans, Noto Sans Arabic, and Noto Sans SC cut to the GB2312 character set;
SIL Open Font License 1.1, see README), so a document looks the same on every machine and
nothing is fetched while rendering.

A template extends ``core/pdf/base.html``; ``render_pdf`` sets the page's language and
direction (Arabic and Persian right to left; HarfBuzz joins their letters).
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

FONTS = Path(__file__).resolve().parent / "fonts"
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur", "ckb", "ps"})

_FONT_FACES = (
    ("Kotopolku Sans", "NotoSans-Regular.ttf", 400),
    ("Kotopolku Sans", "NotoSans-Bold.ttf", 700),
    ("Kotopolku Arabic", "NotoSansArabic-Regular.ttf", 400),
    ("Kotopolku Arabic", "NotoSansArabic-Bold.ttf", 700),
    ("Kotopolku Chinese", "NotoSansSC-Regular.ttf", 400),
    ("Kotopolku Chinese", "NotoSansSC-Regular.ttf", 700),
)
# The characters each family beyond the Latin/Greek/Cyrillic one is needed for. WeasyPrint
# loads every declared face for every document, and the Chinese one alone (2.4 MB) costs about
# half a second, so a document declares only the families its text needs.
_SCRIPT_OF_FAMILY = {
    "Kotopolku Arabic": re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"),
    "Kotopolku Chinese": re.compile(
        "[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
    ),
}
_FONT_FACES_MARK = "/* kotopolku font faces */"


def font_face_css(families: frozenset[str] | None = None) -> str:
    """``@font-face`` rules for ``families`` (all of them when not given)."""
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{(FONTS / file).as_uri()}"); '
        f"font-weight: {weight}; }}"
        for family, file, weight in _FONT_FACES
        if families is None or family in families
    )


def families_needed(text: str) -> frozenset[str]:
    """The font families that draw ``text``: Noto Sans always, the others for their scripts."""
    return frozenset(
        {"Kotopolku Sans"} | {family for family, script in _SCRIPT_OF_FAMILY.items() if script.search(text)}
    )


def text_direction(language: str) -> str:
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def text_direction_of(text: str) -> str:
    """The direction of a free text by its first strong character (what ``dir="auto"`` does in a
    browser, which the PDF engine does not do)."""
    import unicodedata

    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "ltr"


def render_pdf(template: str, context: dict[str, Any], *, language: str) -> bytes:
    """Render ``template`` to PDF bytes. System fonts are not consulted for the text: the
    families above cover Latin, Greek, Cyrillic, Arabic script and simplified Chinese."""
    from weasyprint import HTML

    page = render_to_string(
        template,
        {
            **context,
            "pdf_language": language,
            "pdf_direction": text_direction(language),
            "pdf_font_faces": _FONT_FACES_MARK,
        },
    )
    html = str(page).replace(_FONT_FACES_MARK, font_face_css(families_needed(page)), 1)
    return bytes(HTML(string=html, base_url=str(FONTS)).write_pdf(font_config=_font_configuration()))


_fonts = threading.local()


def _font_configuration() -> Any:
    """One font configuration per thread (Pango's font maps are not shared between threads):
    WeasyPrint keeps in it the faces a document declared, keyed by their rules, so the next
    document finds them loaded. The files are the product's own and never change while it runs."""
    from weasyprint.text.fonts import FontConfiguration

    if getattr(_fonts, "configuration", None) is None:
        _fonts.configuration = FontConfiguration()
    return _fonts.configuration
