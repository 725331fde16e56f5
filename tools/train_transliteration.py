"""Learn the transliteration tables of ``kotopolku/clients/matching/data/`` from Wikidata names.

    .venv/bin/python tools/train_transliteration.py ../shared/data/names [--scripts cyr,ar,cjk]

For each of Russian (Cyrillic), Arabic and Chinese, the pairs of a native spelling and a Latin
spelling in ``wd_<language>_80.tsv`` train, by expectation maximisation over every monotone
alignment, the probability that a written character stands for a Latin letter group of zero to
four letters. Pairs seen once count less (they hold more alignment noise). The half of the names
that ``in_benchmark_half`` picks is left out: the quality benchmark asks for those.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

from anyascii import anyascii

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kotopolku.clients.matching.learned import (  # noqa: E402
    CHARACTER_SHARES,
    DATA,
    LONGEST_GROUP,
    TABLES,
    in_benchmark_half,
)

KEEP_ABOVE = 0.002
# script: (language, the fewest sightings a pair needs, EM iterations). Russian has enough pairs
# seen twice or more; its 66 000 pairs with those seen once take five times as long for no gain.
LANGUAGES = {"cyr": ("russian", 2, 4), "ar": ("arabic", 1, 5), "cjk": ("chinese", 1, 5)}
Pair = tuple[str, str, float]


def latin_letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", anyascii(text).lower())


def training_pairs(source: Path, min_count: int) -> list[Pair]:
    pairs = []
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                continue
            native = parts[1].replace(" ", "").lower()
            latin, count = latin_letters(parts[0]), int(parts[2] or 0)
            if latin and native and count >= min_count and not in_benchmark_half(native):
                pairs.append((native, latin, 1.0 if count >= 2 else 0.3))
    return pairs


def expected_counts(
    pairs: list[Pair], table: dict[str, dict[str, float]] | None
) -> dict[str, dict[str, float]]:
    """One E step: the expected number of times each character stood for each letter group."""
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))

    def prob(character: str, group: str) -> float:
        return 1.0 if table is None else table.get(character, {}).get(group, 1e-7)

    for native, latin, weight in pairs:
        n, m = len(native), len(latin)
        if m > n * LONGEST_GROUP:
            continue
        forward = [[0.0] * (m + 1) for _ in range(n + 1)]
        forward[0][0] = 1.0
        for i in range(1, n + 1):
            for j in range(m + 1):
                forward[i][j] = sum(
                    forward[i - 1][j - k] * prob(native[i - 1], latin[j - k : j])
                    for k in range(min(LONGEST_GROUP, j) + 1)
                    if forward[i - 1][j - k]
                )
        total = forward[n][m]
        if total <= 0:
            continue
        backward = [[0.0] * (m + 1) for _ in range(n + 1)]
        backward[n][m] = 1.0
        for i in range(n - 1, -1, -1):
            for j in range(m + 1):
                backward[i][j] = sum(
                    prob(native[i], latin[j : j + k]) * backward[i + 1][j + k]
                    for k in range(min(LONGEST_GROUP, m - j) + 1)
                    if backward[i + 1][j + k]
                )
        for i in range(1, n + 1):
            character = native[i - 1]
            for j in range(m + 1):
                if not backward[i][j]:
                    continue
                for k in range(min(LONGEST_GROUP, j) + 1):
                    if forward[i - 1][j - k]:
                        group = latin[j - k : j]
                        share = forward[i - 1][j - k] * prob(character, group) * backward[i][j] / total
                        counts[character][group] += weight * share
    return counts


def train(pairs: list[Pair], iterations: int) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] | None = None
    for iteration in range(iterations):
        counts = expected_counts(pairs, table)
        table = {}
        for character, groups in counts.items():
            whole = sum(groups.values())
            table[character] = {
                group: value / whole for group, value in groups.items() if value / whole > 1e-5
            }
        print(f"  iteration {iteration + 1}: {len(table)} characters", flush=True)
    return {
        character: {
            group: round(p, 5) for group, p in sorted(groups.items(), key=lambda g: -g[1]) if p >= KEEP_ABOVE
        }
        for character, groups in (table or {}).items()
    }


def character_shares(pairs: list[Pair]) -> dict[str, float]:
    """How often each written character occurs in the names, as a share of all characters: the
    prior that reading a Latin spelling back into the script needs."""
    counts: dict[str, float] = defaultdict(float)
    for native, _latin, weight in pairs:
        for character in native:
            counts[character] += weight
    whole = sum(counts.values()) or 1.0
    return {
        character: round(count / whole, 7) for character, count in sorted(counts.items(), key=lambda c: -c[1])
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", type=Path, help="the folder of wd_<language>_80.tsv")
    parser.add_argument("--scripts", default=",".join(LANGUAGES))
    parser.add_argument("--characters-only", action="store_true", help="write the character shares only")
    args = parser.parse_args()
    for script in args.scripts.split(","):
        language, min_count, iterations = LANGUAGES[script]
        pairs = training_pairs(args.names / f"wd_{language}_80.tsv", min_count)
        print(f"{language}: {len(pairs)} pairs", flush=True)
        shares = DATA / CHARACTER_SHARES[script]
        shares.write_text(
            json.dumps(character_shares(pairs), ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        print(f"  wrote {shares}")
        if args.characters_only:
            continue
        table = train(pairs, iterations)
        target = DATA / TABLES[script]
        target.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        print(f"  wrote {target} ({math.ceil(target.stat().st_size / 1024)} KiB)")


if __name__ == "__main__":
    main()
