"""The lintkit language server: diagnostics, quick fixes and rule docs in any LSP editor.

Run it with ``lintkit server`` (stdio). Dockerfiles and compose files are linted when
opened, after edits (debounced: only the latest version of a burst is linted), and on save;
closing a file clears its findings. Each finding with a fix offers a quick fix (the same
edits ``lintkit fix`` makes), ``source.fixAll.lintkit`` applies every safe fix the way the
command line does, and hovering a finding shows its rule's documentation.

Configuration is found like the command line finds it (``lintkit.toml``, ``.lintkit.toml``,
``pyproject.toml``, upward from each file) and re-read when one of those files changes:
on ``workspace/didChangeWatchedFiles`` and, for editors that do not send it, through a
cheap modification-time check before each lint.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import default_converter
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from lintkit import __version__, project_files
from lintkit.config import CONFIG_FILE_NAMES, Config, ConfigResolver
from lintkit.diagnostics import Applicability, Diagnostic
from lintkit.engine import Linter, kind_from_name
from lintkit.errors import ConfigError
from lintkit.output.common import lsp_range
from lintkit.output.json_lsp import lsp_diagnostic, text_edits
from lintkit.records import field, record
from lintkit.registry import Registry, default_registry
from lintkit.rule import FileKind
from lintkit.source import SourceText

LOG = logging.getLogger(__name__)

#: Seconds to wait after an edit before linting, so a burst of keystrokes lints once.
DEBOUNCE_SECONDS = 0.15
FIX_ALL_KIND = "source.fixAll.lintkit"
#: Files whose change may change the configuration of open documents.
WATCHED_NAMES = (*CONFIG_FILE_NAMES, ".hadolint.yaml", ".hadolint.yml")
_CONVERTER = default_converter()  # type: ignore[no-untyped-call]


def document_kind(path: PurePosixPath | Path, language_id: str | None) -> FileKind | None:
    """The kind of an editor document, from its language id and its file name.

    ``dockerfile`` always means a Dockerfile and any id naming compose
    (``dockercompose``, Helix's ``docker-compose``, Neovim's ``yaml.docker-compose``)
    a compose file; plain ``yaml`` is linted only when the name is a compose file's,
    so arbitrary YAML in the workspace is left alone.
    """
    language = (language_id or "").lower()
    by_name = kind_from_name(Path(path.name)) if path.name else None
    if language == "dockerfile":
        return FileKind.DOCKERFILE
    if "compose" in language:
        return FileKind.COMPOSE
    if language.startswith("yaml"):
        return FileKind.COMPOSE if by_name is FileKind.COMPOSE else None
    return by_name


def _document_path(uri: str) -> tuple[Path, bool]:
    """The file system path of a URI, and whether it is a real file (``file:`` URI)."""
    try:
        fs_path = to_fs_path(uri)
    except Exception:  # a malformed URI must not stop the server
        fs_path = None
    if fs_path and urlparse(uri).scheme == "file":
        return Path(fs_path), True
    # ``untitled:Untitled-1``, ``vscode-notebook-cell:``...: only the name says anything.
    name = PurePosixPath(unquote(urlparse(uri).path or uri)).name
    return Path(name or "untitled"), False


def _utf16_to_codepoints(line: str, units: int) -> int:
    if line.isascii():
        return units
    count = 0
    for index, char in enumerate(line):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(line)


def _codepoints_to(line: str, column: int, encoding: str) -> int:
    prefix = line[:column]
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(prefix.encode("utf-8")) + max(0, column - len(line))
    return column  # UTF-32 counts code points


def _reencode(value: Any, source: SourceText, encoding: str) -> Any:
    """Rewrite the UTF-16 ``character`` fields of LSP JSON to the negotiated encoding."""
    if isinstance(value, list):
        return [_reencode(item, source, encoding) for item in value]
    if not isinstance(value, dict):
        return value
    if set(value) == {"line", "character"}:
        line = source.line_text(value["line"])
        column = _utf16_to_codepoints(line, value["character"])
        return {"line": value["line"], "character": _codepoints_to(line, column, encoding)}
    return {key: _reencode(item, source, encoding) for key, item in value.items()}


def _reencode_for(value: Any, source: SourceText, encoding: str) -> Any:
    if encoding == lsp.PositionEncodingKind.Utf16:
        return value
    return _reencode(value, source, encoding)


@record(frozen=False)
class LintState:
    """The findings of one version of an open document."""

    version: int | None
    kind: FileKind
    source: SourceText
    config: Config
    diagnostics: list[Diagnostic]
    lsp_diagnostics: list[dict[str, Any]]
    #: Messages for the user: (type, text, whether to show it rather than log it).
    notes: list[tuple[lsp.MessageType, str, bool]] = field(default_factory=list)


@record
class _Job:
    """A document's text and what is needed to lint it, taken on the event loop's thread."""

    uri: str
    version: int | None
    kind: FileKind
    source: SourceText
    directory: Path
    encoding: str


class _ConfigCache:
    """A :class:`ConfigResolver` that starts over when a configuration file changes."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._resolver = ConfigResolver(registry)
        self._signatures: dict[Path, tuple[tuple[str, int, int], ...]] = {}
        self._reported: set[str] = set()
        # Used from the lint thread and, for code actions on a stale lint, the event loop.
        self._lock = threading.RLock()

    def reset(self) -> None:
        """Forget every configuration read so far."""
        LOG.debug("configuration cache reset")
        with self._lock:
            self._resolver = ConfigResolver(self.registry)
            self._signatures.clear()

    def config_for(self, directory: Path) -> tuple[Config, str | None]:
        """The configuration for files in ``directory``, and a new error message, if any."""
        with self._lock:
            return self._config_for(directory)

    def _config_for(self, directory: Path) -> tuple[Config, str | None]:
        signature = _config_signature(directory)
        known = self._signatures.get(directory)
        if known is not None and known != signature:
            self.reset()
        self._signatures[directory] = signature
        try:
            return self._resolver.for_directory(directory), None
        except ConfigError as exc:
            message = str(exc)
            LOG.warning("configuration error, using defaults: %s", message)
            fresh = message not in self._reported
            self._reported.add(message)
            return Config(registry=self.registry, root=directory), message if fresh else None


