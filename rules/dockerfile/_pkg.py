"""Facts about language and distribution package tools shared by LK125-LK144; not a rule module."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import SimpleCommand

from ._run_commands import (
    Invocation,
    RunInfo,
    final_image_stages,
    find_invocations,
    iter_runs,
    runs_script,
)

PIP_TAKES_VALUE = frozenset(
    {"-r", "-c", "-e", "-i", "-f", "-t", "-b", "-C", "--requirement", "--constraint"}
    | {"--editable", "--index-url", "--extra-index-url", "--find-links", "--target"}
    | {"--prefix", "--root", "--src", "--upgrade-strategy", "--platform", "--python-version"}
    | {"--implementation", "--abi", "--no-binary", "--only-binary", "--progress-bar"}
    | {"--trusted-host", "--config-settings", "--global-option", "--log", "--proxy"}
    | {"--retries", "--timeout", "--exists-action", "--cert", "--client-cert", "--cache-dir"}
    | {"--report", "--root-user-action", "--use-feature", "--use-deprecated", "--python"}
    | {"--keyring-provider", "--build", "--group"}
)
NPM_TAKES_VALUE = frozenset(
    {"--prefix", "--registry", "--cache", "--tag", "-w", "--workspace", "--omit", "--include"}
    | {"--loglevel", "--install-strategy", "--userconfig", "--location", "--only"}
)
APK_TAKES_VALUE = frozenset(
    {"-X", "--repository", "-t", "--virtual", "-p", "--root", "--arch", "--keys-dir"}
    | {"--repositories-file", "--cache-dir", "--cache-max-age"}
)
RPM_TAKES_VALUE = frozenset(
    {"-c", "--config", "-d", "--debuglevel", "-e", "--errorlevel", "-x", "--exclude"}
    | {"--enablerepo", "--disablerepo", "--installroot", "--releasever", "--setopt", "-R"}
    | {"--color", "--repo", "--repoid", "--downloaddir", "--destdir", "--rpmverbosity"}
    | {"--forcearch", "--nodocs-lang", "--disableplugin", "--enableplugin", "--best-effort"}
)
ZYPPER_TAKES_VALUE = frozenset(
    {"-t", "--type", "-r", "--repo", "--from", "-R", "--root", "-c", "--config"}
    | {"-D", "--reposd-dir", "-C", "--cache-dir", "--installroot"}
)
GEM_TAKES_VALUE = frozenset(
    {"-v", "--version", "-i", "--install-dir", "-n", "--bindir", "-s", "--source", "-P"}
    | {"--trust-policy", "--platform", "-g", "--file", "--build-root"}
)


def is_archive_or_path(operand: str, suffixes: tuple[str, ...]) -> bool:
    """Whether an operand is a file, a path or a URL rather than a registry name."""
    return "/" in operand or operand.startswith(".") or operand.endswith(suffixes)


_VCS_URL = re.compile(r"(?:(?:git|hg|svn|bzr)\+[a-z][a-z0-9+.-]*|git)://", re.IGNORECASE)


def vcs_reference(operand: str) -> tuple[bool, str]:
    """Whether ``operand`` is a version-control URL, and the part after its host.

    ``git+https://host/org/repo.git@v1#egg=x`` gives ``(True, "org/repo.git@v1#egg=x")``;
    user names before the host (``git+ssh://git@host/...``) are dropped, so an ``@``
    left in the path marks a revision.
    """
    match = _VCS_URL.match(operand)
    if match is None:
        return False, ""
    rest = operand[match.end() :]
    _, _, path = rest.partition("/")
    if ":" in rest.split("/", 1)[0]:
        # scp-like `git@github.com:org/repo.git`: the path starts after the colon.
        path = rest.split(":", 1)[1]
    return True, path


def has_glob(operand: str) -> bool:
    """Whether an operand is a shell or package-manager pattern (``php-*``)."""
    return any(char in operand for char in "*?[")


def cache_problems(
    dockerfile: Dockerfile,
    names: tuple[str, ...],
    subcommands: tuple[str, ...],
    takes_value: frozenset[str],
    kept: Callable[[RunInfo, Invocation], bool],
) -> Iterator[tuple[RunInfo, Invocation]]:
    """Calls of a tool in stages that end up in the image, for which ``kept(run, call)`` holds."""
    shipped = final_image_stages(dockerfile)
    for run in iter_runs(dockerfile):
        if run.stage.index not in shipped and not run.onbuild:
            continue
        for call in find_invocations(run, names, subcommands, takes_value):
            if kept(run, call):
                yield run, call


def later_command(run: RunInfo, call: Invocation, test: Callable[[SimpleCommand], bool]) -> bool:
    """Whether a command after ``call`` in the same RUN satisfies ``test``."""
    return any(test(other) or runs_script(other) for other in run.commands_after(call.command))


def runs_subcommand(command: SimpleCommand, names: tuple[str, ...], *words: str) -> bool:
    """Whether ``command`` is ``<name> <words...>`` (``yum clean all``), options ignored."""
    if command.name not in names:
        return False
    positional = [word.value for word in command.positional()]
    return positional[: len(words)] == list(words)
