"""Fill ``fuzz/corpus/<kind>/`` with seed inputs: test fixtures, snapshots, the strings the
tests lint, and the shipped examples."""

from __future__ import annotations

import ast
import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "fuzz" / "corpus"
DOCKERFILE_NAME = re.compile(r"(^|\.)(docker|container)file(\.|$)", re.IGNORECASE)


DOCKERFILE_TEXT = re.compile(r"^\s*(FROM|ARG)\s", re.IGNORECASE | re.MULTILINE)
COMPOSE_TEXT = re.compile(r"^(services|version|volumes|networks):", re.MULTILINE)


def _kind_of_text(text: str) -> str | None:
    if COMPOSE_TEXT.search(text):
        return "compose"
    if DOCKERFILE_TEXT.search(text):
        return "dockerfile"
    return None


def _test_strings(path: Path) -> list[str]:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return []
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "\n" in node.value
    ]


def seeds() -> dict[str, list[bytes]]:
    """Seed inputs by kind."""
    found: dict[str, list[bytes]] = {"dockerfile": [], "compose": []}
    for path in [*ROOT.joinpath("tests").rglob("*"), *ROOT.joinpath("examples").rglob("*")]:
        if not path.is_file():
            continue
        if path.suffix == ".py":
            for text in _test_strings(path):
                kind = _kind_of_text(text)
                if kind:
                    found[kind].append(text.encode("utf-8"))
        elif path.suffix in (".yaml", ".yml"):
            found["compose"].append(path.read_bytes())
        elif DOCKERFILE_NAME.search(path.name) or "snapshots" in path.parts:
            data = path.read_bytes()
            kind = _kind_of_text(data.decode("utf-8", "replace"))
            if kind:
                found[kind].append(data)
    return found


def main() -> None:
    """Write each seed once, named by its hash."""
    for kind, items in seeds().items():
        folder = OUT / kind
        folder.mkdir(parents=True, exist_ok=True)
        for data in items:
            (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
        print(f"{kind}: {len(items)} seeds in {folder}")


if __name__ == "__main__":
    main()