def _config_signature(directory: Path) -> tuple[tuple[str, int, int], ...]:
    found = []
    for folder in (directory, *directory.parents):
        for name in WATCHED_NAMES:
            try:
                status = (folder / name).stat()
            except OSError:
                continue
            found.append((str(folder / name), status.st_mtime_ns, status.st_size))
    return tuple(found)


class LintkitLanguageServer(LanguageServer):
    """The language server and what it remembers about open documents."""

    def __init__(self, registry: Registry | None = None) -> None:
        super().__init__("lintkit", __version__)
        self.registry = registry or default_registry()
        self.configs = _ConfigCache(self.registry)
        self.states: dict[str, LintState] = {}
        self._pending: dict[str, asyncio.TimerHandle] = {}
        #: URIs as the client spelled them in didOpen (pygls keys documents unquoted).
        self.open_uris: set[str] = set()
        # One lint thread: lints run in order, and a slow file never blocks the messages
        # (hover, shutdown, the next edit) the event loop handles meanwhile.
        self._lint_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lintkit-lint")
        self._tasks: set[asyncio.Task[None]] = set()

    # -- documents -----------------------------------------------------------------------

    def document(self, uri: str) -> TextDocument | None:
        """The open document at ``uri`` (never read from disk: only what the editor sent)."""
        documents: dict[str, TextDocument] = self.workspace.text_documents
        return documents.get(unquote(uri)) or documents.get(uri)

    @property
    def encoding(self) -> str:
        """The negotiated position encoding (UTF-16 unless the client chose another)."""
        try:
            chosen = self.workspace.position_encoding
        except Exception:  # not initialized yet
            return lsp.PositionEncodingKind.Utf16
        return str(chosen or lsp.PositionEncodingKind.Utf16)

    def to_client(self, value: Any, source: SourceText) -> Any:
        """LSP JSON built with UTF-16 columns, in the client's position encoding."""
        return _reencode_for(value, source, self.encoding)

    def snapshot(self, uri: str) -> _Job | None:
        """What to lint for an open document, read on the event loop's thread."""
        document = self.document(uri)
        if document is None:
            return None
        path, is_file = _document_path(uri)
        kind = document_kind(path, document.language_id)
        if kind is None:
            LOG.debug("not linting %s (language %r)", uri, document.language_id)
            return None
        if is_file:
            directory = path.parent
        else:
            root = self.workspace.root_path
            directory = Path(root) if root else Path.cwd()
        # LIMITATION: a document that starts with a byte-order mark (editors rarely keep one)
        # gets columns on its first line off by one, as SourceText drops the mark.
        source = SourceText.from_text(document.source, path if is_file else directory / path)
        return _Job(uri, document.version, kind, source, directory, self.encoding)

    def run_job(self, job: _Job) -> LintState:
        """Lint a snapshot; runs on the lint thread, so it sends nothing to the client."""
        config, error = self.configs.config_for(job.directory.resolve())
        notes = [(lsp.MessageType.Error, f"lintkit: {error}", True)] if error else []
        text = job.source.text
        if len(text) > config.max_file_size or len(text.encode("utf-8")) > config.max_file_size:
            LOG.warning("not linting %s: over the max-file-size limit", job.uri)
            notes.append(
                (
                    lsp.MessageType.Warning,
                    f"lintkit: not linting {job.uri}: over the {config.max_file_size} byte "
                    "limit (setting max-file-size)",
                    False,
                )
            )
            diagnostics = []
        else:
            project_files.forget()  # files and folders may have changed since the last run
            diagnostics = Linter(config).lint_source(job.source, job.kind)
        source = job.source
        own = [d for d in diagnostics if d.path == source.path]
        # LIMITATION: findings a rule reports in another file (an override file of a merged
        # compose view) are not published; the command line shows them.
        payload = [_reencode_for(lsp_diagnostic(d, source), source, job.encoding) for d in own]
        return LintState(job.version, job.kind, source, config, own, payload, notes)

    def accept(self, uri: str, state: LintState) -> None:
        """Remember a lint result and show its messages (event loop thread)."""
        self.states[uri] = state
        for kind, message, popup in state.notes:
            if popup:
                self.window_show_message(lsp.ShowMessageParams(kind, message))
            else:
                self.window_log_message(lsp.LogMessageParams(kind, message))

    def lint_document(self, uri: str) -> LintState | None:
        """Lint the current text of an open document now (``None`` if lintkit does not lint it)."""
        job = self.snapshot(uri)
        if job is None:
            return None
        state = self.run_job(job)
        self.accept(uri, state)
        return state

    def current_state(self, uri: str) -> LintState | None:
        """Findings for the document's current version, linting again if it changed since."""
        document = self.document(uri)
        if document is None:
            return None
        state = self.states.get(uri)
        if state is not None and state.version == document.version:
            return state
        return self.lint_document(uri)

    def publish(self, uri: str) -> None:
        """Lint a document and send its diagnostics, on the lint thread when a loop runs."""
        self.cancel_pending(uri)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (pygls's synchronous mode): lint right here
            self._publish_now(uri)
            return
        task = loop.create_task(self._publish_later(uri))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _publish_now(self, uri: str) -> None:
        try:
            state = self.lint_document(uri)
        except Exception:  # a crash in one document must not take the editor session down
            LOG.exception("linting %s failed", uri)
            return
        self._send(uri, state)

    async def _publish_later(self, uri: str) -> None:
        job = self.snapshot(uri)
        if job is None:
            self._send(uri, None)
            return
        loop = asyncio.get_running_loop()
        try:
            state = await loop.run_in_executor(self._lint_thread, self.run_job, job)
        except Exception:  # a crash in one document must not take the editor session down
            LOG.exception("linting %s failed", uri)
            return
        document = self.document(uri)
        if document is None or uri not in self.open_uris or document.version != job.version:
            # Closed, or edited meanwhile: the lint scheduled by that edit publishes instead.
            LOG.debug("dropping stale findings for %s version %s", uri, job.version)
            return
        self.accept(uri, state)
        self._send(uri, state)

    def _send(self, uri: str, state: LintState | None) -> None:
        if state is None:
            if self.states.pop(uri, None) is not None:
                self.clear(uri)
            return
        diagnostics = [_CONVERTER.structure(item, lsp.Diagnostic) for item in state.lsp_diagnostics]
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=state.version)
        )

    def clear(self, uri: str) -> None:
        """Remove a document's diagnostics from the editor."""
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def schedule(self, uri: str) -> None:
        """Lint after :data:`DEBOUNCE_SECONDS` unless another edit comes first."""
        self.cancel_pending(uri)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (pygls's synchronous mode): lint right away
            self.publish(uri)
            return
        self._pending[uri] = loop.call_later(DEBOUNCE_SECONDS, self.publish, uri)

    def cancel_pending(self, uri: str) -> None:
        """Drop a scheduled lint of ``uri``."""
        handle = self._pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def relint_all(self) -> None:
        """Lint every open document again (after a configuration change)."""
        for uri in sorted(self.open_uris):
            self.publish(uri)

    # -- code actions and hover ----------------------------------------------------------

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        """Quick fixes for the findings in the requested range, and the fix-all action."""
        uri = params.text_document.uri
        document = self.document(uri)
        state = self.current_state(uri)
        if document is None or state is None:
            return []
        only = list(params.context.only or [])
        want_quickfix = not only or any(
            lsp.CodeActionKind.QuickFix.value.startswith(str(kind)) for kind in only
        )
        want_fix_all = not only or any(
            FIX_ALL_KIND.startswith(str(kind)) or str(kind) == FIX_ALL_KIND for kind in only
        )
        start = document.offset_at_position(params.range.start)
        end = document.offset_at_position(params.range.end)
        actions: list[lsp.CodeAction] = []
        if want_quickfix:
            for diagnostic, payload in zip(state.diagnostics, state.lsp_diagnostics, strict=True):
                fix = diagnostic.fix
                if fix is None or not _touches(diagnostic, start, end):
                    continue
                title = fix.title
                if fix.applicability is Applicability.UNSAFE:
                    title += " (unsafe fix)"
                actions.append(
                    lsp.CodeAction(
                        title=f"{title} [{diagnostic.code}]",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[_CONVERTER.structure(payload, lsp.Diagnostic)],
                        is_preferred=fix.applicability is Applicability.SAFE,
                        edit=self._workspace_edit(
                            uri,
                            document.version,
                            self.to_client(text_edits(fix, state.source), state.source),
                        ),
                    )
                )
        if want_fix_all:
            fix_all = self.fix_all(uri, document.version, state)
            if fix_all is not None:
                actions.append(fix_all)
        return actions

    def fix_all(self, uri: str, version: int | None, state: LintState) -> lsp.CodeAction | None:
        """One action applying every safe fix, iterated to a fixed point like ``lintkit fix``."""
        if not any(
            d.fix is not None and d.fix.applicability is Applicability.SAFE
            for d in state.diagnostics
        ):
            return None
        from lintkit.fixing import fix_text

        linter = Linter(state.config)
        result = fix_text(
            state.source, lambda source: linter.lint_source(source, state.kind), unsafe=False
        )
        if not result.changed:
            return None
        before = state.source.text
        after = result.text
        prefix = 0
        limit = min(len(before), len(after))
        while prefix < limit and before[prefix] == after[prefix]:
            prefix += 1
        suffix = 0
        while (
            suffix < limit - prefix
            and before[len(before) - 1 - suffix] == after[len(after) - 1 - suffix]
        ):
            suffix += 1
        begin = state.source.position(prefix)
        finish = state.source.position(len(before) - suffix)
        edit = {
            "range": lsp_range(
                state.source, (begin.line, begin.column), (finish.line, finish.column)
            ),
            "newText": after[prefix : len(after) - suffix],
        }
        return lsp.CodeAction(
            title=f"Fix all safely fixable lintkit findings ({len(result.fixed)})",
            kind=FIX_ALL_KIND,
            edit=self._workspace_edit(uri, version, [self.to_client(edit, state.source)]),
        )

    def _workspace_edit(
        self, uri: str, version: int | None, edits: Sequence[dict[str, Any]]
    ) -> lsp.WorkspaceEdit:
        text_edits_ = [_CONVERTER.structure(edit, lsp.TextEdit) for edit in edits]
        capabilities = self.client_capabilities
        versioned = bool(
            capabilities.workspace
            and capabilities.workspace.workspace_edit
            and capabilities.workspace.workspace_edit.document_changes
        )
        if versioned and version is not None:
            return lsp.WorkspaceEdit(
                document_changes=[
                    lsp.TextDocumentEdit(
                        text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri, version),
                        edits=list(text_edits_),
                    )
                ]
            )
        return lsp.WorkspaceEdit(changes={uri: text_edits_})

    def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        """The documentation of the rules whose findings cover the hovered position."""
        uri = params.text_document.uri
        document = self.document(uri)
        state = self.current_state(uri)
        if document is None or state is None:
            return None
        offset = document.offset_at_position(params.position)
        parts = []
        seen: set[str] = set()
        for diagnostic in state.diagnostics:
            if not _touches(diagnostic, offset, offset) or diagnostic.code in seen:
                continue
            seen.add(diagnostic.code)
            parts.append(_hover_text(self.registry, diagnostic))
        if not parts:
            return None
        return lsp.Hover(
            contents=lsp.MarkupContent(lsp.MarkupKind.Markdown, "\n\n---\n\n".join(parts))
        )


