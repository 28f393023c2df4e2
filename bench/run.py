"""Measure lintkit's speed on the generated corpus, next to hadolint, dclint and compose-lint.

Usage::

    python bench/run.py [--files N] [--only dockerfile|compose] [--repeat K] [--no-peers]

Generates ``bench/corpus/`` when it is missing (or too small), then runs every command as a
separate process over all the files on one command line and reads the child's wall time, CPU
time (user + sys) and peak RSS from ``os.wait4``. Each figure is the median of ``--repeat``
runs. Cold runs pass ``--no-cache``; warm runs follow one untimed run that fills the cache,
and have the whole-run snapshot removed before each timed run, so that every file is looked
up in the cache; replay runs follow a second untimed run, made once the first is
``SNAPSHOT_SETTLE`` seconds old, which keeps a snapshot of the whole run that they replay.
Writes a Markdown report to stdout and ``bench/results/latest.md``, raw numbers to
``bench/results/latest.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import generate

BENCH = Path(__file__).resolve().parent
CORPUS = BENCH / "corpus"
RESULTS = BENCH / "results"
LATENCY_RUNS = 10
OK_EXIT_CODES = (0, 1)  # every tool here exits 1 when it reports findings
# lintkit keeps no snapshot of a run over files changed less than 2 s before it.
SNAPSHOT_SETTLE = 2.2
SNAPSHOTS = CORPUS / ".lintkit_cache" / "runs-v1"


@dataclass
class Run:
    """One process: wall and CPU seconds, peak RSS in MiB, exit code, output size."""

    wall: float
    cpu: float
    rss_mib: float
    exit_code: int
    output_lines: int
    stderr_tail: str = ""


@dataclass
class Measure:
    """Repeated runs of one command over one file set."""

    tool: str
    command: str
    target: str
    files: int
    cache: str
    argv_head: list[str]
    runs: list[Run] = field(default_factory=list)
    load: float = field(default_factory=lambda: os.getloadavg()[0])  # 1-minute, at the start

    def median(self, attr: str) -> float:
        """Return the median of one Run attribute over the runs."""
        return statistics.median(getattr(run, attr) for run in self.runs)

    @property
    def failed(self) -> bool:
        """True when any run exited with an unexpected code."""
        return any(run.exit_code not in OK_EXIT_CODES for run in self.runs)


def run_once(argv: list[str], cwd: Path) -> Run:
    """Run ``argv`` to completion and return its resource usage.

    Args:
        argv: the command line.
        cwd: working directory (the corpus root, so paths stay short).

    Returns:
        The measured run; stdout is counted (lines), stderr kept for failures.
    """
    # Measure Python tools as users run them: an installed package has compiled bytecode, so a
    # PYTHONDONTWRITEBYTECODE left in the environment would make every run recompile instead.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: out.read(1 << 16), b""))
        err.seek(0)
        tail = err.read()[-600:].decode(errors="replace")
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        exit_code=proc.returncode,
        output_lines=lines,
        stderr_tail=tail if proc.returncode not in OK_EXIT_CODES else "",
    )


def resolve(name: str) -> str | None:
    """Find an executable, looking through pyenv shims (they add ~0.1 s of bash per call)."""
    path = shutil.which(name)
    if path and "/.pyenv/shims/" in path:
        real = subprocess.run(["pyenv", "which", name], capture_output=True, text=True, check=False)
        if real.returncode == 0 and real.stdout.strip():
            return real.stdout.strip()
    return path


def version(argv: list[str]) -> str:
    """Return the first line a ``--version`` call prints, or "?"."""
    try:
        proc = subprocess.run(
            [*argv, "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    text = (proc.stdout or proc.stderr).strip()
    return text.splitlines()[0] if text else "?"


def revision() -> str:
    """The lintkit commit measured, with "+dirty" when its code differs from it (read-only git)."""
    git = ["git", "-C", str(BENCH.parent)]
    head = (
        subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
        or "?"
    )
    dirty = subprocess.run(
        [*git, "diff-index", "--quiet", "HEAD", "--", "lintkit", "rules", "fixers"],
        capture_output=True,
        check=False,
    ).returncode
    return head + ("+dirty" if dirty else "")


def corpus_files(files: int) -> dict[str, list[str]]:
    """Return corpus-relative paths for the first ``files`` projects, per target."""
    dockerfiles = [f"dockerfiles/p{i:04d}/Dockerfile" for i in range(files)]
    compose = []
    for i in range(files):
        folder = f"compose/p{i:04d}"
        compose.append(f"{folder}/compose.yaml")
        if (CORPUS / folder / "compose.override.yaml").exists():
            compose.append(f"{folder}/compose.override.yaml")
    return {"dockerfile": dockerfiles, "compose": compose, "both": dockerfiles + compose}


def corpus_digest(paths: list[str]) -> str:
    """Hash the corpus files, to prove that ``fix --diff`` wrote nothing."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update((CORPUS / path).read_bytes())
    return digest.hexdigest()


