"""Run lintkit on the cases of its peers' own test suites and count where they disagree.

The peers' checkouts are read at run time from the paths given on the command line;
nothing of theirs is stored in this repository.

- hadolint (Haskell, hspec): ``test/Hadolint/Rule/*Spec.hs`` calls such as
  ``ruleCatches "DL3006" "FROM debian"``, ``ruleCatchesNot``, ``onBuildRuleCatches``
  and ``onBuildRuleCatchesNot``; Dockerfile text is given as string literals, as
  ``Text.unlines [...]`` or through ``let`` bindings, which a tiny evaluator resolves.
- dclint (TypeScript, ava): ``tests/rules/*.spec.ts`` tests that lint a template-literal
  YAML document with one rule and expect a number of messages (``runRuleTest``).
- compose-lint (Python, pytest): ``tests/test_CL*.py`` tests that check one service of a
  fixture file (or of inline YAML) and assert how many findings it gets.

Cases that cannot be read reliably (loops, lambdas, custom assertions, peer options with no
lintkit equivalent) are skipped and counted, never guessed.

Usage::

    python tools/peer_parity.py --hadolint PATH --dclint PATH [--compose-lint PATH] [-v]

``PATH`` is a checkout (or a bare git mirror, read with ``git show``) of the peer.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from lintkit.config import Config
from lintkit.engine import Linter
from lintkit.registry import Registry, UnknownRuleError, default_registry
from lintkit.rule import FileKind, Rule
from lintkit.source import SourceText

# Options that make a lintkit rule behave like the peer's rule, per peer code.
HADOLINT_MODE: dict[str, dict[str, Any]] = {
    "DL3000": {"all-relative": True},
    "DL3003": {"every-cd": True},
}
DCLINT_MODE: dict[str, dict[str, Any]] = {
    "require-quotes-in-ports": {"only-ambiguous": False},
}
# dclint constructor options that change nothing about whether a finding is reported.
DCLINT_NEUTRAL_OPTIONS = {"quoteType"}
HADOLINT_LABEL_TYPES = {
    "RawText": "text",
    "Url": "url",
    "SemVer": "semver",
    "GitHash": "hash",
    "Rfc3339": "rfc3339",
    "Spdx": "spdx",
    "Email": "email",
}


@dataclass
class Case:
    """One expectation of a peer test: linting ``text`` with ``code`` finds (or not) something."""

    peer: str
    code: str
    text: str
    kind: FileKind
    where: str
    #: hadolint: whether it catches; dclint / compose-lint: how many findings.
    expected: int
    onbuild: bool = False
    options: dict[str, Any] = field(default_factory=dict)
    #: compose-lint checks one service: only findings inside it count.
    service: str | None = None


@dataclass
class Skipped:
    """A peer test call that could not be read reliably, and why."""

    peer: str
    where: str
    reason: str


class Unreadable(Exception):
    """The peer's test expression is outside what this script evaluates."""


# --------------------------------------------------------------------------- peer files


