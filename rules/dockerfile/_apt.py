"""Facts about apt shared by the apt rules (LK120-LK124); not a rule module."""

from __future__ import annotations

from lintkit.dockerfile.shell import SimpleCommand

from ._run_commands import Invocation, RunInfo, mentioned_earlier

#: apt-get/apt options that take a value (``-o Dpkg::Options::=...``, ``-t bookworm``).
APT_TAKES_VALUE = frozenset(
    {
        "-o",
        "-c",
        "-t",
        "-a",
        "--option",
        "--config-file",
        "--target-release",
        "--default-release",
        "--host-architecture",
    }
)
APT_TOOLS = ("apt-get", "apt", "aptitude")
#: apt-get subcommands that may ask for confirmation.
APT_PROMPTING = (
    "install",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "remove",
    "purge",
    "autoremove",
    "build-dep",
    "reinstall",
)


#: Options under which apt-get only simulates: nothing is installed and nothing prompts.
SIMULATE = ("-s", "--simulate", "--dry-run", "--just-print", "--no-act", "--recon")


def simulates(call: Invocation) -> bool:
    """Whether the call only simulates (``apt-get install -s pkg``)."""
    return call.has_option(*SIMULATE)


def apt_config_elsewhere(run: RunInfo, key: str) -> bool:
    """Whether an earlier RUN, heredoc or COPY may configure apt (``key`` or ``apt.conf``).

    Such files (``/etc/apt/apt.conf.d/…``) set options for every later call; lintkit
    cannot read copied files, so any sign of one is taken as configuring ``key``.
    """
    wanted = key.lower()
    return mentioned_earlier(run, f"apt:{wanted}", lambda text: _mentions_apt_config(text, wanted))


def apt_config_before(run: RunInfo, call: Invocation, key: str) -> bool:
    """Whether apt may be configured for ``call``: by an earlier RUN, heredoc or COPY, or
    by a command earlier in the same RUN (``echo 'APT::…' > /etc/apt/apt.conf.d/…``).

    Within the RUN the same sign is looked for as across RUNs (see
    :func:`apt_config_elsewhere`). Other apt calls are passed over: an option given
    to one call (``--no-install-recommends``) does not configure the next.
    """
    if apt_config_elsewhere(run, key):
        return True
    wanted = key.lower()
    for command in run.commands:
        if command is call.command:
            return False
        if command.name in APT_TOOLS:
            continue
        words = [word.raw for word in command.words]
        words.extend(redirect.target.raw for redirect in command.redirects if redirect.target)
        if _mentions_apt_config(" ".join(words), wanted):
            return True
    return False


def _mentions_apt_config(text: str, key: str) -> bool:
    """Whether ``text`` names the lower-case apt option ``key`` or an apt.conf file.

    The option counts as written in configuration (``APT::Install-Recommends``,
    ``APT { Install-Recommends …``), not as part of a command-line flag: an earlier
    ``--no-install-recommends`` or ``--assume-yes`` configures nothing for later calls.
    """
    if "/etc/apt/apt.conf" in text:
        return True
    lowered = text.lower()
    start = lowered.find(key)
    while start != -1:
        before = lowered[start - 1] if start else " "
        if before != "-" and not before.isalnum():
            return True
        start = lowered.find(key, start + 1)
    return False


def option_set(call: Invocation, key: str, values: tuple[str, ...]) -> bool:
    """Whether ``-o <key>=<value>`` sets ``key`` (case-insensitive) to one of ``values``."""
    for option in call.option_values("-o", "--option"):
        name, _, value = option.partition("=")
        if name.strip().lower() == key.lower() and value.strip().strip("\"'").lower() in values:
            return True
    return False


def fed_by_yes(run: RunInfo, command: SimpleCommand) -> bool:
    """Whether ``command`` reads its answers from ``yes |``."""
    previous = None
    for other in run.commands:
        if other is command:
            break
        if not other.in_substitution:
            previous = other
    return command.connector in ("|", "|&") and previous is not None and previous.name == "yes"
