"""LK506 sensitive-host-path-mounted."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "sensitive-host-path-mounted"


def service(volumes: str) -> str:
    return f"services:\n  agent:\n    image: a:1\n    volumes:\n{volumes}"


@pytest.mark.parametrize(
    ("volumes", "expected"),
    [
        ("      - /:/host:ro\n", [(5, 9, 5, 19)]),
        ("      - /etc/:/host/etc\n", [(5, 9, 5, 24)]),
        ('      - "/proc:/host/proc:ro"\n', [(5, 9, 5, 30)]),
        ("      - /var/run:/var/run\n", [(5, 9, 5, 26)]),
        ("      - /root/.ssh:/root/.ssh:ro\n", [(5, 9, 5, 33)]),
        ("      - ${ROOT:-/}:/rootfs\n", [(5, 9, 5, 27)]),
        (
            "      - type: bind\n        source: /sys\n        target: /sys\n"
            "        read_only: true\n",
            [(6, 17, 6, 21)],
        ),
    ],
)
def test_flags(volumes, expected):
    assert where(service(volumes), RULE) == expected


@pytest.mark.parametrize(
    "volumes",
    [
        "      - /etc/localtime:/etc/localtime:ro\n",
        "      - /etc/timezone:/etc/timezone:ro\n",
        "      - /dev/dri:/dev/dri\n",
        "      - /sys/fs/cgroup:/sys/fs/cgroup:ro\n",
        "      - ./etc:/etc\n",
        "      - etc:/etc\n",
        "      - ${HOST_ROOT}:/rootfs\n",
        "      - type: volume\n        source: root\n        target: /\n",
        "      - /var/run/docker.sock:/var/run/docker.sock\n",
    ],
)
def test_leaves_alone(volumes):
    assert run(service(volumes), RULE) == []


def test_messages(snapshot):
    text = service("      - /:/host:ro\n      - /lib/modules:/lib/modules\n")
    snapshot.assert_match(messages(text, RULE), "messages.txt")