def read_tree(root: Path, folder: str, suffix: str) -> dict[str, str]:
    """Files under ``folder`` ending with ``suffix``, from a work tree or a bare git mirror."""
    found: dict[str, str] = {}
    base = root / folder
    if base.is_dir():
        for path in sorted(base.rglob(f"*{suffix}")):
            found[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")
        return found
    git = ["git", "--git-dir", str(_git_dir(root))]
    names = subprocess.run(
        [*git, "ls-tree", "-r", "--name-only", "HEAD", "--", folder],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    for name in names:
        if name.endswith(suffix):
            found[name] = subprocess.run(
                [*git, "show", f"HEAD:{name}"], check=True, capture_output=True, text=True
            ).stdout
    return found


def _git_dir(root: Path) -> Path:
    for candidate in (root / ".git", root):
        if (candidate / "HEAD").exists():
            return candidate
    raise SystemExit(f"{root}: neither a checkout nor a git mirror")


# --------------------------------------------------------------------------- hadolint

_HS_SYMBOL = r"!#$%&*+./<=>?@\\^|~:-"
_HS_TOKEN = re.compile(
    rf"""
    (?P<space>[ \t\r\f\v]+)
  | (?P<newline>\n)
  | (?P<comment>--+(?![{_HS_SYMBOL}])[^\n]*)
  | (?P<block>\{{-.*?-\}})
  | (?P<string>"(?:[^"\\\n]|\\\s+\\|\\.)*")
  | (?P<char>'(?:[^'\\\n]|\\[^'\n]+)')
  | (?P<ident>[A-Za-z_][A-Za-z0-9_']*(?:\.[A-Za-z_][A-Za-z0-9_']*)*)
  | (?P<number>\d+)
  | (?P<special>[()\[\],;`{{}}])
  | (?P<op>[{_HS_SYMBOL}]+)
    """,
    re.VERBOSE | re.DOTALL,
)
_HS_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "\\": "\\",
    '"': '"',
    "'": "'",
    "&": "",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "0": "\0",
}
# hadolint's specs often leave FROM out. lintkit leaves RUN alone in a scratch stage (it has
# no shell), so the snippet gets an ordinary tagged base image that no rule cares about.
NEUTRAL_FROM = "FROM base:1.0\n"
_FROM_LINE = re.compile(r"(?im)^\s*from\s")
# Rules about what precedes FROM: their snippets are taken as written.
NEEDS_NO_FROM = {"DL1001", "DL3061"}
# Rules about base images get `FROM scratch`, which names no image at all.
IMAGE_RULES = {"DL3006", "DL3007", "DL3026"}
_CALLS = {
    "ruleCatches": (True, False),
    "ruleCatchesNot": (False, False),
    "onBuildRuleCatches": (True, True),
    "onBuildRuleCatchesNot": (False, True),
}


@dataclass(frozen=True)
class Token:
    """A Haskell token with its 1-based line and column and the indentation of its line."""

    kind: str
    text: str
    line: int
    column: int
    first: bool  # first token on its line


def hs_tokens(text: str) -> list[Token]:
    """Tokenise Haskell source, dropping spaces and comments."""
    tokens: list[Token] = []
    line, line_start, position, first = 1, 0, 0, True
    while position < len(text):
        match = _HS_TOKEN.match(text, position)
        if match is None:
            raise Unreadable(f"cannot tokenise line {line}")
        kind = match.lastgroup or ""
        value = match.group()
        if kind not in {"space", "newline", "comment", "block"}:
            tokens.append(Token(kind, value, line, position - line_start + 1, first))
            first = False
        newlines = value.count("\n")
        if newlines:
            line += newlines
            line_start = match.start() + value.rfind("\n") + 1
            if kind != "string":
                first = True
        position = match.end()
    return tokens


def hs_string(literal: str) -> str:
    """The value of a Haskell string literal (escapes and string gaps)."""
    body = literal[1:-1]
    out: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char != "\\":
            out.append(char)
            index += 1
            continue
        nxt = body[index + 1]
        if nxt.isspace():  # a string gap: backslash, white space, backslash
            index = body.index("\\", index + 1) + 1
        elif nxt in _HS_ESCAPES and not (nxt == "0" and body[index + 2 : index + 3].isdigit()):
            out.append(_HS_ESCAPES[nxt])
            index += 2
        elif nxt.isdigit():
            digits = re.match(r"\d+", body[index + 1 :])
            assert digits is not None
            out.append(chr(int(digits.group())))
            index += 1 + len(digits.group())
        elif nxt == "x":
            digits = re.match(r"[0-9a-fA-F]+", body[index + 2 :])
            if digits is None:
                raise Unreadable("bad \\x escape")
            out.append(chr(int(digits.group(), 16)))
            index += 2 + len(digits.group())
        else:
            raise Unreadable(f"escape \\{nxt}")
    return "".join(out)


@dataclass
class _Func:
    """A curried built-in function of the evaluator."""

    arity: int
    run: Callable[..., Any]
    args: tuple[Any, ...] = ()

    def apply(self, value: Any) -> Any:
        args = (*self.args, value)
        if len(args) == self.arity:
            return self.run(*args)
        return _Func(self.arity, self.run, args)


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Unreadable("expected a list of strings")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise Unreadable("expected a string")
    return value


_BUILTINS: dict[str, _Func] = {}
for _prefix in ("", "Text.", "T."):
    _BUILTINS[_prefix + "unlines"] = _Func(1, lambda v: "".join(s + "\n" for s in _strings(v)))
    _BUILTINS[_prefix + "unwords"] = _Func(1, lambda v: " ".join(_strings(v)))
    _BUILTINS[_prefix + "intercalate"] = _Func(2, lambda s, v: _text(s).join(_strings(v)))
    _BUILTINS[_prefix + "concat"] = _Func(1, lambda v: "".join(_strings(v)))
    _BUILTINS[_prefix + "pack"] = _Func(1, _text)
_BUILTINS["mconcat"] = _Func(1, lambda v: "".join(_strings(v)))
_BUILTINS["id"] = _Func(1, lambda v: v)
for _name, (_catches, _onbuild) in _CALLS.items():
    _BUILTINS[_name] = _Func(
        2, lambda code, text, c=_catches, o=_onbuild: ("case", _text(code), _text(text), c, o)
    )


class _HsExpr:
    """Parses and evaluates one Haskell expression over a token slice."""

    def __init__(self, tokens: Sequence[Token], lookup: Callable[[str], Any]) -> None:
        self.tokens = tokens
        self.index = 0
        self.lookup = lookup

    def evaluate(self) -> Any:
        value = self.expr0()
        if self.index != len(self.tokens):
            raise Unreadable(f"unexpected {self.tokens[self.index].text!r}")
        return value

    def peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, text: str) -> None:
        token = self.peek()
        if token is None or token.text != text:
            raise Unreadable(f"expected {text!r}")
        self.index += 1

    def expr0(self) -> Any:
        left = self.expr6()
        token = self.peek()
        if token is not None and token.kind == "op" and token.text == "$":
            self.index += 1
            return _apply(left, self.expr0())
        return left

    def expr6(self) -> Any:
        left = self.application()
        token = self.peek()
        if token is not None and token.kind == "op" and token.text in {"<>", "++"}:
            self.index += 1
            right = self.expr6()
            if isinstance(left, str) and isinstance(right, str):
                return left + right
            if isinstance(left, list) and isinstance(right, list):
                return left + right
            raise Unreadable("cannot concatenate")
        return left

    def application(self) -> Any:
        value = self.atom()
        while True:
            token = self.peek()
            if token is None or not (
                token.kind in {"string", "ident", "number"} or token.text in {"(", "["}
            ):
                return value
            value = _apply(value, self.atom())

    def atom(self) -> Any:
        token = self.peek()
        if token is None:
            raise Unreadable("expression ends early")
        self.index += 1
        if token.kind == "string":
            return hs_string(token.text)
        if token.kind == "ident":
            if token.text in {"let", "in", "do", "where", "if", "then", "else", "case", "of"}:
                raise Unreadable(f"keyword {token.text}")
            return self.lookup(token.text)
        if token.text == "(":
            items = self._items(")")
            return items[0] if len(items) == 1 else tuple(items)
        if token.text == "[":
            return self._items("]")
        raise Unreadable(f"unexpected {token.text!r}")

    def _items(self, closer: str) -> list[Any]:
        items: list[Any] = []
        token = self.peek()
        if token is not None and token.text == closer:
            self.index += 1
            return items
        while True:
            items.append(self.expr0())
            token = self.peek()
            if token is not None and token.text == ",":
                self.index += 1
                continue
            self.take(closer)
            return items


