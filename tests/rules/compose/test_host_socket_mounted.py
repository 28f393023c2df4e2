"""LK505 host-socket-mounted."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "host-socket-mounted"


def service(volumes: str, image: str = "traefik:v3.1") -> str:
    return f"services:\n  proxy:\n    image: {image}\n    volumes:\n{volumes}"


@pytest.mark.parametrize(
    ("volumes", "expected"),
    [
        ("      - /var/run/docker.sock:/var/run/docker.sock:ro\n", [(5, 9, 5, 53)]),
        ('      - "/run/docker.sock:/var/run/docker.sock"\n', [(5, 9, 5, 48)]),
        ("      - //var/run//docker.sock:/sock\n", [(5, 9, 5, 37)]),
        ("      - /run/containerd/containerd.sock:/c.sock\n", [(5, 9, 5, 48)]),
        ("      - /run/user/1000/podman/podman.sock:/p.sock\n", [(5, 9, 5, 50)]),
        ("      - /var/run/crio/crio.sock:/crio.sock\n", [(5, 9, 5, 43)]),
        ("      - ${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock\n", [(5, 9, 5, 66)]),
        (
            "      - type: bind\n        source: /var/run/docker.sock\n        target: /s\n",
            [(6, 17, 6, 37)],
        ),
        ("      - //./pipe/docker_engine://./pipe/docker_engine\n", [(5, 9, 5, 54)]),
    ],
)
def test_flags(volumes, expected):
    assert where(service(volumes), RULE) == expected


@pytest.mark.parametrize(
    ("volumes", "image"),
    [
        ("      - ${DOCKER_SOCK}:/var/run/docker.sock\n", "traefik:v3.1"),
        ("      - ./docker.sock.d:/config\n", "traefik:v3.1"),
        ("      - docker.sock:/data\n", "traefik:v3.1"),  # a named volume
        ("      - /var/run:/var/run\n", "traefik:v3.1"),  # sensitive-host-path-mounted
        (
            "      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
            "tecnativa/docker-socket-proxy:0.2",
        ),
        ("      - /srv/app:/app\n", "traefik:v3.1"),
    ],
)
def test_leaves_alone(volumes, image):
    assert run(service(volumes, image), RULE) == []


def test_messages(snapshot):
    text = service(
        "      - /var/run/docker.sock:/var/run/docker.sock:ro\n"
        "      - /run/containerd/containerd.sock:/c.sock\n"
        "      - /run/systemd/private:/run/systemd/private\n"
    )
    snapshot.assert_match(messages(text, RULE), "messages.txt")
