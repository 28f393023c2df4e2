"""Every compose hardening rule (LK500-LK549) on odd shapes: no crash, fixes stay valid YAML."""

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import lint
from tests.rules.compose.hardening_support import fix_all

CODES = [f"LK{code}" for code in range(500, 522)]

_SCALARS = st.sampled_from(
    [None, 0, -1, 1, True, False, "", "host", "root", "0:0", "ALL", "SYS_ADMIN", "none",
     "${X}", "${X:-host}", "$$X", "5432:5432", "/var/run/docker.sock:/s", "/:/h:ro",
     "/tmp:exec", "seccomp:unconfined", "no-new-privileges:false", "a=b", "PASSWORD=x",
     "${A:-/}:${B}", "[::1]:80:80", "/dev/sda", "127.0.0.1::5432"]
)  # fmt: skip
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "target",
                    "published",
                    "host_ip",
                    "source",
                    "type",
                    "driver",
                    "limits",
                    "resources",
                    "pids",
                    "memory",
                    "HTTP_PROXY",
                    "DB_PASSWORD",
                    "propagation",
                    "bind",
                ]
            ),
            inner,
            max_size=3,
        )
    ),
    max_leaves=6,
)
_KEYS = st.sampled_from(
    ["image", "read_only", "tmpfs", "pids_limit", "security_opt", "cap_drop", "cap_add",
     "privileged", "volumes", "network_mode", "pid", "ipc", "uts", "userns_mode", "environment",
     "ports", "deploy", "mem_limit", "oom_kill_disable", "user", "logging", "devices", "extends"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, max_size=6), st.booleans())
def test_no_crash_and_fixes_stay_valid(service, flow):
    text = yaml.safe_dump(
        {"services": {"web": service or None}}, default_flow_style=flow, sort_keys=False
    )
    found = lint(text, "compose", CODES, path="compose.yaml")
    assert not [d for d in found if d.code in ("LK001", "LK002")], (text, found)
    result = fix_all(text, CODES)
    assert result.error is None, (text, result.error)
    yaml.safe_load(result.text)
    assert fix_all(result.text, CODES).changed is False, (text, result.text)