def _apply(function: Any, value: Any) -> Any:
    if not isinstance(function, _Func):
        raise Unreadable("applying a non-function")
    return function.apply(value)


def _expression_end(tokens: Sequence[Token], start: int, indent: int) -> int:
    """Index just past the expression starting at ``start`` (layout rule, brackets)."""
    depth = 0
    line = tokens[start].line
    index = start
    while index < len(tokens):
        token = tokens[index]
        if token.line != line and token.first and token.column <= indent and depth == 0:
            break
        if token.text in {"(", "[", "{"}:
            depth += 1
        elif token.text in {")", "]", "}"}:
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (token.text in {",", ";"} or token.text in {"in", "where"}):
            break
        index += 1
    return index


def _line_indent(tokens: Sequence[Token], index: int) -> int:
    while index > 0 and not tokens[index].first:
        index -= 1
    return tokens[index].column


@dataclass
class _Binding:
    name: str
    index: int  # token index of the name
    start: int
    end: int


def _bindings(tokens: Sequence[Token]) -> list[_Binding]:
    found: list[_Binding] = []
    for index in range(len(tokens) - 1):
        token = tokens[index]
        after = tokens[index + 1]
        if after.kind != "op" or after.text != "=":
            continue
        name = token.text
        if token.kind == "ident" and index > 0 and tokens[index - 1].text == "?":
            name = "?" + name
        elif token.kind != "ident":
            continue
        plain_start = token.first or (index > 0 and tokens[index - 1].text == "let")
        implicit = name.startswith("?") and index > 1 and tokens[index - 2].text == "let"
        if not (plain_start or implicit):
            continue
        end = _expression_end(tokens, index + 2, token.column if token.first else 0)
        if not token.first:
            # `let x = ...` on one line: the binding ends with the line's `in` or layout.
            end = _expression_end(tokens, index + 2, _line_indent(tokens, index))
        found.append(_Binding(name, index, index + 2, end))
    return found


