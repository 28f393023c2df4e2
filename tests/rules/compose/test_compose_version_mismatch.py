"""LK701 compose-version-mismatch."""

import pytest

from tests.rules.compose.yaml_support import messages, run, where

RULE = "compose-version-mismatch"
V1 = {"target": "compose-v1"}
SWARM = {"target": "swarm"}


def svc(version: str, *lines: str) -> str:
    return f'version: "{version}"\nservices:\n  web:\n    image: x:1\n' + "".join(
        f"    {line}\n" for line in lines
    )


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        (svc("2.4", "deploy:", "  replicas: 2"), V1, [(5, 5, 5, 11)]),
        (svc("3.8", "mem_limit: 1g", "cpus: 0.5"), V1, [(5, 5, 5, 14), (6, 5, 6, 9)]),
        (svc("3", "extends: base"), V1, [(5, 5, 5, 12)]),
        (svc("2.0", "healthcheck:", "  test: [CMD, 'true']"), V1, [(5, 5, 5, 16)]),
        (
            svc("2.2", "healthcheck:", "  test: [CMD, 'true']", "  start_period: 5s"),
            V1,
            [(7, 7, 7, 19)],
        ),
        (
            svc("3.3", "healthcheck:", "  test: [CMD, 'true']", "  start_period: 5s"),
            V1,
            [(7, 7, 7, 19)],
        ),
        (svc("3.8", "depends_on:", "  db:", "    condition: service_healthy"), V1, [(7, 9, 7, 18)]),
        (svc("3.8", "profiles: [dev]"), V1, [(5, 5, 5, 13)]),
        (
            svc("3.1", "ports:", "  - target: 80", "    published: 8080"),
            V1,
            [(6, 9, 6, 15), (7, 9, 7, 18)],
        ),
        (
            'version: "3.3"\nx-common: &c\n  image: x:1\nservices:\n  web:\n    <<: *c\n',
            V1,
            [(2, 1, 2, 9)],
        ),
        ('version: "3.3"\nservices: {}\nvolumes:\n  data:\n    name: data\n', V1, [(5, 5, 5, 9)]),
        # swarm reads 3.x only, with the same 3.x tables
        (svc("2.4", "mem_limit: 1g"), SWARM, [(1, 10, 1, 15)]),
        (svc("3.8", "mem_limit: 1g", "deploy:", "  replicas: 2"), SWARM, [(5, 5, 5, 14)]),
        # compose v2 (default): only keys the specification dropped
        (svc("2.4", "volume_driver: flocker", "mem_limit: 1g"), None, [(5, 5, 5, 18)]),
        (svc("3.9", "cgroupns_mode: host"), None, [(5, 5, 5, 18)]),
    ],
)
def test_flags(text, options, expected):
    assert where(text, RULE, options) == expected


@pytest.mark.parametrize(
    ("text", "options"),
    [
        (svc("3.8", "deploy:", "  replicas: 2", "healthcheck:", "  start_period: 5s"), V1),
        (svc("2.4", "mem_limit: 1g", "cpus: 0.5", "platform: linux/amd64"), V1),
        (svc("2.1", "depends_on:", "  db:", "    condition: service_healthy"), V1),
        (svc("3.7", "init: true", "x-note: hi"), V1),
        ('version: "3.4"\nx-common: &c\n  image: x:1\nservices:\n  web:\n    <<: *c\n', V1),
        # keys nobody knows are another rule's business
        (svc("3.8", "no_such_key: 1"), V1),
        # the default target: every spec key is fine whatever the version
        (
            svc(
                "3.8",
                "mem_limit: 1g",
                "profiles: [dev]",
                "depends_on:",
                "  db:",
                "    condition: service_healthy",
            ),
            None,
        ),
        # volume_driver under 3.x is not a version mismatch (3.x never had it) for compose v2
        (svc("3.8", "volume_driver: x"), None),
        # no version, unknown versions and variables are not checked
        ("services:\n  web:\n    image: x:1\n    deploy: {}\n", V1),
        (svc("4.0", "deploy: {}"), V1),
        ('version: "${V}"\nservices:\n  web:\n    mem_limit: 1g\n', V1),
        ("web:\n  image: x:1\n  mem_limit: 1g\n", V1),
    ],
)
def test_leaves_alone(text, options):
    assert run(text, RULE, options) == []


def test_reports_a_key_once_not_its_children():
    text = svc("2.4", "deploy:", "  resources:", "    limits:", "      cpus: '1'")
    assert where(text, RULE, V1) == [(5, 5, 5, 11)]


def test_merged_key_reported_once_at_the_anchor():
    text = (
        'version: "3.8"\nx-base: &base\n  mem_limit: 1g\nservices:\n  a:\n    <<: *base\n'
        "    image: x:1\n  b:\n    <<: *base\n    image: x:1\n"
    )
    assert where(text, RULE, V1) == [(3, 3, 3, 12)]


@pytest.mark.parametrize(
    ("version", "engine", "expected"),
    [
        ("3.8", "18.09", [(1, 10, 1, 15)]),
        ("3.7", "18.09", []),
        ("3.8", "19.03", []),
        ("2.4", "1.12", [(1, 10, 1, 15)]),
        ("2.4", "not-a-version", []),
    ],
)
def test_min_engine(version, engine, expected):
    text = f'version: "{version}"\nservices:\n  web:\n    image: x:1\n'
    assert where(text, RULE, {"min-engine": engine}) == expected


def test_messages(snapshot):
    text = svc(
        "3.3",
        "mem_limit: 1g",
        "deploy:",
        "  update_config:",
        "    order: start-first",
        "profiles: [dev]",
        "healthcheck:",
        "  start_period: 5s",
    )
    out = [
        "# compose-v1, min-engine 17.03\n",
        messages(text, RULE, {"target": "compose-v1", "min-engine": "17.03"}),
        "# swarm\n",
        messages(svc("2.4", "mem_limit: 1g"), RULE, SWARM),
        messages(text, RULE, SWARM),
        "# compose-v2\n",
        messages(svc("2.4", "volume_driver: flocker"), RULE),
        messages(svc("3.9", "cgroupns_mode: host"), RULE),
        "# min-engine 1.12\n",
        messages(svc("3.3"), RULE, {"min-engine": "1.12"}),
    ]
    snapshot.assert_match("".join(out), "messages.txt")


def test_invalid_target_is_a_config_error():
    from lintkit.registry import default_registry

    rule = default_registry().get(RULE)
    assert rule is not None
    option = next(o for o in rule.options if o.name == "target")
    with pytest.raises(ValueError, match="not one of"):
        option.validate("compose-v3")
