"""Tests for the compose model: services and their typed settings, with positions."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.compose.loader import YamlMap, load_yaml
from lintkit.compose.model import parse_compose, parse_port, parse_volume
from lintkit.errors import ParseError
from lintkit.source import Range, SourceText


def compose(text: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return parse_compose(SourceText.from_text(text), env=env)


def span(r: Range | None) -> tuple[int, int, int, int]:
    assert r is not None
    return (r.start.line, r.start.column, r.end.line, r.end.column)


SAMPLE = """\
version: "3.8"
name: shop
x-defaults: &defaults
  restart: unless-stopped
  environment:
    TZ: UTC
services:
  web:
    <<: *defaults
    image: nginx:${TAG:-1.27}
    ports:
      - "127.0.0.1:8080:80"
      - 22:22
      - target: 443
        published: "8443"
        protocol: udp
    volumes:
      - ./html:/usr/share/nginx/html:ro
      - data:/data
      - /cache
    depends_on:
      db:
        condition: service_healthy
    environment:
      - A=1
      - B
      - A=2
  db:
    image: postgres:16
    depends_on: [cache]
volumes:
  data:
"""


def test_top_level() -> None:
    c = compose(SAMPLE)
    assert c.version == "3.8"
    assert span(c.version_node.range if c.version_node else None) == (0, 9, 0, 14)
    assert c.name == "shop"
    assert list(c.services) == ["web", "db"]
    assert list(c.extensions) == ["x-defaults"]
    assert c.volumes is not None and c.volumes.keys() == ["data"]
    assert not c.is_empty and not c.is_legacy
    assert c.duplicates == []


def test_service_accessors_and_ranges() -> None:
    web = compose(SAMPLE).services["web"]
    assert span(web.name_range) == (7, 2, 7, 5)
    assert web.image == "nginx:${TAG:-1.27}"
    assert span(web.range_of("image")) == (9, 11, 9, 29)
    assert span(web.key_range("image")) == (9, 4, 9, 9)
    # Merged from the anchor: the ranges are where a user edits it.
    assert web.restart == "unless-stopped"
    assert span(web.range_of("restart")) == (3, 11, 3, 25)
    entry = web.entry("restart")
    assert entry is not None and entry.merged and not entry.editable
    assert [(kv.name, kv.value) for kv in web.environment] == [("A", "1"), ("B", None), ("A", "2")]
    dups = web.environment_duplicates
    assert [(d.key, span(d.first), span(d.duplicate)) for d in dups] == [
        ("A", (24, 8, 24, 9), (26, 8, 26, 9))
    ]


def test_image_interpolation() -> None:
    c = compose(SAMPLE)
    result = c.services["web"].interpolate("image")
    assert result is not None and result.value == "nginx:1.27" and result.is_known
    result = compose(SAMPLE, env={"TAG": "1.28"}).services["web"].interpolate("image")
    assert result is not None and result.value == "nginx:1.28"


def test_ports() -> None:
    ports = compose(SAMPLE).services["web"].ports
    assert [(p.host_ip, p.published, p.target, p.protocol, p.long_syntax) for p in ports] == [
        ("127.0.0.1", "8080", "80", "tcp", False),
        (None, "22", "22", "tcp", False),
        (None, "8443", "443", "udp", True),
    ]
    assert span(ports[1].range) == (12, 8, 12, 13)
    assert ports[1].node.yaml11 == 1342  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80", (None, None, "80", "tcp")),
        ("8000-8010:80-90/udp", (None, "8000-8010", "80-90", "udp")),
        ("[::1]:8080:80", ("::1", "8080", "80", "tcp")),
        ("::1:8080:80", ("::1", "8080", "80", "tcp")),
        ("0.0.0.0::80", ("0.0.0.0", None, "80", "tcp")),
        ("${HOST}:${PORT}:80", ("${HOST}", "${PORT}", "80", "tcp")),
    ],
)
def test_short_port_syntax(text: str, expected: tuple[object, ...]) -> None:
    c = compose(f"services:\n  a:\n    ports: ['{text}']\n")
    port = c.services["a"].ports[0]
    assert (port.host_ip, port.published, port.target, port.protocol) == expected
    assert parse_port(port.node).target == expected[2]


def test_port_range_numbers() -> None:
    port = compose("services:\n  a:\n    ports: ['8000-8010:80-90']\n").services["a"].ports[0]
    assert port.published_range == (8000, 8010)
    assert port.target_range == (80, 90)


def test_volumes() -> None:
    vols = compose(SAMPLE).services["web"].volumes
    assert [(v.type, v.source, v.target, v.mode, v.read_only) for v in vols] == [
        ("bind", "./html", "/usr/share/nginx/html", "ro", True),
        ("volume", "data", "/data", None, False),
        ("volume", None, "/cache", None, False),
    ]
    long_form = (
        compose(
            "services:\n  a:\n    volumes:\n      - type: bind\n        source: .\n"
            "        target: /x\n"
            "        read_only: true\n"
        )
        .services["a"]
        .volumes[0]
    )
    assert (long_form.type, long_form.source, long_form.read_only, long_form.long_syntax) == (
        "bind",
        ".",
        True,
        True,
    )


def test_windows_volume() -> None:
    c = compose("services:\n  a:\n    volumes: ['C:\\data:/data:rw']\n")
    volume = parse_volume(c.services["a"].get("volumes").items[0])  # type: ignore[union-attr]
    assert (volume.type, volume.source, volume.target, volume.mode) == (
        "bind",
        "C:\\data",
        "/data",
        "rw",
    )


def test_depends_on_forms() -> None:
    c = compose(SAMPLE)
    web = c.services["web"].depends_on
    assert [(d.service, d.condition) for d in web] == [("db", "service_healthy")]
    assert span(web[0].node.range) == (21, 6, 21, 8)
    db = c.services["db"].depends_on
    assert [(d.service, d.condition, d.required) for d in db] == [
        ("cache", "service_started", True)
    ]


def test_build_forms() -> None:
    c = compose(
        "services:\n  a:\n    build: ./app\n  b:\n    build:\n      context: ctx\n"
        "      dockerfile: Dockerfile.dev\n      target: dev\n      args:\n        X: '1'\n"
    )
    a = c.services["a"].build
    assert a is not None and a.context == "./app" and a.dockerfile is None
    b = c.services["b"].build
    assert b is not None
    assert (b.context, b.dockerfile, b.target) == ("ctx", "Dockerfile.dev", "dev")
    assert [(kv.name, kv.value) for kv in b.args] == [("X", "1")]


def test_other_accessors() -> None:
    c = compose(
        "services:\n  a:\n    image: x\n    read_only: true\n    privileged: false\n"
        "    cap_add: [NET_ADMIN]\n    cap_drop:\n      - ALL\n    profiles: [debug]\n"
        "    networks: [front, back]\n    env_file:\n      - .env\n      - path: x.env\n"
        "        required: false\n    labels:\n      a.b: c\n    deploy:\n      replicas: 2\n"
        "    user: '1000'\n    network_mode: host\n  b:\n"
    )
    a = c.services["a"]
    assert a.read_only is True and a.privileged is False
    assert [t for t, _ in a.cap_add] == ["NET_ADMIN"]
    assert [t for t, _ in a.cap_drop] == ["ALL"]
    assert a.profiles == ["debug"]
    assert list(a.networks) == ["front", "back"]
    assert [(f.path, f.required) for f in a.env_file] == [(".env", True), ("x.env", False)]
    assert [(kv.name, kv.value) for kv in a.labels] == [("a.b", "c")]
    assert a.replicas == "2" and a.user == "1000" and a.network_mode == "host"
    b = c.services["b"]
    assert isinstance(b.node, YamlMap) and b.image is None and b.ports == []


def test_empty_file_is_not_an_error() -> None:
    for text in ("", "# nothing\n", "---\n", "~\n"):
        c = compose(text)
        assert c.is_empty and c.services == {}


def test_top_level_list_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="must be a mapping") as info:
        compose("- a\n- b\n")
    assert (info.value.line, info.value.column) == (0, 0)


def test_legacy_format() -> None:
    c = compose("web:\n  image: nginx\n  links: [db]\ndb:\n  image: postgres\n")
    assert c.is_legacy
    assert list(c.services) == ["web", "db"]
    assert not compose("services: {}\n").is_legacy
    assert not compose("x-a: 1\nfoo:\n  bar: 1\n").is_legacy


def test_duplicate_service_keys() -> None:
    c = compose("services:\n  a:\n    image: x\n  a:\n    image: y\n")
    assert [(d.key, span(d.first), span(d.duplicate)) for d in c.duplicates] == [
        ("a", (1, 2, 1, 3), (3, 2, 3, 3))
    ]


def test_real_world_shapes() -> None:
    text = (
        "services:\n"
        "  app:\n"
        "    image: ${REGISTRY:-docker.io}/app:${VERSION:?set VERSION}\n"
        "    healthcheck:\n"
        '      test: ["CMD", "curl", "-f", "http://localhost"]\n'
        "      interval: 30s\n"
    )
    c = compose(text)
    result = c.services["app"].interpolate("image")
    assert result is not None
    assert result.unresolved == ("VERSION",)
    assert result.problems and "VERSION" in result.problems[0]
    hc = c.services["app"].healthcheck
    assert hc is not None and hc.keys() == ["test", "interval"]


def test_environment_for_reads_sibling_dotenv(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from lintkit.compose.interpolation import environment_for

    (tmp_path / ".env").write_text("TAG=1.2\nOTHER=x\n", encoding="utf-8")
    env = environment_for(tmp_path / "compose.yaml", {"OTHER": "y"})
    assert env == {"TAG": "1.2", "OTHER": "y"}
    c = compose("services:\n  a:\n    image: app:${TAG}\n", env)
    result = c.services["a"].interpolate("image")
    assert result is not None and result.value == "app:1.2" and result.is_known


_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 70000),
        st.sampled_from(
            ["80", "22:22", "a:b:c", "./x:/y:ro", "[::1]:1:2", "${X:-1}", "A=1", "", "-"]
        ),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(
                [
                    "image",
                    "ports",
                    "volumes",
                    "environment",
                    "depends_on",
                    "build",
                    "networks",
                    "env_file",
                    "labels",
                    "deploy",
                    "target",
                    "published",
                    "type",
                    "source",
                    "condition",
                    "path",
                    "context",
                    "args",
                ]
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["a", "b"]), _VALUES, max_size=2))
def test_accessors_never_raise_on_odd_shapes(services: dict[str, object]) -> None:
    text = yaml.safe_dump({"services": services})
    c = compose(text)
    for service in c.services.values():
        for name in dir(service):
            if not name.startswith("_") and name not in ("compose", "node", "name_node"):
                value = getattr(service, name)
                if callable(value) and name in (
                    "get",
                    "entry",
                    "text",
                    "flag",
                    "strings",
                    "range_of",
                    "key_range",
                    "interpolate",
                ):
                    value("image")


def test_dump_is_json_serialisable() -> None:
    import json

    from lintkit.compose.dump import compose_to_json

    data = compose_to_json(compose(SAMPLE))
    text = json.dumps(data)
    assert data["services"]["web"]["name_range"] == {
        "start": {"line": 7, "character": 2},
        "end": {"line": 7, "character": 5},
    }
    assert '"merged": true' in text


@pytest.mark.parametrize(
    ("text", "source", "target", "mode"),
    [
        ("v:/data", "v", "/data", None),
        ("${SRC:-/srv}:/data:ro", "${SRC:-/srv}", "/data", "ro"),
        ("'C:\\data:C:\\app'", "C:\\data", "C:\\app", None),
        ("'C:\\data:C:\\app:ro'", "C:\\data", "C:\\app", "ro"),
    ],
)
def test_short_volume_edge_cases(text, source, target, mode):
    document = load_yaml(SourceText.from_text(f"x: {text}\n"))
    volume = parse_volume(document.root.get("x"))
    assert (volume.source, volume.target, volume.mode) == (source, target, mode)


@pytest.mark.parametrize(
    ("text", "host_ip", "published", "target", "protocol"),
    [
        ('"${PORT:-8080}:80"', None, "${PORT:-8080}", "80", "tcp"),
        ('"${IP:-0.0.0.0}:${P:-80}:80/udp"', "${IP:-0.0.0.0}", "${P:-80}", "80", "udp"),
        ('"[::1]:8080:80"', "::1", "8080", "80", "tcp"),
        ('"127.0.0.1:8000-8010:8000-8010"', "127.0.0.1", "8000-8010", "8000-8010", "tcp"),
    ],
)
def test_short_port_edge_cases(text, host_ip, published, target, protocol):
    port = parse_port(load_yaml(SourceText.from_text(f"x: {text}\n")).root.get("x"))
    assert (port.host_ip, port.published, port.target, port.protocol) == (
        host_ip,
        published,
        target,
        protocol,
    )