def _visible(bindings: list[_Binding], name: str, at: int, it_index: int) -> _Binding | None:
    """The binding of ``name`` seen at token ``at``.

    That is the nearest one inside the same ``it`` block, else the nearest one before it.
    """
    candidates = [b for b in bindings if b.name == name and b.index < at]
    inner = [b for b in candidates if b.index > it_index]
    if inner:
        return inner[-1]
    outer = [b for b in candidates if b.index < it_index]
    return outer[-1] if outer else None


def _hadolint_config(tokens: Sequence[Token], binding: _Binding | None) -> dict[str, Any]:
    """Map a spec's ``?config`` to lintkit options (raises when it has no equivalent)."""
    if binding is None:
        return {}
    text = " ".join(token.text for token in tokens[binding.start : binding.end])
    if text == "def":
        return {}
    body = re.fullmatch(r"def \{ (.*) \}", text)
    if body is None:
        raise Unreadable(f"configuration {text!r}")
    options: dict[str, Any] = {}
    for field_name, value in re.findall(r"(\w+) = (.*?)(?= , \w+ = |$)", body.group(1)):
        if field_name == "allowedRegistries":
            options["trusted-registries"] = [hs_string(s) for s in re.findall(r'"[^"]*"', value)]
        elif field_name == "labelSchema":
            pairs = re.findall(r'\( ("[^"]*") , (?:Rule\.)?(\w+) \)', value)
            schema = {}
            for key, kind in pairs:
                if kind not in HADOLINT_LABEL_TYPES:
                    raise Unreadable(f"label type {kind}")
                schema[hs_string(key)] = HADOLINT_LABEL_TYPES[kind]
            options["required-labels"] = schema
        elif field_name == "strictLabels":
            options["strict-labels"] = value.strip() == "True"
        else:
            raise Unreadable(f"configuration field {field_name}")
    return options


def hadolint_cases(root: Path) -> tuple[list[Case], list[Skipped]]:
    """Read the (code, Dockerfile, catches?) cases of hadolint's rule specs."""
    cases: list[Case] = []
    skipped: list[Skipped] = []
    for name, source in read_tree(root, "test/Hadolint/Rule", "Spec.hs").items():
        tokens = hs_tokens(source)
        bindings = _bindings(tokens)
        its = [i for i, t in enumerate(tokens) if t.kind == "ident" and t.text == "it"]
        for index, token in enumerate(tokens):
            if token.kind != "ident" or token.text not in _CALLS:
                continue
            where = f"{name}:{token.line}"
            it_index = max((i for i in its if i < index), default=-1)

            def lookup(
                ident: str,
                at: int = index,
                it_i: int = it_index,
                found: list[_Binding] = bindings,
                toks: list[Token] = tokens,
            ) -> Any:
                if ident in _BUILTINS:
                    return _BUILTINS[ident]
                binding = _visible(found, ident, at, it_i)
                if binding is None:
                    raise Unreadable(f"unbound {ident}")
                return _HsExpr(toks[binding.start : binding.end], lookup).evaluate()

            indent = _line_indent(tokens, index)
            if index > 0 and tokens[index - 1].text == "do":
                indent = token.column  # `in do call ...`: the do block's layout column
            end = _expression_end(tokens, index, indent)
            try:
                value = _HsExpr(tokens[index:end], lookup).evaluate()
                if not (isinstance(value, tuple) and value and value[0] == "case"):
                    raise Unreadable("not a complete call")
                _, code, text, catches, onbuild = value
                if not re.fullmatch(r"[A-Z]+[0-9]+", code):
                    # e.g. a spec that passes Dockerfile text where the code belongs:
                    # such a hadolint test passes whatever the rule does.
                    raise Unreadable(f"malformed rule code {code!r}")
                config = _visible(bindings, "?config", index, it_index)
                options = _hadolint_config(tokens, config)
            except (Unreadable, RecursionError) as exc:
                skipped.append(Skipped("hadolint", where, str(exc)))
                continue
            if onbuild:
                text = onbuild_runs(text)
            if code not in NEEDS_NO_FROM and not _FROM_LINE.search(text):
                # lintkit checks instructions per build stage (a Dockerfile without
                # FROM does not build).
                text = ("FROM scratch\n" if code in IMAGE_RULES else NEUTRAL_FROM) + text
            cases.append(
                Case(
                    "hadolint",
                    code,
                    text,
                    FileKind.DOCKERFILE,
                    where,
                    int(catches),
                    onbuild,
                    {**HADOLINT_MODE.get(code, {}), **options},
                )
            )
    return cases, skipped