def corpus_bytes(paths: list[str]) -> int:
    """Total size of the given corpus files."""
    return sum((CORPUS / path).stat().st_size for path in paths)


def ensure_corpus(files: int) -> dict[str, object]:
    """Generate the corpus unless a matching one of at least ``files`` projects exists."""
    manifest = generate.load_manifest(CORPUS)
    if (
        manifest is None
        or manifest.get("generator_version") != generate.GENERATOR_VERSION
        or manifest.get("seed") != generate.DEFAULT_SEED
        or int(str(manifest.get("projects", 0))) < files
    ):
        print(f"generating {files} projects into {CORPUS} ...", file=sys.stderr)
        manifest = generate.generate(
            CORPUS, max(files, generate.DEFAULT_FILES), generate.DEFAULT_SEED
        )
    return manifest


class Bench:
    """Runs the measurements and collects them."""

    def __init__(self, repeat: int) -> None:
        self.repeat = repeat
        self.measures: list[Measure] = []

    def measure(
        self,
        tool: str,
        command: str,
        target: str,
        cache: str,
        argv: list[str],
        paths: list[str],
        prime: bool = False,
    ) -> Measure:
        """Run ``argv + paths`` ``repeat`` times (after untimed runs when ``prime``).

        ``cache`` "warm" removes lintkit's whole-run snapshots before each timed run;
        "replay" makes a second untimed run, late enough to keep one.
        """
        print(f"  {tool} {command} {target} ({len(paths)} files, {cache})", file=sys.stderr)
        if prime:
            run_once(argv + paths, CORPUS)
        if cache == "replay":
            time.sleep(SNAPSHOT_SETTLE)
            run_once(argv + paths, CORPUS)
        result = Measure(tool, command, target, len(paths), cache, argv)
        for _ in range(self.repeat):
            if cache == "warm":
                shutil.rmtree(SNAPSHOTS, ignore_errors=True)
            run = run_once(argv + paths, CORPUS)
            result.runs.append(run)
            if run.exit_code not in OK_EXIT_CODES:
                print(
                    f"    exit {run.exit_code}: {run.stderr_tail.strip()[-300:]}", file=sys.stderr
                )
                break
        self.measures.append(result)
        return result

    def measure_side_by_side(
        self, rows: list[tuple[str, str, str, str, list[str]]], paths: list[str]
    ) -> list[Measure]:
        """Like :meth:`measure` for several tools on the same files, taken in turn.

        Each repeat runs every tool once, one after the other, so that a machine that slows
        down or speeds up during the benchmark affects all of them alike and their ratio
        stays meaningful.
        """
        results = [
            Measure(tool, command, target, len(paths), cache, argv)
            for (tool, command, target, cache, argv) in rows
        ]
        for tool, command, target, cache, _ in rows:
            print(f"  {tool} {command} {target} ({len(paths)} files, {cache})", file=sys.stderr)
        for _ in range(self.repeat):
            for result in results:
                if result.runs and result.runs[-1].exit_code not in OK_EXIT_CODES:
                    continue
                run = run_once(result.argv_head + paths, CORPUS)
                result.runs.append(run)
                if run.exit_code not in OK_EXIT_CODES:
                    print(
                        f"    {result.tool}: exit {run.exit_code}: "
                        f"{run.stderr_tail.strip()[-300:]}",
                        file=sys.stderr,
                    )
        self.measures.extend(results)
        return results


