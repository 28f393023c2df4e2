from lintkit.registry import default_registry
from lintkit.source import SourceText
from lintkit.suppression import dockerfile_suppressions, yaml_suppressions

RULE = default_registry().get("mutable-image-tag")


def test_dockerfile_next_instruction_only():
    found = dockerfile_suppressions([(0, "# lintkit: ignore=mutable-image-tag")], [(1, 2), (3, 3)])
    assert found.silences(RULE, 1)
    assert found.silences(RULE, 2)
    assert not found.silences(RULE, 3)


def test_hadolint_pragmas_through_aliases():
    local = dockerfile_suppressions([(0, "# hadolint ignore=DL3007,DL3008")], [(1, 1), (2, 2)])
    assert local.silences(RULE, 1) and not local.silences(RULE, 2)
    whole = dockerfile_suppressions([(5, "# hadolint global ignore=DL3006")], [(1, 1)])
    assert whole.silences(RULE, 40)


def test_subcode_silences_only_findings_carrying_it():
    found = dockerfile_suppressions([(0, "# hadolint ignore=SC2086")], [(1, 1)])
    assert found.silences(RULE, 1, "SC2086")
    assert not found.silences(RULE, 1, "SC2154")
    assert not found.silences(RULE, 1)
    whole = dockerfile_suppressions([(0, "# lintkit: ignore-file=sc2086")], [(1, 1)])
    assert whole.silences(RULE, 9, "SC2086")


def test_other_rules_are_not_silenced():
    found = dockerfile_suppressions([(0, "# lintkit: ignore=LK001")], [(1, 1)])
    assert not found.silences(RULE, 1)


def test_yaml_own_line_covers_nested_block_and_flush_sequence():
    text = (
        "services:\n"
        "  # lintkit: ignore=mutable-image-tag\n"
        "  web:\n"
        "    image: nginx\n"
        "    ports:\n"
        "    - 80:80\n"
        "  db:\n"
        "    image: postgres\n"
    )
    found = yaml_suppressions(SourceText.from_text(text, "compose.yaml"))
    assert [found.silences(RULE, line) for line in range(8)] == [
        False,
        False,
        True,
        True,
        True,
        True,
        False,
        False,
    ]


def test_yaml_trailing_comment_and_file_wide():
    text = "services:\n  web:\n    image: nginx  # lintkit: ignore=LK100\n    x: 1\n"
    found = yaml_suppressions(SourceText.from_text(text, "compose.yaml"))
    assert found.silences(RULE, 2) and not found.silences(RULE, 3)
    whole = yaml_suppressions(SourceText.from_text("# lintkit: ignore-file=DL3006\na: 1\n"))
    assert whole.silences(RULE, 1)


def test_bare_ignore_silences_every_rule():
    found = dockerfile_suppressions([(0, "# lintkit: ignore")], [(1, 1)])
    assert found.silences(RULE, 1)
