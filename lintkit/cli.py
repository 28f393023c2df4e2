"""The ``lintkit`` command line.

Exit codes: 0 when no finding reaches the failure threshold, 1 when one does
(or, for ``fix``, when there were changes to make and the flags ask for it),
2 when the run itself failed: bad flags, bad configuration, a path that could
not be read.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from lintkit import __version__
from lintkit.diagnostics import Severity
from lintkit.errors import ConfigError
from lintkit.rule import FileKind

LOG = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
OUTPUT_FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "checkstyle")


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, told the terminal width up front.

    argparse makes a formatter for every argument added, and left to itself the formatter
    imports :mod:`shutil` (and with it the compression modules) to ask for the width: a
    few milliseconds of every run, though help is rarely printed.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_width() - 2)


def _terminal_width() -> int:
    """What ``shutil.get_terminal_size`` answers: ``$COLUMNS``, the terminal, or 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = sys.__stdout__
    try:
        return (os.get_terminal_size(stream.fileno()).columns if stream else 0) or 80
    except (AttributeError, ValueError, OSError):
        return 80


class _Parser(argparse.ArgumentParser):
    """argparse that exits with code 2 and a one-line hint, as the rest of the CLI does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"lintkit: error: {message}\n")


def _comma_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _add_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--select",
        type=_comma_list,
        help="rules to enable (codes, names, hadolint aliases; ALL for every rule)",
    )
    parser.add_argument("--extend-select", type=_comma_list, default=[], help="rules to add")
    parser.add_argument("--ignore", type=_comma_list, default=[], help="rules to disable")
    parser.add_argument("--config", type=Path, help="configuration file to use for every file")
    parser.add_argument(
        "--kind", choices=[kind.value for kind in FileKind], help="treat files as this kind"
    )
    parser.add_argument("--stdin-filename", help="the name of the file read from '-'")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    parser.add_argument("-v", "--verbose", action="store_true", help="log the engine's decisions")


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", type=Path, default=[], help="files or folders")
    _add_selection(check)
    check.add_argument("--output-format", choices=OUTPUT_FORMATS, default="text")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument("--statistics", action="store_true", help="count findings per rule")
    check.add_argument("-q", "--quiet", action="store_true", help="findings only, no excerpts")
    check.add_argument("--no-color", action="store_true", help="never colour the output")
    check.add_argument(
        "--failure-threshold",
        choices=[level.label for level in Severity],
        help="lowest severity that makes the exit code 1",
    )
    check.add_argument(
        "--baseline", type=Path, help="report only findings not recorded in this baseline file"
    )
    check.add_argument(
        "--write-baseline", type=Path, metavar="FILE", help="record today's findings and exit 0"
    )


def _fix_arguments(fix: argparse.ArgumentParser) -> None:
    fix.add_argument("paths", nargs="*", type=Path, default=[], help="files or folders")
    _add_selection(fix)
    fix.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    fix.add_argument("--diff", action="store_true", help="print a diff and write nothing")
    fix.add_argument(
        "--exit-non-zero-on-fix", action="store_true", help="exit 1 when any file changed"
    )
    fix.add_argument("-q", "--quiet", action="store_true", help="print only errors")


def _rules_arguments(rules: argparse.ArgumentParser) -> None:
    rules.add_argument("--output-format", choices=("text", "json"), default="text")


def _rule_arguments(rule: argparse.ArgumentParser) -> None:
    rule.add_argument("rule", help="code, name or alias")


def _parse_arguments(parse: argparse.ArgumentParser) -> None:
    parse.add_argument("file", type=Path)
    parse.add_argument("--output-format", choices=("json",), default="json")
    parse.add_argument("--kind", choices=[kind.value for kind in FileKind])


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def _config_arguments(config: argparse.ArgumentParser) -> None:
    config.add_argument(
        "--from-hadolint",
        nargs="?",
        const="",
        metavar="PATH",
        help="print the lintkit.toml equivalent of a .hadolint.yaml (found like hadolint does)",
    )
    config.add_argument("--write", action="store_true", help="write lintkit.toml instead")


#: Each subcommand: its help line and what adds its arguments.
SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "check": ("report problems", _check_arguments),
    "fix": ("apply fixes", _fix_arguments),
    "rules": ("list every rule", _rules_arguments),
    "rule": ("show one rule's documentation", _rule_arguments),
    "parse": ("print a file's syntax tree (for rule authors)", _parse_arguments),
    "server": ("run the language server on stdin/stdout", _no_arguments),
    "config": ("convert configuration from other tools", _config_arguments),
}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; given the arguments, only for the subcommand they name.

    Building a subcommand's parser costs about a millisecond (argparse looks up message
    translations), so a run that names its subcommand first builds only that one; anything
    else (``--help``, a typo) gets them all, for the listing and the error message.
    """
    parser = _Parser(
        prog="lintkit", description="Lint and fix Dockerfiles and Docker Compose files."
    )
    parser.add_argument("--version", action="version", version=f"lintkit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    named = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    for name, (summary, add_arguments) in SUBCOMMANDS.items():
        if named is None or name == named:
            add_arguments(commands.add_parser(name, help=summary))
    return parser


def _use_color(args: argparse.Namespace) -> bool:
    if getattr(args, "no_color", False) or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _resolver(args: argparse.Namespace) -> Any:
    from lintkit.config import ConfigResolver
    from lintkit.registry import default_registry

    overrides: dict[str, Any] = {
        "select": args.select,
        "extend_select": args.extend_select,
        "ignore": args.ignore,
    }
    threshold = getattr(args, "failure_threshold", None)
    if threshold:
        overrides["failure_threshold"] = Severity.parse(threshold)
    return ConfigResolver(default_registry(), explicit=args.config, overrides=overrides)


def _read_reports(args: argparse.Namespace, resolver: Any) -> Any:

    from lintkit.engine import Linter
    from lintkit.runner import RunResult, run

    kind = FileKind(args.kind) if args.kind else None
    paths = args.paths or [Path(".")]
    if [str(path) for path in paths] == ["-"]:
        name = Path(args.stdin_filename or "-")
        linter = Linter(resolver.for_path(name.absolute()))
        report = linter.lint_bytes(name, sys.stdin.buffer.read(), kind)
        return RunResult([report])
    from lintkit.cache import default_cache_dir

    prerender = None
    plain_text = getattr(args, "output_format", None) == "text" and not _use_color(args)
    if plain_text and not (args.baseline or args.write_baseline):
        from lintkit.output import text

        # Each file's findings are rendered by the process that lints it (in parallel), and
        # the cache keeps the text for the next run.
        prerender = text.prerenderer(show_source=not args.quiet)
    cache_dir = None if args.no_cache else default_cache_dir()
    return run(paths, resolver, kind, cache_dir, prerender)


def _print_problems(result: Any) -> None:
    for path, message in result.problems:
        print(f"lintkit: {path}: {message}", file=sys.stderr)


class _WarningSeen(logging.Handler):
    """Notes whether anything was logged at warning level or above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


def cmd_check(args: argparse.Namespace) -> int:
    """``lintkit check``: lint and report."""
    started = time.time()
    warnings = _WarningSeen()
    logging.getLogger().addHandler(warnings)
    try:
        resolver = _resolver(args)
        result = _read_reports(args, resolver)
        _print_problems(result)
        reports = result.reports
        if args.baseline or args.write_baseline:
            from lintkit.baseline import apply_cli

            stop, note = apply_cli(reports, args.baseline, args.write_baseline)
            if note:
                print(f"lintkit: {note}", file=sys.stderr)
            if stop is not None:
                return stop
        output = _render_check(args, reports)
        if output is not None:
            sys.stdout.write(output)
        if args.output_format != "text":
            for report in reports:
                if report.error:
                    print(f"lintkit: {report.path}: not checked: {report.error}", file=sys.stderr)
        if result.incomplete:
            return EXIT_ERROR
        failed = any(
            report.tally().reaches(resolver.for_path(report.path).failure_threshold)
            for report in reports
        )
        code = EXIT_FINDINGS if failed and not args.exit_zero else EXIT_OK
    finally:
        logging.getLogger().removeHandler(warnings)
    if output is not None and not warnings.seen and _may_snapshot(args, result):
        _snapshot(args, result, output, code, started)
    return code


def _render_check(args: argparse.Namespace, reports: Any) -> str | None:
    """The report in the output format asked for (``None``: printed already, in colour)."""
    fmt = args.output_format
    if fmt == "text":
        from lintkit.output import text

        rendered: str | None = text.render(
            reports,
            color=_use_color(args),
            show_source=not args.quiet,
            statistics=args.statistics,
        )
        return rendered
    if fmt == "json":
        from lintkit.output import json_lsp

        return json_lsp.render(reports) + "\n"
    if fmt == "sarif":
        from lintkit.output import sarif
        from lintkit.registry import default_registry

        return sarif.render(reports, default_registry()) + "\n"
    if fmt == "github":
        from lintkit.output import github

        return github.render(reports)
    import importlib

    return importlib.import_module(f"lintkit.output.{fmt}").render(reports)  # type: ignore[no-any-return]


def _may_snapshot(args: argparse.Namespace, result: Any) -> bool:
    """Whether this run can be replayed by :mod:`lintkit.run_snapshot` next time.

    Only a run that came whole from the result cache, printed nothing but its report to a
    pipe or file, and read no file the snapshot cannot watch (standard input, a baseline).
    """
    return (
        result.cached_reads is not None
        and not result.incomplete
        and getattr(args, "argv", None) is not None
        and not (args.no_cache or args.verbose or args.baseline or args.write_baseline)
        and [str(path) for path in args.paths] != ["-"]
        and not sys.stdout.isatty()
    )


def _snapshot(
    args: argparse.Namespace, result: Any, output: str, code: int, started: float
) -> None:
    from lintkit import run_snapshot
    from lintkit.config import CONFIG_FILE_NAMES
    from lintkit.hadolint_config import HADOLINT_FILE_NAMES

    needs = run_snapshot.dependencies(
        files=(os.fspath(report.path) for report in result.reports),
        folders=(os.fspath(folder) for folder in result.folders),
        reads=result.cached_reads,
        arguments=args.argv,
        watched=(*CONFIG_FILE_NAMES, *HADOLINT_FILE_NAMES, ".gitignore"),
        present=(".git",),
    )
    written = run_snapshot.store(args.argv, needs, output, code, started)
    LOG.debug("snapshot of this run %s", "kept" if written else "not kept")


def cmd_rules(args: argparse.Namespace) -> int:
    """``lintkit rules``: list every rule."""
    from lintkit.registry import default_registry

    rows: list[dict[str, Any]] = []
    for rule in default_registry().rules:
        rows.append(
            {
                "code": rule.code,
                "name": rule.name,
                "summary": rule.summary,
                "kinds": sorted(kind.value for kind in rule.kinds),
                "severity": rule.severity.label,
                "fix": rule.fix.value,
                "aliases": list(rule.aliases),
                "enabled_by_default": rule.enabled_by_default,
                "available": _rule_available(rule),
            }
        )
    if args.output_format == "json":
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    for row in rows:
        flags = []
        if not row["enabled_by_default"]:
            flags.append("off by default")
        if not row["available"]:
            flags.append("unavailable: needs an optional extra")
        aliases = f" ({', '.join(row['aliases'])})" if row["aliases"] else ""
        print(
            f"{row['code']}  {row['name']:<34} {row['severity']:<8} "
            f"fix:{row['fix']:<7} {'/'.join(row['kinds']):<18} {row['summary']}{aliases}"
            + (f" [{'; '.join(flags)}]" if flags else "")
        )
    return EXIT_OK


def _rule_available(rule: Any) -> bool:
    check = getattr(rule, "is_available", None)
    return bool(check()) if callable(check) else True


def cmd_rule(args: argparse.Namespace) -> int:
    """``lintkit rule NAME``: print one rule's documentation."""
    from lintkit.registry import UnknownRuleError, default_registry

    try:
        matches = default_registry().resolve(args.rule)
    except UnknownRuleError as exc:
        print(f"lintkit: {exc}", file=sys.stderr)
        return EXIT_ERROR
    for rule in matches:
        aliases = f"Aliases: {', '.join(rule.aliases)}\n" if rule.aliases else ""
        print(
            f"# {rule.name} ({rule.code})\n\n{rule.summary}\n\n"
            f"Severity: {rule.severity.label}. Fix: {rule.fix.value}. "
            f"Applies to: {', '.join(sorted(k.value for k in rule.kinds))}.\n{aliases}\n"
            f"{rule.documentation()}\n"
        )
    return EXIT_OK


def cmd_parse(args: argparse.Namespace) -> int:
    """``lintkit parse FILE``: print the syntax tree as JSON."""
    from lintkit.engine import guess_kind
    from lintkit.errors import ParseError
    from lintkit.source import SourceDecodeError, SourceText

    try:
        source = SourceText.from_bytes(args.file, args.file.read_bytes())
    except OSError as exc:
        print(f"lintkit: {args.file}: cannot read: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    except SourceDecodeError as exc:
        print(
            f"lintkit: {args.file}:{exc.line + 1}:{exc.column + 1}: {exc.message}", file=sys.stderr
        )
        return EXIT_FINDINGS
    kind = FileKind(args.kind) if args.kind else guess_kind(args.file, source.text)
    try:
        if kind is FileKind.COMPOSE:
            from lintkit.compose.dump import compose_to_json
            from lintkit.compose.model import parse_compose

            tree = compose_to_json(parse_compose(source))
        else:
            from lintkit.dockerfile.dump import dockerfile_to_json
            from lintkit.dockerfile.model import parse_dockerfile

            tree = dockerfile_to_json(parse_dockerfile(source))
    except ParseError as exc:
        print(
            f"lintkit: {args.file}:{exc.line + 1}:{exc.column + 1}: {exc.message}", file=sys.stderr
        )
        return EXIT_FINDINGS
    print(json.dumps(tree, indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_fix(args: argparse.Namespace) -> int:
    """``lintkit fix``: apply fixes (see :mod:`lintkit.fix_command`)."""
    from lintkit.fix_command import run_fix

    exit_code: int = run_fix(args, _resolver(args))
    return exit_code


def cmd_server(args: argparse.Namespace) -> int:
    """``lintkit server``: the language server."""
    try:
        from lintkit.server import serve
    except ImportError as exc:
        print(
            f"lintkit: the language server needs pygls ({exc}); "
            "install it with: pip install 'lintkit[server]'",
            file=sys.stderr,
        )
        return EXIT_ERROR
    serve()
    return EXIT_OK


def cmd_config(args: argparse.Namespace) -> int:
    """``lintkit config --from-hadolint``: convert a hadolint configuration."""
    from lintkit.hadolint_config import cmd_config as run

    exit_code: int = run(args)
    return exit_code


COMMANDS = {
    "check": cmd_check,
    "fix": cmd_fix,
    "rules": cmd_rules,
    "rule": cmd_rule,
    "parse": cmd_parse,
    "server": cmd_server,
    "config": cmd_config,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``lintkit`` command."""
    from lintkit.runner import collect_garbage_less_often

    collect_garbage_less_often()
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    # The words as typed name the run in lintkit.run_snapshot.
    args.argv = arguments
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    logging.basicConfig(
        level=logging.DEBUG if getattr(args, "verbose", False) else logging.WARNING,
        format="lintkit: %(levelname)s: %(name)s: %(message)s",
    )
    try:
        return COMMANDS[args.command](args)
    except ConfigError as exc:
        print(f"lintkit: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``lintkit check | head``): nothing left to report.
        sys.stderr.close()
        return EXIT_OK


def run() -> NoReturn:
    """The ``lintkit`` console command: :func:`main`, then a quick exit.

    Freeing every object at interpreter shutdown costs about 7 ms, a tenth of checking one
    small file. Output is flushed and logging shut down first; nothing else needs the
    interpreter's teardown (worker processes and files are closed by then). Errors that end
    the run early (argparse's ``SystemExit``, a crash) leave through the usual way.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        # A reader that went away, or a stream closed for that reason, has nothing to flush.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    run()