def latency(argv: list[str], path: str) -> dict[str, object]:
    """Median wall time of ``LATENCY_RUNS`` whole-process runs on one file."""
    runs = [run_once([*argv, path], CORPUS) for _ in range(LATENCY_RUNS)]
    walls = sorted(run.wall * 1000 for run in runs)
    return {
        "file": path,
        "lines": (CORPUS / path).read_bytes().count(b"\n"),
        "median_ms": statistics.median(walls),
        "min_ms": walls[0],
        "max_ms": walls[-1],
        "exit_codes": sorted({run.exit_code for run in runs}),
    }


def small_file(paths: list[str], most: int) -> str:
    """The first file with 10 to ``most`` lines (a typical small project file)."""
    for path in paths:
        if path.endswith(("Dockerfile", "compose.yaml")):
            lines = (CORPUS / path).read_bytes().count(b"\n")
            if 10 <= lines <= most:
                return path
    return paths[0]


PEER_TARGET = {"hadolint": "dockerfile", "dclint": "compose", "compose-lint": "compose"}


def find_peers(targets: list[str]) -> dict[str, list[str]]:
    """Command lines of the installed peer linters that check one of ``targets``."""
    peers: dict[str, list[str]] = {}
    if hadolint := resolve("hadolint"):
        peers["hadolint"] = [hadolint, "--no-color"]
    dclint = resolve("dclint")
    probe = [dclint] if dclint else ["npx", "--no-install", "dclint"]
    if (dclint or shutil.which("npx")) and version(probe) != "?":
        peers["dclint"] = [*probe, "--no-color"]
    if compose_lint := resolve("compose-lint"):
        peers["compose-lint"] = [compose_lint, "check"]
    return {name: cmd for name, cmd in peers.items() if PEER_TARGET[name] in targets}


def single_file_latency(
    lintkit: list[str], peers: dict[str, list[str]], sets: dict[str, list[str]]
) -> list[dict[str, object]]:
    """Latency of each tool on one small file of each measured kind."""
    rows: list[dict[str, object]] = []
    for kind in ("dockerfile", "compose"):
        if not sets.get(kind):
            continue
        path = small_file(sets[kind], 25)
        tools = [("lintkit check", lintkit)]
        tools += [(name, cmd) for name, cmd in peers.items() if PEER_TARGET[name] == kind]
        rows += [{"tool": label, **latency(cmd, path)} for label, cmd in tools]
    return rows