def _touches(diagnostic: Diagnostic, start: int, end: int) -> bool:
    first, last = diagnostic.range.start.offset, diagnostic.range.end.offset
    return first <= end and start <= last


def _hover_text(registry: Registry, diagnostic: Diagnostic) -> str:
    rule = registry.get(diagnostic.code)
    header = f"**{diagnostic.code} {diagnostic.name}** ({diagnostic.severity.label})"
    if diagnostic.doc_url:
        header += f" · [docs]({diagnostic.doc_url})"
    body = rule.documentation() if rule is not None else ""
    return f"{header}\n\n{diagnostic.message}\n\n{body}".rstrip()


def _warm_up(registry: Registry) -> None:
    try:
        linter = Linter(Config(registry=registry))
        linter.lint_source(
            SourceText.from_text("FROM scratch\n", "Dockerfile"), FileKind.DOCKERFILE
        )
        linter.lint_source(SourceText.from_text("services: {}\n", "compose.yaml"), FileKind.COMPOSE)
    except Exception:  # only an optimisation
        LOG.debug("warm-up failed", exc_info=True)
    # Modules, rules and schemas now stay for the server's life: keep them out of the cycle
    # collector's full passes, which would otherwise pause a re-lint now and then.
    gc.freeze()


def _watch_registration() -> lsp.Registration:
    pattern = "**/{" + ",".join(WATCHED_NAMES) + "}"
    return lsp.Registration(
        id="lintkit-config-watch",
        method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
            watchers=[lsp.FileSystemWatcher(glob_pattern=pattern)]
        ),
    )


