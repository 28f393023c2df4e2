"""Tests for the YAML loader: exact positions, anchors, merges, duplicates, limits, errors."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.compose.loader import (
    ScalarStyle,
    YamlMap,
    YamlScalar,
    YamlSeq,
    load_yaml,
)
from lintkit.errors import ParseError
from lintkit.source import Range, SourceText


def load(text: str) -> YamlMap:
    root = load_yaml(SourceText.from_text(text)).root
    assert isinstance(root, YamlMap)
    return root


def span(r: Range) -> tuple[int, int, int, int]:
    return (r.start.line, r.start.column, r.end.line, r.end.column)


def scalar(node: object) -> YamlScalar:
    assert isinstance(node, YamlScalar)
    return node


def test_block_mapping_positions() -> None:
    root = load("services:\n  web:\n    image: nginx:1.27\n")
    web = root.get("services")
    assert isinstance(web, YamlMap)
    entry = web.entry("web")
    assert entry is not None
    assert span(entry.key.range) == (1, 2, 1, 5)
    image = scalar(entry.value.get("image")) if isinstance(entry.value, YamlMap) else None
    assert image is not None
    assert span(image.range) == (2, 11, 2, 21)
    # A block mapping ends with its last value, not after trailing blank lines.
    assert span(entry.value.range) == (2, 4, 2, 21)


def test_offsets_index_the_text() -> None:
    text = "a: 1\nkey: 'quoted value'\n"
    source = SourceText.from_text(text)
    root = load_yaml(source).root
    assert isinstance(root, YamlMap)
    node = scalar(root.get("key"))
    assert text[node.range.start.offset : node.range.end.offset] == "'quoted value'"
    assert node.style is ScalarStyle.SINGLE_QUOTED
    assert node.value == "quoted value"


def test_non_ascii_before_a_node_counts_characters() -> None:
    root = load("name: \u00e9t\u00e9 \U0001f600\nimage: x\n# caf\u00e9\nnext: [\u00fc, y]\n")
    assert span(root.entries[1].value.range) == (1, 7, 1, 8)
    seq = root.get("next")
    assert isinstance(seq, YamlSeq)
    assert span(seq.items[1].range) == (3, 10, 3, 11)
    assert span(scalar(root.get("name")).range) == (0, 6, 0, 11)  # "été 😀": 5 code points


def test_crlf_positions_and_offsets() -> None:
    text = "services:\r\n  web:\r\n    image: a\r\n"
    source = SourceText.from_text(text)
    root = load_yaml(source).root
    assert isinstance(root, YamlMap)
    services = root.get("services")
    assert isinstance(services, YamlMap)
    web = services.get("web")
    assert isinstance(web, YamlMap)
    image = scalar(web.get("image"))
    assert span(image.range) == (2, 11, 2, 12)
    assert image.range.start.offset == text.index("a\r\n", 20)


def test_bom_is_not_counted() -> None:
    source = SourceText.from_bytes(
        __import__("pathlib").Path("c.yaml"), b"\xef\xbb\xbfa: b\nc: d\n"
    )
    root = load_yaml(source).root
    assert isinstance(root, YamlMap)
    assert span(root.entries[0].key.range) == (0, 0, 0, 1)
    assert span(root.entries[1].value.range) == (1, 3, 1, 4)
    assert source.text[root.entries[1].value.range.start.offset] == "d"


def test_four_space_and_flush_sequences() -> None:
    root = load("services:\n    web:\n        ports:\n        - '80:80'\n        -   \"443:443\"\n")
    services = root.get("services")
    assert isinstance(services, YamlMap)
    web = services.get("web")
    assert isinstance(web, YamlMap)
    ports = web.get("ports")
    assert isinstance(ports, YamlSeq)
    assert [span(item.range) for item in ports] == [(3, 10, 3, 17), (4, 12, 4, 21)]
    assert span(ports.range) == (3, 8, 4, 21)
    assert ports.items[1].style is ScalarStyle.DOUBLE_QUOTED  # type: ignore[attr-defined]


def test_scalar_styles_and_block_scalar_range() -> None:
    root = load("a: plain\nb: |\n  line1\n  line2\n\nc: >-\n  folded\nd: {x: 1}\n")
    assert scalar(root.get("a")).style is ScalarStyle.PLAIN
    literal = scalar(root.get("b"))
    assert literal.style is ScalarStyle.LITERAL
    assert literal.value == "line1\nline2\n"
    assert span(literal.range) == (1, 3, 3, 7)  # trailing blank line not included
    assert scalar(root.get("c")).style is ScalarStyle.FOLDED
    flow = root.get("d")
    assert isinstance(flow, YamlMap) and flow.flow
    assert span(flow.range) == (7, 3, 7, 9)


def test_anchor_properties_are_outside_the_content_range() -> None:
    root = load("x: &img !!str nginx\ny: &m\n  k: v\n")
    node = scalar(root.get("x"))
    assert node.anchor == "img"
    assert node.tag == "tag:yaml.org,2002:str"
    assert span(node.range) == (0, 14, 0, 19)
    assert node.properties_range is not None
    assert span(node.properties_range) == (0, 3, 0, 13)
    mapping = root.get("y")
    assert isinstance(mapping, YamlMap)
    assert span(mapping.range) == (2, 2, 2, 6)


def test_yaml12_and_yaml11_scalar_values() -> None:
    root = load("p: 22:22\nq: yes\nr: 0o17\ns: '0o17'\nt: 1.10\nu: true\nv:\nw: 0440\n")
    assert scalar(root.get("p")).resolved == "22:22"
    assert scalar(root.get("p")).yaml11 == 1342
    assert scalar(root.get("q")).resolved == "yes"
    assert scalar(root.get("q")).yaml11 is True
    assert scalar(root.get("r")).resolved == 15
    assert scalar(root.get("s")).resolved == "0o17"
    assert scalar(root.get("t")).resolved == 1.1
    assert scalar(root.get("u")).resolved is True
    assert scalar(root.get("v")).is_null
    assert scalar(root.get("w")).resolved == 288


def test_alias_points_at_the_anchor_and_is_shared() -> None:
    root = load("x-img: &img nginx:1\nservices:\n  a:\n    image: *img\n")
    services = root.get("services")
    assert isinstance(services, YamlMap)
    a = services.get("a")
    assert isinstance(a, YamlMap)
    entry = a.entry("image")
    assert entry is not None
    assert span(entry.value.range) == (0, 12, 0, 19)  # the definition
    assert entry.value_alias is not None and span(entry.value_alias) == (3, 11, 3, 15)
    assert entry.value.shared
    assert not entry.editable


def test_aliased_node_stays_shared_when_its_anchor_name_is_reused() -> None:
    text = (
        "x-a: &env\n  A: '1'\n"
        "services:\n  one:\n    environment: *env\n"
        "x-b: &env\n  B: '2'\n"
        "  # the second &env is never aliased\n"
    )
    root = load(text)
    first = root.get("x-a")
    second = root.get("x-b")
    assert isinstance(first, YamlMap) and isinstance(second, YamlMap)
    assert first.shared  # aliased, although its name now names another node
    assert not second.shared


def test_merge_keys_single_and_list() -> None:
    text = (
        "x-a: &a\n  restart: always\n  user: a\n"
        "x-b: &b\n  user: b\n  init: true\n"
        "services:\n"
        "  one:\n    <<: *a\n    image: x\n    restart: 'no'\n"
        "  two:\n    <<: [*a, *b]\n    image: y\n"
    )
    root = load(text)
    services = root.get("services")
    assert isinstance(services, YamlMap)
    one = services.get("one")
    assert isinstance(one, YamlMap)
    # A key written locally overrides the merged one and is not a duplicate.
    restart = one.entry("restart")
    assert restart is not None and not restart.merged
    assert scalar(restart.value).value == "no"
    user = one.entry("user")
    assert user is not None and user.merged and not user.editable
    assert span(user.value.range) == (2, 8, 2, 9)
    assert user.merge_range is not None and span(user.merge_range) == (8, 8, 8, 10)
    assert "<<" not in one
    two = services.get("two")
    assert isinstance(two, YamlMap)
    assert two.to_python() == {"restart": "always", "user": "a", "init": True, "image": "y"}
    assert load_yaml(SourceText.from_text(text)).duplicates == []


def test_duplicate_keys_are_reported() -> None:
    doc = load_yaml(SourceText.from_text("services:\n  a:\n    image: x\n    image: y\n"))
    assert len(doc.duplicates) == 1
    dup = doc.duplicates[0]
    assert dup.key == "image"
    assert span(dup.first) == (2, 4, 2, 9)
    assert span(dup.duplicate) == (3, 4, 3, 9)
    root = doc.root
    assert isinstance(root, YamlMap)
    assert root.to_python() == {"services": {"a": {"image": "y"}}}


def test_quoted_merge_key_is_an_ordinary_key() -> None:
    root = load("x: &a {k: 1}\ny:\n  '<<': *a\n")
    y = root.get("y")
    assert isinstance(y, YamlMap)
    assert y.keys() == ["<<"]


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("a: 'open\nb: c\n", "closing quote is missing", 0, 3),
        ("a:\n\tb: 1\n", "tab", 1, 0),
        ("a: 1\n b: 2\n", "indentation", 1, 2),
        ("- a\nb: 1\n", "bad indentation", 1, 0),
        ("a: [1, 2\n", "not closed", 1, 0),
        ("a: *nope\n", "not defined", 0, 3),
        ("a: &x [*x]\n", "contains it", 0, 7),
        ("a: \x01\n", "control character", 0, 3),
        ("x: &a [1]\ny:\n  <<: *a\n", "merge key", 2, 6),
    ],
)
def test_errors_have_plain_messages(text: str, message: str, line: int, column: int) -> None:
    with pytest.raises(ParseError) as info:
        load_yaml(SourceText.from_text(text))
    assert message in info.value.message
    assert (info.value.line, info.value.column) == (line, column)


def test_alias_bomb_fails_fast() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index in range(1, 12):
        prev, name = chr(96 + index), chr(97 + index)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    started = time.perf_counter()
    with pytest.raises(ParseError, match="expands to more than"):
        load_yaml(SourceText.from_text("\n".join(lines) + "\n"))
    assert time.perf_counter() - started < 1.0


def test_deep_nesting_is_bounded() -> None:
    started = time.perf_counter()
    # Either lintkit's own depth bound or the one built into newer libyaml releases fires.
    with pytest.raises(ParseError, match="nest"):
        load_yaml(SourceText.from_text("[" * 50_000 + "]" * 50_000))
    assert time.perf_counter() - started < 1.0


def test_size_limit() -> None:
    with pytest.raises(ParseError, match="larger than"):
        load_yaml(SourceText.from_text("a: " + "x" * 100 + "\n"), max_bytes=50)


def test_empty_and_multiple_documents() -> None:
    assert load_yaml(SourceText.from_text("")).root is None
    assert load_yaml(SourceText.from_text("# only a comment\n")).root is None
    doc = load_yaml(SourceText.from_text("a: 1\n---\nb: 2\n"))
    assert len(doc.roots) == 2
    assert span(doc.roots[1].range) == (2, 0, 2, 4)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#\t\n\r ,?<%@`\\\x00\u00e9")), max_size=60
    )
)
def test_any_text_loads_or_raises_parse_error(text: str) -> None:
    # Any other exception fails the test.
    with contextlib.suppress(ParseError):
        load_yaml(SourceText.from_text(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_any_unicode_loads_or_raises_parse_error(text: str) -> None:
    # Any other exception fails the test.
    with contextlib.suppress(ParseError):
        load_yaml(SourceText.from_text(text))


def test_pure_python_fallback_gives_the_same_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from lintkit.compose import loader

    text = (
        "x: &a\r\n  k: '\u00e9'\r\ny:\r\n  <<: *a\r\n  l: |\r\n    t\r\n  m: [1, {n: o}]\r\n"
        'z: "\\u00e9"\r\n'
    )

    def shape(doc: loader.YamlDocument) -> list[object]:
        out: list[object] = []
        stack = list(doc.roots)
        while stack:
            node = stack.pop()
            out.append((type(node).__name__, span(node.range), getattr(node, "style", None)))
            if isinstance(node, YamlMap):
                for entry in node.entries:
                    stack += [entry.key, entry.value]
            elif isinstance(node, YamlSeq):
                stack += node.items
        return out

    fast = shape(load_yaml(SourceText.from_text(text)))
    monkeypatch.setattr(loader, "_Loader", yaml.SafeLoader)
    slow = shape(load_yaml(SourceText.from_text(text)))
    assert fast == slow
    with pytest.raises(ParseError, match="closing quote"):
        load_yaml(SourceText.from_text("a: 'x\n"))


def test_second_bom_keeps_offsets() -> None:
    source = SourceText.from_text("\ufeff\ufeffa: 1\n")
    root = load_yaml(source).root
    assert isinstance(root, YamlMap)
    value = root.entries[0].value
    assert source.text[value.range.start.offset] == "1"
