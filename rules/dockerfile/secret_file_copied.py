"""LK309 secret-file-copied: COPY/ADD of private keys, ``.env`` files and credential files."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintkit.diagnostics import Problem, Severity
from lintkit.dockerfile.model import Dockerfile
from lintkit.dockerfile.syntax import CopyLike, Instruction, Onbuild
from lintkit.rule import FileKind, Rule, RuleContext

from ._run_commands import final_image_stages

#: File names (lower case) that hold a private key or credentials.
_SECRET_NAMES = frozenset(
    ("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk",
     ".netrc", "_netrc", ".pypirc", ".git-credentials", ".pgpass", ".htpasswd",
     "credentials.json", "service-account.json", "service_account.json")
)  # fmt: skip
#: Folders whose content is credentials.
_SECRET_FOLDERS = frozenset((".ssh", ".aws", ".gnupg", ".kube", ".azure", ".gcloud"))
_ENV_FILE = re.compile(r"\.env(\.[\w.-]+)?$")
_ENV_TEMPLATES = frozenset(
    ("example", "sample", "template", "dist", "defaults", "default", "test", "ci", "docker")
)
_KEY_FILE = re.compile(r".*\.key$|(^|.*[._-])(private|priv|privkey|key)([._-].*)?\.pem$")
#: Name endings and words that mark a public key or keyring (a package repository's key).
_PUBLIC_KEY_ENDINGS = (".gpg.key", ".pub.key", ".asc", ".pub", ".gpg")
_PUBLIC_KEY_WORDS = ("pubkey", "public", "keyring")
#: Folders apt reads repository signing keys from; only public keys belong there.
_APT_KEY_FOLDERS = ("/usr/share/keyrings", "/etc/apt/keyrings", "/etc/apt/trusted.gpg.d")
#: Lines of an .npmrc that carry a literal credential (not ``${NPM_TOKEN}``).
_NPMRC_CREDENTIAL = re.compile(r"^\s*[^#;\s]*(_authToken|_auth|_password)\s*=\s*(?!\$\{)\S", re.M)


def secret_file_kind(path: str) -> str | None:
    """What kind of secret a source path names, or ``None``."""
    cleaned = path.rstrip("/")
    parts = [part for part in cleaned.replace("\\", "/").split("/") if part not in ("", ".")]
    if not parts:
        return None
    name = parts[-1].lower()
    if any(part.lower() in _SECRET_FOLDERS for part in parts):
        folder = next(part for part in parts if part.lower() in _SECRET_FOLDERS)
        if not name.endswith((".pub", "known_hosts", "config")) or name == folder.lower():
            return f"the {folder} folder (keys and credentials)"
        return None
    if name in _SECRET_NAMES:
        return "a credentials file" if not name.startswith("id_") else "an SSH private key"
    match = _ENV_FILE.fullmatch(name)
    if match:
        suffix = (match.group(1) or "").lstrip(".").lower()
        if suffix and any(word in _ENV_TEMPLATES for word in suffix.split(".")):
            return None
        return "an environment file, which usually holds passwords and tokens"
    if _KEY_FILE.fullmatch(name) and not _names_public_key(name):
        return "a private key"
    return None


def _names_public_key(name: str) -> bool:
    """Whether a lower-case file name says it is a public key (``yarn-pubkey.gpg.key``)."""
    return name.endswith(_PUBLIC_KEY_ENDINGS) or any(word in name for word in _PUBLIC_KEY_WORDS)


def _into_apt_key_folder(instruction: CopyLike) -> bool:
    """Whether the copy goes into a folder apt reads repository keys from."""
    if instruction.destination is None:
        return False
    target = instruction.destination.value.rstrip("/")
    return any(target == folder or target.startswith(folder + "/") for folder in _APT_KEY_FOLDERS)


def image_copies(dockerfile: Dockerfile) -> Iterator[CopyLike]:
    """COPY/ADD from the build context in the stages whose layers end up in the image.

    Stages that only build something for a later ``COPY --from`` are left out: their
    layers are not shipped (they stay in the builder's cache).
    """
    shipped = final_image_stages(dockerfile)
    for stage in dockerfile.stages:
        if stage.index not in shipped:
            continue
        for outer in stage.instructions:
            instruction: Instruction | None = outer
            if isinstance(outer, Onbuild):
                instruction = outer.trigger
            if isinstance(instruction, CopyLike) and instruction.flag("from") is None:
                yield instruction


class SecretFileCopied(Rule):
    """## What it does
    Flags `COPY` and `ADD` sources that name a file holding secrets: SSH
    private keys (`id_rsa`, `id_ed25519`, …), `*.key` and key-named `*.pem`
    files (`key.pem`, `server-key.pem`, `private.pem`), `.env` files (but not
    `.env.example`, `.env.sample`, `.env.template`, `.env.dist`), `.netrc`,
    `.pypirc`, `.git-credentials`, `.pgpass`, credential JSON files, and the
    `.ssh`, `.aws`, `.gnupg`, `.kube` folders (public keys, `known_hosts` and
    `config` inside them are left alone). Key files whose name says they are
    public (`*.gpg.key`, `*.pub.key`, names with `pubkey`, `public` or
    `keyring`) are left alone, and so is any copy into a folder apt reads
    repository signing keys from (`/usr/share/keyrings/`, `/etc/apt/keyrings/`,
    `/etc/apt/trusted.gpg.d/`). An `.npmrc` is flagged only when the
    file next to the Dockerfile holds a literal token (`_authToken=…` without
    `${…}`). Only source names are read; `COPY --from=…` is left alone, and so are
    stages that do not end up in the image (a builder stage whose output a later
    stage copies).

    ## Why is this bad?
    Everything COPY or ADD puts in a layer stays in the image, even when a
    later RUN deletes it: anyone who pulls the image can extract the layer and
    read the key or password.

    ## Example
    ```dockerfile
    COPY id_rsa /root/.ssh/id_rsa
    RUN git clone git@github.com:example/private.git && rm /root/.ssh/id_rsa
    ```

    ## Use instead
    Mount the secret for the one RUN that needs it:
    ```dockerfile
    # syntax=docker/dockerfile:1
    RUN --mount=type=ssh git clone git@github.com:example/private.git
    ```
    (`docker build --ssh default .`), or `RUN --mount=type=secret,id=…` for files.

    ## References
    - [Docker: build secrets](https://docs.docker.com/build/building/secrets/)
    - [Dockerfile reference: RUN --mount=type=ssh](https://docs.docker.com/reference/dockerfile/#run---mounttypessh)
    """

    code = "LK309"
    name = "secret-file-copied"
    summary = "COPY/ADD puts a private key, `.env` or credentials file into the image"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE})

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Flag each source naming a secret file."""
        for instruction in image_copies(dockerfile):
            if _into_apt_key_folder(instruction):
                continue
            for source in instruction.sources:
                value = source.value
                if "$" in source.raw or "://" in value:
                    continue
                kind = secret_file_kind(value)
                if kind is None and value.rstrip("/").rsplit("/", 1)[-1] == ".npmrc":
                    text = context.read_sibling(value)
                    if text is not None and _NPMRC_CREDENTIAL.search(text):
                        kind = "an .npmrc holding a registry token"
                if kind is None:
                    continue
                yield Problem(
                    source.range,
                    f"{instruction.keyword} puts {value} into the image: it is {kind}, and "
                    "anyone with the image can read it, even if a later step deletes it; "
                    "mount it for the RUN that needs it (RUN --mount=type=secret or type=ssh)",
                )
