import pickle
from pathlib import Path

from lintkit import project_files
from lintkit.cache import CacheEntry, ResultCache
from lintkit.config import ConfigResolver
from lintkit.diagnostics import Tally
from lintkit.registry import default_registry
from lintkit.runner import Worker, collect_targets, lint_targets


def make_tree(root: Path, count: int) -> None:
    for index in range(count):
        folder = root / f"p{index:03d}"
        folder.mkdir()
        tag = "" if index % 3 else ":3.12"
        (folder / "Dockerfile").write_text(f"FROM python{tag}\n")
        (folder / "compose.yaml").write_text(f"services:\n  s{index}:\n    image: nginx{tag}\n")


def flat(reports):
    return [(str(r.path), [(d.code, d.range, d.message) for d in r.diagnostics]) for r in reports]


def test_pool_gives_the_same_reports_in_the_same_order_as_one_process(tmp_path):
    make_tree(tmp_path, 20)
    resolver = ConfigResolver(default_registry(), overrides={"select": ["mutable-image-tag"]})
    targets, problems = collect_targets([tmp_path], resolver, None)
    assert not problems and len(targets) == 40
    serial = lint_targets(targets, resolver, jobs=1)
    pooled = lint_targets(targets, resolver, jobs=2)
    assert flat(serial) == flat(pooled)
    assert sum(len(r.diagnostics) for r in serial) == 26


def test_cache_hit_equals_fresh_lint_and_misses_on_change(tmp_path):
    make_tree(tmp_path, 3)
    resolver = ConfigResolver(default_registry())
    targets, _ = collect_targets([tmp_path], resolver, None)
    cache_dir = tmp_path / "cache"
    first = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1)
    assert any(cache_dir.rglob("*"))
    second = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1)
    assert flat(first) == flat(second)
    dockerfile = tmp_path / "p001" / "Dockerfile"
    dockerfile.write_text("FROM python:3.12\n")
    third = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1)
    assert [r.diagnostics for r in third if r.path == dockerfile] == [[]]


def test_entry_is_invalid_when_a_file_it_read_changes(tmp_path):
    dependency = tmp_path / ".env"
    dependency.write_text("TAG=1\n")
    with project_files.recording() as reads:
        project_files.read_text(dependency)
        assert not project_files.exists(tmp_path / "missing")
    cache = ResultCache(tmp_path / "cache")
    cache.put("ab" * 16, CacheEntry(None, b"", Tally(), dict(reads)))
    assert cache.get("ab" * 16) is not None
    (tmp_path / "missing").write_text("now here")
    # One ResultCache serves one run, and remembers what it has read; the next run sees it.
    assert ResultCache(tmp_path / "cache").get("ab" * 16) is None


def test_a_compose_file_added_beside_a_cached_one_is_taken_into_account(tmp_path):
    # The other compose files of a folder can define what a linted one refers to.
    project = tmp_path / "app"
    project.mkdir()
    (project / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx:1.27\n    networks: [front]\n"
    )
    resolver = ConfigResolver(default_registry())
    targets, _ = collect_targets([project / "compose.yaml"], resolver, None)
    cache_dir = tmp_path / "cache"
    first = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1)
    assert "undefined-resource" in [d.name for d in first[0].diagnostics]
    (project / "docker-compose.networks.yml").write_text("networks:\n  front: {}\n")
    second = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1)
    assert "undefined-resource" not in [d.name for d in second[0].diagnostics]
    (project / "notes.txt").write_text("not a compose file")
    with project_files.recording() as reads:
        assert project_files.names_matching(project, "*compose*.y*ml") == (
            "compose.yaml",
            "docker-compose.networks.yml",
        )
    assert ResultCache(cache_dir).get("ef" * 16) is None
    cache = ResultCache(cache_dir)
    cache.put("ef" * 16, CacheEntry(None, b"", Tally(), dict(reads)))
    (project / "more-notes.txt").write_text("still not one")
    assert ResultCache(cache_dir).get("ef" * 16) is not None
    (project / "compose.override.yaml").write_text("services: {}\n")
    assert ResultCache(cache_dir).get("ef" * 16) is None


def test_damaged_entry_is_a_miss(tmp_path):
    cache = ResultCache(tmp_path)
    cache.put("cd" * 16, CacheEntry(None, b"", Tally(), {}))
    entry = next(p for p in (tmp_path).rglob("cd" * 16))
    entry.write_bytes(b"not a pickle")
    assert cache.get("cd" * 16) is None


def test_a_warm_run_lints_nothing_and_a_changed_file_is_linted_again(tmp_path, monkeypatch):
    make_tree(tmp_path, 30)
    resolver = ConfigResolver(default_registry())
    targets, _ = collect_targets([tmp_path], resolver, None)
    cache_dir = tmp_path / "cache"
    first = lint_targets(targets, resolver, cache_dir=cache_dir)
    linted = []
    original = Worker.lint

    def counting(self, target, prerender=None):
        linted.append(target.path)
        return original(self, target, prerender)

    monkeypatch.setattr(Worker, "lint", counting)
    second = lint_targets(targets, resolver, cache_dir=cache_dir)
    assert flat(first) == flat(second)
    assert linted == []
    changed = tmp_path / "p004" / "Dockerfile"
    changed.write_text("FROM python:3.12\n")  # it had no tag
    third = lint_targets(targets, resolver, cache_dir=cache_dir)
    assert linted == [changed]
    assert [r.diagnostics for r in third if r.path == changed] == [[]]
    assert flat([r for r in third if r.path != changed]) == flat(
        [r for r in first if r.path != changed]
    )


