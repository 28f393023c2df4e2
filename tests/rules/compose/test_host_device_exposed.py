"""LK519 host-device-exposed."""

import pytest

from tests.rules.compose.hardening_support import messages, run, where

RULE = "host-device-exposed"


@pytest.mark.parametrize(
    ("device", "expected"),
    [
        ("/dev/sda:/dev/sda", [(5, 9, 5, 26)]),
        ("/dev/nvme0n1p2", [(5, 9, 5, 23)]),
        ("'/dev/mem:/dev/mem:rwm'", [(5, 9, 5, 32)]),
        ("/dev/disk/by-id/usb-x:/dev/x", [(5, 9, 5, 37)]),
    ],
)
def test_flags(device, expected):
    text = f"services:\n  a:\n    image: x:1\n    devices:\n      - {device}\n"
    assert where(text, RULE) == expected


@pytest.mark.parametrize(
    "device", ["/dev/dri:/dev/dri", "/dev/net/tun", "/dev/fuse", "/dev/ttyUSB0", "${DEVICE}"]
)
def test_leaves_alone(device):
    text = f"services:\n  a:\n    image: x:1\n    devices:\n      - {device}\n"
    assert run(text, RULE) == []


def test_messages(snapshot):
    text = "services:\n  a:\n    image: x:1\n    devices: [/dev/sda1, /dev/kmem]\n"
    snapshot.assert_match(messages(text, RULE), "messages.txt")
