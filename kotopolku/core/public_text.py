"""Text cleaning for what readers and editors send through the public site and the article,
survey and inbox pages (ARCHITECTURE.md): control characters, bidi overrides and
zero-width characters are refused. The caller words the message in its reader's language."""

from __future__ import annotations

import re
import unicodedata

# Bidirectional embeddings, overrides and isolates reorder what a reader sees (U+202E).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff]")


def normalised_text(value: str | None) -> str:
    """Line ends as ``\\n``, NFC, surrounding space removed."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).strip()


def has_forbidden_characters(text: str) -> bool:
    """NUL and other control characters (tab and newline allowed), bidi overrides, zero-width
    spaces."""
    if _BIDI_CONTROLS.search(text) or _ZERO_WIDTH.search(text):
        return True
    return any(unicodedata.category(char) == "Cc" and char not in "\n\t" for char in text)
