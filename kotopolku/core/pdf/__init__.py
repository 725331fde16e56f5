"""PDF documents rendered from Django templates with WeasyPrint, with the fonts shipped in
``fonts/`` (Noto Sans, Noto Sans Arabic, and Noto Sans SC cut to the GB2312 character set;
SIL Open Font License 1.1, see README), so a document looks the same on every machine and
nothing is fetched while rendering.

A template extends ``core/pdf/base.html``; ``render_pdf`` sets the page's language and
direction (Arabic and Persian right to left; HarfBuzz joins their letters).
"""

from __future__ import annotations

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


def font_face_css() -> str:
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{(FONTS / file).as_uri()}"); '
        f"font-weight: {weight}; }}"
        for family, file, weight in _FONT_FACES
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
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(
        template,
        {
            **context,
            "pdf_language": language,
            "pdf_direction": text_direction(language),
            "pdf_font_faces": font_face_css(),
        },
    )
    fonts = FontConfiguration()
    return bytes(HTML(string=html, base_url=str(FONTS)).write_pdf(font_config=fonts))