def linearity(
    measures: list[Measure], sets: dict[str, list[str]], slices: dict[str, list[str]], repeat: int
) -> list[dict[str, object]]:
    """Re-run every cold ``check`` row on the first tenth of its files and compare."""
    rows: list[dict[str, object]] = []
    slice_bench = Bench(repeat)
    for full in measures:
        if full.failed or full.command != "check" or full.cache in ("warm", "replay"):
            continue
        part = slice_bench.measure(
            full.tool, "check", full.target, full.cache, full.argv_head, slices[full.target]
        )
        if part.failed:
            continue
        # Per byte, not per file: the first tenth need not have the average file size.
        full_bytes = corpus_bytes(sets[full.target])
        part_bytes = corpus_bytes(slices[full.target])
        rows.append(
            {
                "tool": full.tool,
                "target": full.target,
                "slice_files": part.files,
                "full_files": full.files,
                "slice_bytes": part_bytes,
                "full_bytes": full_bytes,
                "slice_wall": part.median("wall"),
                "full_wall": full.median("wall"),
                "per_byte_ratio": (full.median("wall") / full_bytes)
                / (part.median("wall") / part_bytes),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--files",
        type=int,
        default=generate.DEFAULT_FILES,
        help="projects per kind (default %(default)s)",
    )
    parser.add_argument("--only", choices=("dockerfile", "compose"))
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--no-peers", action="store_true", help="skip hadolint, dclint, ...")
    parser.add_argument(
        "--lintkit",
        metavar="PATH",
        help="the lintkit executable to measure (default: the one on PATH); an editable "
        "install is slower to start than a regular one, see docs/performance.md",
    )
    args = parser.parse_args(argv)

    lintkit = args.lintkit or resolve("lintkit")
    if lintkit is None:
        parser.error("lintkit is not on PATH")
    load = os.getloadavg()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    manifest = ensure_corpus(args.files)
    targets = [args.only] if args.only else ["dockerfile", "compose", "both"]
    sets = {k: v for k, v in corpus_files(args.files).items() if k in targets}
    slices = corpus_files(max(1, args.files // 10))
    every_file = sorted({path for paths in sets.values() for path in paths})

    check_help = subprocess.run(
        [lintkit, "check", "--help"], capture_output=True, text=True, check=False
    ).stdout
    has_cache_flag = "--no-cache" in check_help
    cold = ["--no-cache"] if has_cache_flag else []
    peers = {} if args.no_peers else find_peers(targets)
    versions = {"lintkit": f"{version([lintkit])} ({revision()})"}
    for name, cmd in peers.items():
        versions[name] = version(cmd[:-1] if name == "dclint" else cmd[:1])

    bench = Bench(args.repeat)
    before = corpus_digest(every_file)
    for command, sub in (("check", ["check"]), ("fix --diff", ["fix", "--diff"])):
        for target in targets:
            rows = [("lintkit", command, target, "cold", [lintkit, *sub, *cold])]
            if command == "check":
                # The peers run in turn with lintkit's cold check, so their ratios hold.
                rows += [
                    (name, "check", target, "-", cmd)
                    for name, cmd in peers.items()
                    if PEER_TARGET[name] == target
                ]
            bench.measure_side_by_side(rows, sets[target])
            if has_cache_flag:
                bench.measure(
                    "lintkit", command, target, "warm", [lintkit, *sub], sets[target], prime=True
                )
            if has_cache_flag and command == "check":
                bench.measure(
                    "lintkit", command, target, "replay", [lintkit, *sub], sets[target], prime=True
                )
    if corpus_digest(every_file) != before:
        print("WARNING: `lintkit fix --diff` changed files in the corpus", file=sys.stderr)

    print("  single-file latency", file=sys.stderr)
    latencies = single_file_latency([lintkit, "check", *cold], peers, sets)
    print("  linearity slices", file=sys.stderr)
    linear = linearity(bench.measures, sets, slices, args.repeat)

    if (end := revision()) not in versions["lintkit"]:
        print(f"WARNING: lintkit changed during the run (now {end})", file=sys.stderr)
        versions["lintkit"] += f", changed during the run to {end}"
    report = {
        "date": started,
        "command": " ".join(["python", "bench/run.py", *(sys.argv[1:] if argv is None else argv)]),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "loadavg_at_start": [round(x, 2) for x in load],
        },
        "versions": versions,
        "repeat": args.repeat,
        "cache_flag": has_cache_flag,
        "corpus": manifest,
        "measures": [
            asdict(m) | {"argv_head": [Path(a).name for a in m.argv_head]} for m in bench.measures
        ],
        "latency": latencies,
        "linearity": linear,
    }
    text = markdown(report, bench.measures)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.md").write_text(text)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    print(text)
    return 1 if any(m.failed for m in bench.measures) else 0


def markdown(report: dict[str, object], measures: list[Measure]) -> str:
    """Render the report as Markdown tables."""
    machine = report["machine"]
    assert isinstance(machine, dict)
    versions = report["versions"]
    assert isinstance(versions, dict)
    corpus = report["corpus"]
    assert isinstance(corpus, dict)
    out = [
        "# lintkit benchmark",
        "",
        f"- Date: {report['date']}; command: `{report['command']}`",
        f"- Machine: {machine['cpus']} CPUs, {machine['platform']}, Python {machine['python']}, "
        f"load average at start {machine['loadavg_at_start']}",
        "- Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()),
        f"- Each figure is the median of {report['repeat']} runs; one process per row with all "
        "files on its command line; stdout to a file.",
        "",
        "## Corpus",
        "",
        "| Kind | Files | Lines min | median | p90 | max | total |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines = corpus.get("lines", {})
    assert isinstance(lines, dict)
    for kind, stats in lines.items():
        out.append(
            f"| {kind} | {stats['files']} | {stats['min']} | {stats['median']} | "
            f"{stats['p90']} | {stats['max']} | {stats['total']} |"
        )
    out += [
        f"\nProjects: {corpus.get('projects')}, seed {corpus.get('seed')}, "
        f"{int(str(corpus.get('bytes', 0))) / 1e6:.1f} MB; traits: {corpus.get('traits')}.",
        "",
    ]

    peer_wall: dict[str, dict[str, float]] = {}
    for m in measures:
        if m.tool != "lintkit" and m.runs and not m.failed:
            peer_wall.setdefault(m.target, {})[m.tool] = m.median("wall")
    out += [
        "## Throughput",
        "",
        "| Tool | Command | Files | Kind | Cache | Wall s | Files/s | CPU s | CPU/wall "
        "| Peak RSS MiB | Exit | Output lines | Load | Wall vs peer |",
        "|---|---|---:|---|---|---:|---:|---:|---:|---:|---|---:|---:|---|",
    ]
    for m in measures:
        if not m.runs:
            continue
        wall, cpu = m.median("wall"), m.median("cpu")
        exits = ",".join(str(c) for c in sorted({r.exit_code for r in m.runs}))
        ratio = ""
        if m.tool == "lintkit":
            peers = peer_wall.get(m.target, {}).items()
            ratio = ", ".join(f"{wall / peer:.2f}x {name}" for name, peer in peers)
        cells = [
            m.tool,
            m.command,
            str(m.files),
            m.target,
            m.cache,
            f"{wall:.2f}",
            f"{m.files / wall:.0f}",
            f"{cpu:.2f}",
            f"{cpu / wall:.2f}",
            f"{m.median('rss_mib'):.0f}",
            exits + (" FAILED" if m.failed else ""),
            str(m.runs[-1].output_lines),
            f"{m.load:.1f}",
            ratio,
        ]
        out.append("| " + " | ".join(cells) + " |")
    out += [
        "",
        f"## Single-file latency (whole process, median of {LATENCY_RUNS})",
        "",
        "| Tool | File | Lines | Median ms | Min ms | Max ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    latencies = report["latency"]
    assert isinstance(latencies, list)
    for row in latencies:
        out.append(
            f"| {row['tool']} | {row['file']} | {row['lines']} | {row['median_ms']:.0f} | "
            f"{row['min_ms']:.0f} | {row['max_ms']:.0f} |"
        )
    out += [
        "",
        "## Linearity (check, cold: first tenth of the projects vs all of them)",
        "",
        "| Tool | Files | Slice files (KB) | Full files (KB) | Slice wall s | Full wall s "
        "| Time per byte, full / slice |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    linear = report["linearity"]
    assert isinstance(linear, list)
    for row in linear:
        out.append(
            f"| {row['tool']} | {row['target']} | {row['slice_files']} "
            f"({row['slice_bytes'] // 1000}) | {row['full_files']} ({row['full_bytes'] // 1000}) "
            f"| {row['slice_wall']:.2f} | {row['full_wall']:.2f} | "
            f"{row['per_byte_ratio']:.2f} |"
        )
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