def onbuild_runs(text: str) -> str:
    """Wrap every RUN instruction in ONBUILD, as hadolint's ``onBuildRuleCatches`` does."""
    lines = text.split("\n")
    continued = False
    for number, line in enumerate(lines):
        stripped = line.lstrip()
        if not continued and re.match(r"(?i)run\b", stripped):
            lines[number] = line[: len(line) - len(stripped)] + "ONBUILD " + stripped
        if stripped.startswith("#") and continued:
            continue
        continued = line.rstrip().endswith("\\")
    return "\n".join(lines)


# --------------------------------------------------------------------------- dclint

_TS_TEMPLATE = re.compile(r"const (\w+)\s*=\s*`([^`]*)`;", re.DOTALL)
_TS_IMPORT = re.compile(r"import \{ (\w+) \} from '[./]*src/rules/([\w-]+)-rule'")
_TS_TEST = re.compile(r"^test\(\s*'((?:[^'\\]|\\.)*)'", re.MULTILINE)


def dclint_cases(root: Path) -> tuple[list[Case], list[Skipped]]:
    """Read the (rule id, YAML, number of messages) cases of dclint's rule tests."""
    cases: list[Case] = []
    skipped: list[Skipped] = []
    for name, source in read_tree(root, "tests/rules", ".spec.ts").items():
        templates = {m.group(1): m.group(2) for m in _TS_TEMPLATE.finditer(source)}
        classes = {m.group(1): m.group(2) for m in _TS_IMPORT.finditer(source)}
        starts = [m.start() for m in _TS_TEST.finditer(source)] + [len(source)]
        for start, stop in pairwise(starts):
            block = source[start:stop]
            where = f"{name}:{source.count(chr(10), 0, start) + 1}"
            if "runRuleTest(" not in block:
                continue  # a fix test or another kind of assertion
            rule = re.search(r"new (\w+)\((.*?)\);", block)
            document = re.search(r"sourceCode:\s*(\w+)", block) or re.search(
                r"parseDocument\((\w+)\)", block
            )
            if rule is None or document is None or rule.group(1) not in classes:
                skipped.append(Skipped("dclint", where, "no rule or document"))
                continue
            yaml = templates.get(document.group(1))
            if yaml is None or "${" in yaml:
                skipped.append(Skipped("dclint", where, "document is not a plain template"))
                continue
            option_names = set(re.findall(r"(\w+)\s*:", rule.group(2)))
            if option_names - DCLINT_NEUTRAL_OPTIONS:
                skipped.append(Skipped("dclint", where, f"peer options {sorted(option_names)}"))
                continue
            if re.search(r"expectedMessages(?::\s*string\[\])?\s*=\s*\[\s*\]", block):
                expected = 0
            else:
                listed = re.search(r"expectedMessages\s*=\s*\[(.*?)\];", block, re.DOTALL)
                if listed is None:
                    skipped.append(Skipped("dclint", where, "expected messages not a list"))
                    continue
                expected = listed.group(1).count("getMessage(")
            rule_id = classes[rule.group(1)]
            cases.append(
                Case(
                    "dclint",
                    rule_id,
                    yaml,
                    FileKind.COMPOSE,
                    where,
                    expected,
                    options=dict(DCLINT_MODE.get(rule_id, {})),
                )
            )
    return cases, skipped


