"""Draw a stratified, seeded sample of findings from `lintkit check --output-format json`.

Used for the hand-read accuracy reviews in docs/accuracy.md. Every rule with findings gets
one pick; the remaining picks go, one at a time, to the rule with the most findings per pick
already given, and no rule gets more than ``--cap`` picks. Within a rule the findings are
drawn with ``random.Random(seed)``, so the same JSON and seed give the same sample.

With ``--fix-files`` it picks files to read fix diffs in instead: for each rule that offers a
fix, one file where it does (then one more for each ``--extra`` code), never the same file
twice.

Usage:
    python bench/accuracy_sample.py findings.json --size 50 --seed 2026 \
        --strip /work/corpus/ --exclude LK001 --exclude LK002
    python bench/accuracy_sample.py findings.json --fix-files --extra LK281 --extra LK121 \
        --seed 2026 --strip /work/corpus/
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import urllib.parse


def load(path: str, strip: str) -> list[tuple[str, int, int, str, str, str]]:
    """Return (file, line, column, code, name, message) rows, 1-based line and column."""
    with open(path, encoding="utf-8") as handle:
        files = json.load(handle)
    rows = []
    for entry in files:
        file = urllib.parse.unquote(entry["uri"].removeprefix("file://"))
        file = file.removeprefix(strip)
        for diag in entry["diagnostics"]:
            start = diag["range"]["start"]
            rows.append(
                (
                    file,
                    start["line"] + 1,
                    start["character"] + 1,
                    diag["code"],
                    diag["data"]["name"],
                    diag["message"],
                )
            )
    rows.sort()
    return rows


def allocate(counts: dict[str, int], size: int, cap: int) -> dict[str, int]:
    """Give each rule one pick, then hand out the rest to the most under-sampled rule."""
    alloc = {code: 1 for code in counts}
    while sum(alloc.values()) < size:
        open_codes = [c for c in counts if alloc[c] < min(cap, counts[c])]
        if not open_codes:
            break
        best = max(open_codes, key=lambda c: (counts[c] / (alloc[c] + 1), c))
        alloc[best] += 1
    return alloc


def fix_files(path: str, strip: str, seed: int, extra: list[str]) -> list[tuple[str, str]]:
    """(code, file) pairs: one file per rule with a fix, then one more per ``extra`` code."""
    with open(path, encoding="utf-8") as handle:
        files = json.load(handle)
    by_code: dict[str, set[str]] = collections.defaultdict(set)
    for entry in files:
        file = urllib.parse.unquote(entry["uri"].removeprefix("file://")).removeprefix(strip)
        for diag in entry["diagnostics"]:
            if diag["data"].get("fix"):
                by_code[diag["code"]].add(file)
    rng = random.Random(seed)
    picked: list[tuple[str, str]] = []
    for code in [*sorted(by_code), *extra]:
        taken = {file for _, file in picked}
        candidates = sorted(by_code[code] - taken)
        if candidates:
            picked.append((code, rng.choice(candidates)))
    return picked


def main() -> None:
    """Print the sample as a Markdown table body."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("json_file")
    parser.add_argument("--size", type=int, default=50)
    parser.add_argument("--cap", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--strip", default="")
    parser.add_argument("--exclude", action="append", default=[])
    parser.add_argument("--fix-files", action="store_true")
    parser.add_argument("--extra", action="append", default=[])
    args = parser.parse_args()

    if args.fix_files:
        for code, file in fix_files(args.json_file, args.strip, args.seed, args.extra):
            print(code, file)
        return

    rows = [r for r in load(args.json_file, args.strip) if r[3] not in args.exclude]
    by_code: dict[str, list[tuple[str, int, int, str, str, str]]] = collections.defaultdict(list)
    for row in rows:
        by_code[row[3]].append(row)
    alloc = allocate({c: len(v) for c, v in by_code.items()}, args.size, args.cap)
    rng = random.Random(args.seed)
    picked = []
    for code in sorted(by_code):
        picked.extend(rng.sample(by_code[code], alloc[code]))
    for number, (file, line, col, code, name, message) in enumerate(picked, 1):
        print(f"| {number} | `{file}` | {line}:{col} | {code} {name} | {message} |")


if __name__ == "__main__":
    main()
