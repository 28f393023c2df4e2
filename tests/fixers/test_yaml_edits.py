import pytest

from lintkit.compose.loader import load_yaml
from lintkit.fixers.yaml_edits import (
    YamlEditRefused,
    append_to_mapping,
    append_to_sequence,
    indent_step,
    insert_after_key,
    quote,
    remove_entry,
)
from lintkit.fixing import apply_edits
from lintkit.source import SourceText


def load(text):
    source = SourceText.from_text(text, "compose.yaml")
    return source, load_yaml(source).root


def test_append_to_mapping_follows_indent_and_keeps_trailing_comment():
    text = (
        "services:\n    web:\n        image: x:1  # pinned\n"
        "    # db next\n    db:\n        image: y:1\n"
    )
    source, root = load(text)
    web = root.get("services").get("web")
    edit = append_to_mapping(source, web, ["read_only: true", "tmpfs:", "\t- /tmp"])
    assert apply_edits(text, [edit]) == (
        "services:\n    web:\n        image: x:1  # pinned\n        read_only: true\n"
        "        tmpfs:\n            - /tmp\n    # db next\n    db:\n        image: y:1\n"
    )


def test_append_keeps_crlf():
    text = "services:\r\n  web:\r\n    image: x:1\r\n"
    source, root = load(text)
    edit = append_to_mapping(source, root.get("services").get("web"), ["pids_limit: 100"])
    assert apply_edits(text, [edit]) == (
        "services:\r\n  web:\r\n    image: x:1\r\n    pids_limit: 100\r\n"
    )


def test_append_to_flush_and_flow_sequences():
    text = 'cap_drop:\n- NET_RAW\nports: ["80:80"]\n'
    source, root = load(text)
    flush = append_to_sequence(source, root.get("cap_drop"), "ALL")
    flow = append_to_sequence(source, root.get("ports"), '"443:443"')
    assert apply_edits(text, [flush, flow]) == (
        'cap_drop:\n- NET_RAW\n- ALL\nports: ["80:80", "443:443"]\n'
    )


def test_insert_after_key_and_remove_entry():
    text = "version: '3.8'\n# services\nservices:\n  a:\n    image: x:1\n"
    source, root = load(text)
    assert apply_edits(text, [remove_entry(source, root, "version")]) == (
        "# services\nservices:\n  a:\n    image: x:1\n"
    )
    a = root.get("services").get("a")
    edit = insert_after_key(source, a, "image", ["init: true"])
    assert apply_edits(text, [edit]).endswith("    image: x:1\n    init: true\n")


def test_flow_mapping_is_refused():
    source, root = load("a: {b: 1}\n")
    with pytest.raises(YamlEditRefused, match="flow"):
        append_to_mapping(source, root.get("a"), ["c: 2"])


def test_indent_step_and_quote():
    assert indent_step(SourceText.from_text("a:\n    b: 1\n")) == 4
    assert indent_step(SourceText.from_text("a:\n  b: 1\n")) == 2
    assert quote('say "hi"') == '"say \\"hi\\""'


@pytest.mark.parametrize(
    ("text", "flush"),
    [
        ("services:\n  web:\n    ports:\n    - '80:80'\n", True),
        ("services:\n  web:\n    ports:\n      - '80:80'\n", False),
        ("services:\n  web:\n    ports: ['80:80']\n", False),
        ("x: &a\n- 1\nservices:\n  web:\n    cap_add: *a\n", True),
        ("x: &a\n  - 1\nservices:\n  web:\n    cap_add: *a\n", False),
        ("services:\n  web:\n    image: a:1\n", False),
    ],
)
def test_file_sequences_are_flush(text, flush):
    from lintkit.fixers.yaml_edits import file_sequences_are_flush

    _, root = load(text)
    assert file_sequences_are_flush(root) is flush