# --------------------------------------------------------------------------- compose-lint


def _py_string(node: ast.AST) -> str:
    """The value of a constant string expression (literals, implicit and ``+`` concatenation)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _py_string(node.left) + _py_string(node.right)
    raise Unreadable("not a constant string")


def _fixture_of(node: ast.AST) -> str | None:
    """``"x.yml"`` from ``load_compose(FIXTURES / "x.yml")``."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "load_compose"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.BinOp)
        and isinstance(node.args[0].left, ast.Name)
        and node.args[0].left.id == "FIXTURES"
    ):
        return _py_string(node.args[0].right)
    return None


def _loaded(function: ast.FunctionDef, fixtures: dict[str, str]) -> tuple[str, str] | None:
    """(kind, value) of the one compose document a function loads: a fixture or inline text."""
    found: list[tuple[str, str]] = []
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        name = _fixture_of(node)
        if name is not None:
            found.append(("fixture", name))
        elif isinstance(node.func, ast.Name) and node.func.id == "loads" and len(node.args) == 1:
            try:
                found.append(("text", _py_string(node.args[0])))
            except Unreadable:
                return None
        elif isinstance(node.func, ast.Name) and node.func.id in {"load_compose", "loads"}:
            return None
    if len(found) != 1:
        return None
    kind, value = found[0]
    if kind == "fixture":
        if value not in fixtures:
            return None
        return "text", fixtures[value]
    return kind, value


def _checked_service(function: ast.FunctionDef) -> ast.AST | None:
    """The service-name argument of the ``self.rule.check(...)`` call in ``function``."""
    calls = [
        node
        for node in ast.walk(function)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "check"
        and ast.unparse(node.func.value) == "self.rule"
    ]
    if len(calls) != 1 or not calls[0].args:
        return None
    return calls[0].args[0]


def _expected_count(function: ast.FunctionDef, variable: str | None) -> int | None:
    """N from ``assert len(findings) == N`` / ``assert findings == []`` (one such assert)."""
    counts: list[int] = []
    for node in ast.walk(function):
        if not isinstance(node, ast.Assert) or not isinstance(node.test, ast.Compare):
            continue
        test = node.test
        if len(test.ops) != 1 or not isinstance(test.ops[0], ast.Eq):
            continue
        left, right = test.left, test.comparators[0]
        target = ast.unparse(left)
        if isinstance(left, ast.Call) and ast.unparse(left.func) == "len" and left.args:
            target = ast.unparse(left.args[0])
            if (
                isinstance(right, ast.Constant)
                and isinstance(right.value, int)
                and (target == variable or target.startswith("self._check("))
            ):
                counts.append(right.value)
        elif (
            isinstance(right, ast.List)
            and not right.elts
            and (target == variable or target.startswith("self._check("))
        ):
            counts.append(0)
    return counts[0] if len(counts) == 1 else None


def compose_lint_cases(root: Path) -> tuple[list[Case], list[Skipped]]:
    """Read the (rule id, YAML, service, number of findings) cases of compose-lint's tests."""
    cases: list[Case] = []
    skipped: list[Skipped] = []
    fixtures = {
        Path(name).name: text
        for name, text in read_tree(root, "tests/compose_files", ".yml").items()
    }
    for name, source in read_tree(root, "tests", ".py").items():
        match = re.search(r"test_CL(\d{4})\.py$", name)
        if match is None:
            continue
        code = f"CL-{match.group(1)}"
        module = ast.parse(source)
        for klass in (n for n in module.body if isinstance(n, ast.ClassDef)):
            methods = {f.name: f for f in klass.body if isinstance(f, ast.FunctionDef)}
            helper = methods.get("_check")
            for method in methods.values():
                if not method.name.startswith("test_"):
                    continue
                where = f"{name}:{method.lineno}"
                try:
                    case = _compose_lint_case(code, method, helper, fixtures, where)
                except Unreadable as exc:
                    skipped.append(Skipped("compose-lint", where, str(exc)))
                    continue
                if case is not None:
                    cases.append(case)
    return cases, skipped


