#!/usr/bin/env python3
"""Build the fonts shipped in kotopolku/core/pdf/fonts/ from the npm packages of Google Fonts'
Noto families (@expo-google-fonts/noto-sans, -noto-sans-arabic, -noto-sans-sc; SIL OFL 1.1).

Usage: unpack the three packages (``npm pack NAME`` then ``tar xzf``) and run
``tools/build_pdf_fonts.py DIR_OF_UNPACKED_PACKAGES``. Noto Sans keeps Latin, Greek and
Cyrillic; Noto Sans Arabic keeps the Arabic blocks with every layout feature (joining forms,
ligatures); Noto Sans SC keeps the GB2312 character set and CJK punctuation, which holds the
common simplified Chinese characters at a fraction of the full font's size.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from fontTools import subset

TARGET = Path(__file__).resolve().parent.parent / "kotopolku" / "core" / "pdf" / "fonts"

LATIN = [
    (0x0020, 0x024F),  # Basic Latin … Latin Extended-B
    (0x0250, 0x02FF),  # IPA, spacing modifiers
    (0x0300, 0x036F),  # combining marks
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic and its supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x218F),  # letterlike, number forms
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x25A0, 0x25FF),  # geometric shapes (list bullets)
]
ARABIC = [
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0x200C, 0x200F),  # joiners and direction marks
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
]


def gb2312_characters() -> list[int]:
    codepoints: set[int] = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                codepoints.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    codepoints.update(range(0x3000, 0x3040))  # CJK symbols and punctuation
    codepoints.update(range(0xFF00, 0xFFF0))  # full-width forms
    codepoints.update(range(0x0020, 0x007F))
    return sorted(codepoints)


def _ranges(ranges: list[tuple[int, int]]) -> list[int]:
    return [code for start, end in ranges for code in range(start, end + 1)]


def _subset(source: Path, target: Path, unicodes: list[int]) -> None:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    print(f"{target.name}: {target.stat().st_size // 1024} KiB")


def main(packages: Path) -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    jobs = [
        ("noto-sans", "NotoSans", _ranges(LATIN), ("400Regular", "700Bold")),
        ("noto-sans-arabic", "NotoSansArabic", _ranges(ARABIC), ("400Regular", "700Bold")),
        ("noto-sans-sc", "NotoSansSC", gb2312_characters(), ("400Regular",)),
    ]
    for package, family, unicodes, weights in jobs:
        root = next(packages.glob(f"*{package}-[0-9]*/package"))
        for weight in weights:
            source = root / weight / f"{family}_{weight}.ttf"
            _subset(source, TARGET / f"{family}-{weight[3:]}.ttf", unicodes)
        shutil.copy(root / "LICENSE_FONT", TARGET / f"{family}-OFL.txt")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
