"""A fixed set of findings for the output format tests, independent of the real rules."""

from __future__ import annotations

from pathlib import Path

from lintkit.diagnostics import Diagnostic, Edit, Fix, Severity
from lintkit.engine import FileReport
from lintkit.rule import FileKind, FixAvailability, Rule
from lintkit.source import SourceText

DOCKERFILE = 'FROM python\nLABEL maintainer="José" note="été"\nRUN  apt-get install curl\n'
COMPOSE = "services:\n  web:\n    image: nginx\n    privileged: true\n"


class FakeImageRule(Rule):
    """## What it does
    Test rule.

    ## Why is this bad?
    Test.

    ## Example
    `FROM python`
    """

    code = "LK900"
    name = "fake-image-rule"
    summary = "A test rule about images"
    severity = Severity.WARNING
    kinds = frozenset({FileKind.DOCKERFILE, FileKind.COMPOSE})
    fix = FixAvailability.SAFE


class FakeShellRule(Rule):
    """## What it does
    Test rule.

    ## Why is this bad?
    Test.

    ## Example
    `RUN  apt-get`
    """

    code = "LK901"
    name = "fake-shell-rule"
    summary = "A test rule about shell commands"
    severity = Severity.ERROR
    kinds = frozenset({FileKind.DOCKERFILE})
    fix = FixAvailability.UNSAFE


class FakeStyleRule(Rule):
    """## What it does
    Test rule.

    ## Why is this bad?
    Test.

    ## Example
    `LABEL a=b`
    """

    code = "LK902"
    name = "fake-style-rule"
    summary = "A test rule about style"
    severity = Severity.STYLE
    kinds = frozenset({FileKind.DOCKERFILE, FileKind.COMPOSE})


def _diagnostic(
    source: SourceText,
    rule: type[Rule],
    start: int,
    end: int,
    message: str,
    *,
    severity: Severity | None = None,
    fix: Fix | None = None,
    unfixable_reason: str | None = None,
) -> Diagnostic:
    return Diagnostic(
        path=source.path,
        range=source.range(start, end),
        code=rule.code,
        name=rule.name,
        severity=severity or rule.severity,
        message=message,
        fix=fix,
        unfixable_reason=unfixable_reason,
        doc_url=rule.doc_url(),
    )


def build_reports(root: Path, dockerfile: str = DOCKERFILE) -> list[FileReport]:
    """Reports for three files: one with findings of every kind, a compose file, a clean one,
    and one that could not be checked."""
    docker = SourceText.from_text(dockerfile, root / "app" / "Dockerfile")
    text = docker.text
    image = text.index("python")
    label = text.index("note=")
    run = text.index("apt-get")
    docker_diagnostics = [
        _diagnostic(
            docker,
            FakeImageRule,
            image,
            image + len("python"),
            "Image 'python' has no tag; pin a version",
            fix=Fix.safe("Pin 'python:3.12'", Edit(image + 6, image + 6, ":3.12")),
        ),
        _diagnostic(
            docker,
            FakeStyleRule,
            label,
            label + len('note="été"'),
            'Label "note" & <others> are not namespaced',
            unfixable_reason="the label is used elsewhere",
        ),
        _diagnostic(
            docker,
            FakeShellRule,
            run,
            len(text) - 1,
            "apt-get install without -y waits for an answer",
            fix=Fix.unsafe("Add '-y'", Edit(run + 15, run + 15, " -y")),
        ),
    ]
    compose = SourceText.from_text(COMPOSE, root / "compose.yaml")
    nginx = compose.text.index("nginx")
    compose_diagnostics = [
        _diagnostic(
            compose,
            FakeImageRule,
            nginx,
            nginx + 5,
            "Service 'web': image 'nginx' has no tag",
            severity=Severity.INFO,
        )
    ]
    clean = SourceText.from_text("FROM alpine:3.20\n", root / "clean" / "Dockerfile")
    for source in (docker, compose, clean):
        source.path.parent.mkdir(parents=True, exist_ok=True)
        source.path.write_text(source.text, encoding="utf-8")
    return [
        FileReport(docker.path, FileKind.DOCKERFILE, docker_diagnostics, docker),
        FileReport(compose.path, FileKind.COMPOSE, compose_diagnostics, compose),
        FileReport(clean.path, FileKind.DOCKERFILE, [], clean),
        FileReport(
            root / "huge" / "Dockerfile",
            FileKind.DOCKERFILE,
            error="skipped: 20000000 bytes is over the 10485760 byte limit (setting max-file-size)",
        ),
    ]