def _compose_lint_case(
    code: str,
    method: ast.FunctionDef,
    helper: ast.FunctionDef | None,
    fixtures: dict[str, str],
    where: str,
) -> Case | None:
    """One case from a test method that checks one service and counts its findings."""
    if (
        ast.unparse(method).count("self.rule.check(") + ast.unparse(method).count("self._check(")
        == 0
    ):
        return None  # a metadata or fix test
    direct = _checked_service(method)
    if direct is not None:
        loaded = _loaded(method, fixtures)
        service = _py_string(direct)
        variable = _assigned_from_check(method)
    else:
        calls = [
            node
            for node in ast.walk(method)
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "self._check"
        ]
        if helper is None or len(calls) != 1 or len(calls[0].args) != 1 or calls[0].keywords:
            raise Unreadable("not a single checked service")
        parameters = [a.arg for a in helper.args.args[1:]]
        checked = _checked_service(helper)
        loaded = _loaded(helper, fixtures)
        if (
            len(parameters) != 1
            or not isinstance(checked, ast.Name)
            or checked.id != parameters[0]
            or loaded is None
            or loaded[0] != "text"
        ):
            raise Unreadable("helper does not check a named service of one document")
        service = _py_string(calls[0].args[0])
        variable = _assigned_from_check(method)
    if loaded is None:
        raise Unreadable("document not read")
    expected = _expected_count(method, variable)
    if expected is None:
        raise Unreadable("no single count assertion")
    return Case("compose-lint", code, loaded[1], FileKind.COMPOSE, where, expected, service=service)


def _assigned_from_check(method: ast.FunctionDef) -> str | None:
    for node in ast.walk(method):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            text = ast.unparse(node.value)
            if "self.rule.check(" in text or "self._check(" in text:
                return ast.unparse(node.targets[0])
    return None


# --------------------------------------------------------------------------- running lintkit


@dataclass
class Outcome:
    """What lintkit did on one case."""

    case: Case
    rules: tuple[str, ...]  # lintkit codes, empty when not covered
    found: int = 0
    parse_error: bool = False
    #: The lintkit rule also answers to other codes of the same peer (DL3049-DL3058 are
    #: all LK272): a finding may belong to one of those, not to the code under test.
    shared: bool = False

    @property
    def verdict(self) -> str:
        """``agree``, ``miss`` (the peer finds, lintkit does not), ``extra`` or ``count``."""
        if not self.rules:
            return "uncovered"
        if self.parse_error:
            return "parse-error"
        peer, ours = self.case.expected, self.found
        if (peer > 0) == (ours > 0):
            if self.case.peer == "hadolint" or peer == ours:
                return "agree"
            return "count"
        return "miss" if peer > 0 else "extra"


def _service_lines(text: str, service: str) -> range | None:
    """The 0-based line range of ``service`` under ``services:`` (block style only)."""
    lines = text.split("\n")
    inside = False
    start = None
    indent = None
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(line) - len(line.lstrip())
        if depth == 0:
            if start is not None:
                return range(start, number)
            inside = stripped.rstrip() == "services:"
            continue
        if not inside:
            continue
        if indent is None:
            indent = depth
        if depth == indent:
            key = stripped.split(":", 1)[0].strip("'\"")
            if start is not None:
                return range(start, number)
            if key == service:
                start = number
    return range(start, len(lines)) if start is not None else None


_PEER_CODES = {
    "hadolint": re.compile(r"DL\d{4}"),
    "dclint": re.compile(r"[a-z]+(?:-[a-z]+)+"),
    "compose-lint": re.compile(r"CL-\d{4}"),
}


def run_case(case: Case, registry: Registry) -> Outcome:
    """Lint one case with the lintkit rules its peer code is an alias of."""
    try:
        rules: list[type[Rule]] = [r for r in registry.resolve(case.code) if case.kind in r.kinds]
    except UnknownRuleError:
        rules = []
    outcome = Outcome(case, tuple(rule.code for rule in rules))
    if not rules:
        return outcome
    family = _PEER_CODES[case.peer]
    outcome.shared = any(
        len({alias for alias in rule.aliases if family.fullmatch(alias)}) > 1 for rule in rules
    )
    config = Config(
        registry=registry,
        select=tuple(rule.code for rule in rules),
        rule_options={rule.code: case.options for rule in rules},
        root=Path.cwd(),
    )
    path = "Dockerfile" if case.kind is FileKind.DOCKERFILE else "docker-compose.yml"
    source = SourceText.from_text(case.text, path)
    diagnostics = Linter(config).lint_source(source, case.kind)
    if any(d.code not in outcome.rules for d in diagnostics):
        outcome.parse_error = True
    mine = [d for d in diagnostics if d.code in outcome.rules]
    if case.service is not None:
        lines = _service_lines(case.text, case.service)
        if lines is None:
            outcome.parse_error = True
            return outcome
        mine = [d for d in mine if d.range.start.line in lines]
    outcome.found = len({(d.range.start.line, d.range.start.column) for d in mine})
    return outcome


