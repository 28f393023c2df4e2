"""LK311 tls-verification-disabled: downloads that skip checking the server's certificate."""

from __future__ import annotations

from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.shell import ShellWord, SimpleCommand
from lintkit.dockerfile.syntax import Env, Instruction, Onbuild
from lintkit.rule import FileKind, Rule, RuleContext

from ._run_commands import iter_runs, tool_view

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


class TlsVerificationDisabled(Rule):
    """## What it does
    Flags downloads told not to check the server's TLS certificate:
    `curl -k` / `--insecure`, `wget --no-check-certificate`,
    `pip install --trusted-host`, `npm config set strict-ssl false` (also
    yarn, pnpm), `git config http.sslVerify false` (also `git -c
    http.sslVerify=false`), and ENV settings that do the same for every later
    command: `NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY=1`,
    `PYTHONHTTPSVERIFY=0`.

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