def test_a_cache_shared_by_two_folders_keeps_each_folders_spelling(tmp_path, monkeypatch):
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    (project / "Dockerfile").write_text("FROM python\n")
    resolver = ConfigResolver(default_registry())
    cache_dir = tmp_path / "cache"
    monkeypatch.chdir(project)
    from_project = lint_targets(
        collect_targets([Path("Dockerfile")], resolver, None)[0],
        resolver,
        cache_dir=cache_dir,
        jobs=1,
    )
    monkeypatch.chdir(elsewhere)
    targets, _ = collect_targets([Path("../project/Dockerfile")], resolver, None)
    cached = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1)
    fresh = lint_targets(targets, resolver, jobs=1)
    assert flat(cached) == flat(fresh)
    assert {str(d.path) for r in cached for d in r.diagnostics} == {"../project/Dockerfile"}
    assert {str(d.path) for r in from_project for d in r.diagnostics} == {"Dockerfile"}


def test_cached_text_is_reused_only_for_the_same_rendering(tmp_path, monkeypatch):
    from lintkit.output import text

    make_tree(tmp_path, 2)
    resolver = ConfigResolver(default_registry())
    targets, _ = collect_targets([tmp_path], resolver, None)
    cache_dir = tmp_path / "cache"
    with_source = text.prerenderer(show_source=True)
    without_source = text.prerenderer(show_source=False)
    fresh = {
        variant: [r.rendered for r in lint_targets(targets, resolver, jobs=1, prerender=variant)]
        for variant in (with_source, without_source)
    }
    assert fresh[with_source] != fresh[without_source]
    assert any("| FROM python" in rendered for rendered in fresh[with_source])
    lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1, prerender=with_source)
    # From here on, rendering anew would show up as a changed text.
    monkeypatch.setattr(text, "_report_text", lambda *args: "rendered again\n")
    warm = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1, prerender=with_source)
    assert [r.rendered for r in warm] == fresh[with_source]
    # Text made for another rendering is not used: the output renders these reports itself.
    other = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1, prerender=without_source)
    assert {r.rendered for r in other} == {None}


def test_a_batch_frees_each_files_syntax_tree_before_the_next(tmp_path):
    # Parts of a parsed file sit in reference cycles; with the collector's thresholds out of
    # reach, only the collection between files frees them.
    import gc

    from lintkit.dockerfile.syntax import DockerfileSyntax

    make_tree(tmp_path, 6)
    for dockerfile in tmp_path.glob("*/Dockerfile"):
        dockerfile.write_text("FROM debian:12\nRUN apt-get update && apt-get install -y curl\n")
    resolver = ConfigResolver(default_registry())
    targets, _ = collect_targets([tmp_path], resolver, None)
    dockerfiles = [target for target in targets if target.path.name == "Dockerfile"]
    thresholds = gc.get_threshold()
    gc.collect()
    gc.set_threshold(10**9)
    try:
        lint_targets(dockerfiles, resolver, jobs=1)
        left = [obj for obj in gc.get_objects() if isinstance(obj, DockerfileSyntax)]
    finally:
        gc.set_threshold(*thresholds)
    assert left == []


def test_cached_findings_stay_packed_until_used(tmp_path):
    make_tree(tmp_path, 3)
    resolver = ConfigResolver(default_registry())
    targets, _ = collect_targets([tmp_path], resolver, None)
    cache_dir = tmp_path / "cache"
    fresh = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1)
    cached = lint_targets(targets, resolver, cache_dir=cache_dir, jobs=1)
    tallies = [report.tally() for report in cached]
    assert all(report._diagnostics is None for report in cached)  # counting did not unpack
    assert tallies == [Tally.of(report.diagnostics) for report in fresh]
    assert flat(cached) == flat(fresh)
    assert sum(count for tally in tallies for _, count in tally.by_severity) > 0
    # A report sent to another process keeps its findings, packed the same way.
    assert [pickle.loads(pickle.dumps(report)) for report in fresh] == fresh


def test_linting_a_file_leaves_no_reference_cycles_behind(tmp_path):
    # Reference counting then frees each file's tree as soon as it is linted; a cycle would
    # leave it to the collector (the batch still collects between files, at a cost).
    import gc

    from lintkit.engine import Linter
    from lintkit.rule import FileKind
    from lintkit.source import SourceText

    resolver = ConfigResolver(default_registry())
    linter = Linter(resolver.for_path(tmp_path / "Dockerfile"))
    text = "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y curl\nCOPY . .\n"
    linter.lint_source(SourceText.from_text(text, "Dockerfile"), FileKind.DOCKERFILE)  # imports
    gc.collect()
    gc.disable()
    try:
        found = linter.lint_source(SourceText.from_text(text, "Dockerfile"), FileKind.DOCKERFILE)
        del found
        assert gc.collect() == 0
    finally:
        gc.enable()