# --------------------------------------------------------------------------- report


def report(outcomes: list[Outcome], skipped: list[Skipped], peer: str, verbose: bool) -> None:
    """Print a Markdown table per peer code and, with ``verbose``, every disagreement.

    hadolint's ``onBuildRuleCatches`` variants (the same snippet with its RUNs wrapped in
    ONBUILD) are counted in their own column, as ``agree/cases``.
    """
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    rules: dict[str, str] = {}
    for outcome in outcomes:
        key = outcome.case.code
        prefix = "onbuild-" if outcome.case.onbuild else ""
        rows[key][prefix + "cases"] += 1
        rows[key][prefix + outcome.verdict] += 1
        if outcome.verdict == "extra" and outcome.shared:
            rows[key][prefix + "extra-shared"] += 1
        rules[key] = ", ".join(outcome.rules) or "-"
    print(f"\n### {peer}\n")
    print("| peer code | lintkit | cases | agree | misses | extras | ONBUILD variants | other |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    total: Counter[str] = Counter()
    for key in sorted(rows):
        total.update(rows[key])
        print(_row(key, rules[key], rows[key]))
    print(_row("**total**", "", total))
    reasons = Counter(re.sub(r"\s*['\"\[{(].*$", "", s.reason) for s in skipped)
    listed = ", ".join(f"{count} {reason}" for reason, count in reasons.most_common())
    print(f"\n{len(skipped)} peer test cases skipped (not read reliably): {listed or 'none'}")
    if verbose:
        for outcome in outcomes:
            if outcome.verdict in {"agree", "uncovered"}:
                continue
            case = outcome.case
            print(
                f"\n--- {outcome.verdict}: {case.code} {case.where} expected={case.expected} "
                f"found={outcome.found} options={case.options} service={case.service}"
            )
            print(case.text.rstrip("\n"))
        for skip in skipped:
            print(f"skipped {skip.where}: {skip.reason}")


def _row(key: str, rules: str, row: Counter[str]) -> str:
    other = ", ".join(f"{row[v]} {v}" for v in ("count", "parse-error", "uncovered") if row[v])
    extra = str(row["extra"])
    if row["extra-shared"]:
        extra += f" ({row['extra-shared']} shared)"
    onbuild = f"{row['onbuild-agree']}/{row['onbuild-cases']}" if row["onbuild-cases"] else ""
    return (
        f"| {key} | {rules} | {row['cases']} | {row['agree']} | {row['miss']} | {extra} "
        f"| {onbuild} | {other} |"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hadolint", type=Path, help="hadolint checkout or git mirror")
    parser.add_argument("--dclint", type=Path, help="docker-compose-linter checkout or mirror")
    parser.add_argument("--compose-lint", type=Path, help="compose-lint checkout or mirror")
    parser.add_argument("--code", action="append", help="only these peer codes")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every disagreement")
    args = parser.parse_args(argv)
    registry = default_registry()
    readers: list[tuple[str, Path | None, Callable[[Path], tuple[list[Case], list[Skipped]]]]]
    readers = [
        ("hadolint", args.hadolint, hadolint_cases),
        ("dclint", args.dclint, dclint_cases),
        ("compose-lint", args.compose_lint, compose_lint_cases),
    ]
    if not any(path for _, path, _ in readers):
        parser.error("give at least one of --hadolint, --dclint, --compose-lint")
    for peer, path, reader in readers:
        if path is None:
            continue
        cases, skipped = reader(path)
        if args.code:
            cases = [c for c in cases if c.code in args.code]
        outcomes = [run_case(case, registry) for case in cases]
        report(outcomes, skipped, peer, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