def _is_config_uri(uri: str) -> bool:
    return PurePosixPath(unquote(urlparse(uri).path)).name in WATCHED_NAMES


def create_server(registry: Registry | None = None) -> LintkitLanguageServer:
    """Build the server with its handlers registered (tests drive it in-process)."""
    server = LintkitLanguageServer(registry)

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: LintkitLanguageServer, params: lsp.InitializedParams) -> None:
        # Load the parsers and rules now, so the first file opened is linted without delay.
        ls._lint_thread.submit(_warm_up, ls.registry)
        capabilities = ls.client_capabilities
        dynamic = bool(
            capabilities.workspace
            and capabilities.workspace.did_change_watched_files
            and capabilities.workspace.did_change_watched_files.dynamic_registration
        )
        if dynamic:
            ls.client_register_capability(
                lsp.RegistrationParams(registrations=[_watch_registration()])
            )

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LintkitLanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.open_uris.add(params.text_document.uri)
        ls.publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LintkitLanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LintkitLanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _is_config_uri(uri):
            ls.configs.reset()
            ls.relint_all()
        else:
            ls.publish(uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LintkitLanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.open_uris.discard(uri)
        ls.cancel_pending(uri)
        ls.states.pop(uri, None)
        ls.clear(uri)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: LintkitLanguageServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(_is_config_uri(change.uri) for change in params.changes):
            ls.configs.reset()
            ls.relint_all()

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(
            code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    def code_action(
        ls: LintkitLanguageServer, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction] | None:
        try:
            return ls.code_actions(params)
        except Exception:
            LOG.exception("code actions for %s failed", params.text_document.uri)
            return None

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: LintkitLanguageServer, params: lsp.HoverParams) -> lsp.Hover | None:
        try:
            return ls.hover(params)
        except Exception:
            LOG.exception("hover for %s failed", params.text_document.uri)
            return None

    return server


def serve() -> None:
    """Run the language server on stdin/stdout until the client says exit."""
    from lintkit.runner import collect_garbage_less_often

    collect_garbage_less_often()
    create_server().start_io()
