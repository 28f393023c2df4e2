"""LK311 tls-verification-disabled: downloads that skip checking the server's certificate."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import ShellWord, SimpleCommand
from lintkit.dockerfile.syntax import Env, Instruction, Onbuild
from lintkit.rule import FileKind, Rule, RuleContext

from ._run_commands import RunInfo, iter_runs, tool_view

#: curl's short options that take a value (so ``-o k`` is not read as ``-k``).
_CURL_VALUED = frozenset(
    ("-A", "-b", "-c", "-C", "-d", "-D", "-e", "-E", "-F", "-h", "-H", "-K", "-m", "-o",
     "-P", "-Q", "-r", "-T", "-u", "-U", "-w", "-x", "-X", "-y", "-Y", "-z")
)  # fmt: skip
_FALSE = frozenset({"false", "0", "no", "off"})
#: ENV settings that turn certificate checks off for every later command.
_ENV_SWITCHES = {
    "NODE_TLS_REJECT_UNAUTHORIZED": frozenset({"0"}),
    "GIT_SSL_NO_VERIFY": frozenset({"1", "true", "yes"}),
    "PYTHONHTTPSVERIFY": frozenset({"0"}),
    "CURL_INSECURE": frozenset({"1", "true"}),
}
_TRUSTED_HOST_TOOLS = ("pip",)
#: Commands that check a file against a known digest or signature.
_CHECKSUM_TOOLS = frozenset(
    {"sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "shasum", "b2sum", "md5sum"}
)
_WGET_VALUED = frozenset({"-O", "--output-document", "-o", "--output-file", "-P", "-e", "-t"})


def _finding(command: SimpleCommand) -> tuple[ShellWord, str] | None:
    """The word that disables the check and a description, or ``None``."""
    name = command.name
    if name == "curl":
        word = command.option_word("-k", "--insecure", takes_value=_CURL_VALUED)
        if word is not None:
            return word, "curl -k/--insecure accepts any certificate"
        return None
    if name == "wget":
        word = command.option_word("--no-check-certificate")
        if word is not None:
            return word, "wget --no-check-certificate accepts any certificate"
        return None
    if tool_view(command, _TRUSTED_HOST_TOOLS) is not None:
        for word in command.args:
            if word.value.startswith("--trusted-host"):
                return word, "pip --trusted-host turns off certificate checks for that host"
        return None
    if name in ("npm", "yarn", "pnpm"):
        values = [word.value for word in command.args]
        if "strict-ssl" in values or any(v.startswith("strict-ssl=") for v in values):
            setting = next(w for w in command.args if w.value.startswith("strict-ssl"))
            rest = values[values.index(setting.value) :]
            value = rest[0].partition("=")[2] or (rest[1] if len(rest) > 1 else "")
            if value.lower() in _FALSE and values[:1] in (["config"], ["set"]):
                return setting, f"{name} strict-ssl false accepts any certificate"
        return None
    if name == "git":
        args = command.args
        for index, word in enumerate(args):
            value = word.value
            lowered = value.lower()
            if ".sslverify=" in lowered and lowered.partition("=")[2] in _FALSE:
                return word, "git http.sslVerify=false accepts any certificate"
            if lowered == "http.sslverify" or (
                lowered.startswith("http.") and lowered.endswith(".sslverify")
            ):
                following = args[index + 1].value.lower() if index + 1 < len(args) else ""
                if following in _FALSE:
                    return word, "git http.sslVerify false accepts any certificate"
    return None


def _downloaded_files(command: SimpleCommand) -> list[str]:
    """The names of the files a curl or wget call writes (none when it writes to stdout)."""
    if command.name == "curl":
        output = command.option_value("-o", "--output", takes_value=_CURL_VALUED)
        remote_name = command.has_option("-O", "--remote-name", takes_value=_CURL_VALUED)
        urls = [w.value for w in command.positional(_CURL_VALUED)]
    else:
        output = command.option_value("-O", "--output-document", takes_value=_WGET_VALUED)
        remote_name = output is None
        urls = [w.value for w in command.positional(_WGET_VALUED)]
    if output is not None:
        names = [] if output == "-" else [posixpath.basename(output)]
    elif remote_name:
        names = [posixpath.basename(url.split("?", 1)[0]) for url in urls]
    else:
        names = []
    return [name for name in names if name]


def _verified_later(run: RunInfo, command: SimpleCommand) -> bool:
    """Whether the same RUN checks the downloaded file's digest or signature afterwards.

    Then a changed download makes the build fail, which is what the certificate check was
    for. A check counts when some later command names the file (``echo "<sha256>  file" |
    sha256sum -c -``) and a ``sha*sum -c`` or ``gpg --verify`` follows.
    """
    if command.name not in ("curl", "wget"):
        return False
    names = _downloaded_files(command)
    if not names:
        return False
    named = False
    for other in run.commands_after(command):
        named = named or any(name in word.value for word in other.args for name in names)
        checks = (other.name in _CHECKSUM_TOOLS and other.has_option("-c", "--check")) or (
            other.name in ("gpg", "gpgv") and (other.name == "gpgv" or other.has_option("--verify"))
        )
        if checks and named:
            return True
    return False


class TlsVerificationDisabled(Rule):
    """## What it does
    Flags downloads told not to check the server's TLS certificate:
    `curl -k` / `--insecure`, `wget --no-check-certificate`,
    `pip install --trusted-host`, `npm config set strict-ssl false` (also
    yarn, pnpm), `git config http.sslVerify false` (also `git -c
    http.sslVerify=false`), and ENV settings that do the same for every later
    command: `NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY=1`,
    `PYTHONHTTPSVERIFY=0`. A curl or wget download whose file the same RUN
    then checks against a known digest (`sha256sum -c`) or signature
    (`gpg --verify`) is left alone: a changed file fails the build anyway.

    ## Why is this bad?
    Without the certificate check, anyone between the build and the server
    (a proxy, a compromised network, DNS spoofing) can hand the build other
    files, and the build installs them. ENV settings stay in the image, so the
    application keeps skipping the check at run time too.

    ## Example
    ```dockerfile
    RUN curl -k -o /tmp/tool.tgz https://example.com/tool.tgz
    ```

    ## Use instead
    Install the CA certificate the server needs, and keep the check:
    ```dockerfile
    COPY corp-ca.crt /usr/local/share/ca-certificates/corp-ca.crt
    RUN update-ca-certificates && curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz
    ```

    ## References
    - [curl: --insecure](https://curl.se/docs/manpage.html#-k)
    - [pip: --trusted-host](https://pip.pypa.io/en/stable/cli/pip/#cmdoption-trusted-host)
    - [git-config: http.sslVerify](https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslVerify)
    """

    code = "LK311"
    name = "tls-verification-disabled"
    summary = "A download skips checking the server's certificate"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each option or setting that turns certificate checks off."""
        for run in iter_runs(dockerfile):
            for command in run.commands:
                found = _finding(command)
                if found is not None:
                    word, what = found
                    if _verified_later(run, command):
                        continue
                    yield Problem(
                        word.range,
                        f"{what}, so anyone on the network path can change what the build "
                        "downloads; install the CA certificate the server needs instead",
                    )
        for outer in dockerfile.instructions:
            instruction: Instruction | None = outer
            if isinstance(outer, Onbuild):
                instruction = outer.trigger
            if not isinstance(instruction, Env):
                continue
            for pair in instruction.pairs:
                values = _ENV_SWITCHES.get(pair.key)
                if values is not None and (pair.value or "").strip().lower() in values:
                    yield Problem(
                        pair.range,
                        f"ENV {pair.key}={pair.value} turns certificate checks off for every "
                        "later command and for the running container; install the CA "
                        "certificate the server needs instead",
                    )
