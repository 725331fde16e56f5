"""Fill msgstr entries of an app's .po files from a JSON file, then compile the .mo files.

    python tools/fill_po.py kotopolku/<app>/locale translations.json

translations.json: {"<msgid>": {"fi": "...", "sv": "..."}, ...}; for a plural msgid give a list
of forms: {"fi": ["one", "many"]}. English uses the msgids as they are. Entries not in the file
keep what they had; the script lists msgids still untranslated.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib


def main(locale_dir: Path, translations_file: Path) -> int:
    translations = json.loads(translations_file.read_text(encoding="utf-8"))
    missing: set[str] = set()
    # Every language the app has a catalogue for (the staff UI's fi, sv, en; the public
    # site's fourteen).
    for language in sorted(path.name for path in locale_dir.iterdir() if path.is_dir()):
        po_path = locale_dir / language / "LC_MESSAGES" / "django.po"
        if not po_path.exists():
            continue
        catalogue = polib.pofile(str(po_path))
        for entry in catalogue:
            if entry.obsolete:
                continue
            given = translations.get(entry.msgid, {}).get(language)
            if entry.msgid_plural:
                if given:
                    entry.msgstr_plural = dict(enumerate(given))
                elif language == "en":
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                if not all(entry.msgstr_plural.values()):
                    missing.add(entry.msgid)
            else:
                if given:
                    entry.msgstr = given
                elif language == "en":
                    entry.msgstr = entry.msgid
                if not entry.msgstr:
                    missing.add(entry.msgid)
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        catalogue.metadata["Language"] = language
        catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
        catalogue.save()
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
    for msgid in sorted(missing):
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
