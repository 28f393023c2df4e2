"""The contract every rule follows.

A rule is a small class: metadata as class attributes, its user documentation as
the class docstring (rendered into ``docs/rules/``), and a ``check_*`` method per
file kind it handles, yielding :class:`~lintkit.diagnostics.Problem` objects.
The engine, not the rule, applies configuration, severities and suppressions.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from lintkit import project_files
from lintkit.diagnostics import Problem, Severity
from lintkit.records import field, record

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile
    from lintkit.dockerfile.model import Dockerfile

LOG = logging.getLogger(__name__)

CODE_PATTERN = re.compile(r"^LK\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
DOC_HEADINGS = ("## What it does", "## Why is this bad?", "## Example")
DOCS_BASE_URL = "https://github.com/lintkit/lintkit/blob/main/docs/rules/"


class FileKind(enum.Enum):
    """The kinds of file lintkit lints."""

    DOCKERFILE = "dockerfile"
    COMPOSE = "compose"


class FixAvailability(enum.Enum):
    """What kind of fix a rule can offer."""

    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"


@record
class Option:
    """A per-rule setting, validated when the configuration is loaded."""

    name: str
    default: Any
    description: str
    choices: tuple[Any, ...] | None = None

    def validate(self, value: Any) -> Any:
        """Return ``value`` if it fits this option, else raise ``ValueError`` saying why."""
        expected = type(self.default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if self.default is not None and not isinstance(value, expected):
            raise ValueError(f"expected {expected.__name__}, got {type(value).__name__}")
        if isinstance(value, bool) != isinstance(self.default, bool):
            raise ValueError(f"expected {expected.__name__}, got {type(value).__name__}")
        if self.choices is not None:
            values = value if isinstance(value, list) else [value]
            for item in values:
                if item not in self.choices:
                    raise ValueError(f"{item!r} is not one of {', '.join(map(repr, self.choices))}")
        return value


@record(frozen=False)
class RuleContext:
    """What a rule may know beyond the parsed file.

    ``options`` holds this rule's options after configuration. ``settings``
    holds project-wide settings (target engine version, builder, compose
    target). ``project_root`` bounds which sibling files may be read.
    """

    path: Path
    options: Mapping[str, Any] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)
    project_root: Path | None = None

    def read_sibling(self, relative: str | Path, base: Path | None = None) -> str | None:
        """Read a file next to the linted one, refusing paths that leave the project.

        Returns ``None`` when the file does not exist, cannot be read, or lies
        outside the project root (lintkit never follows a linted file out of it).
        """
        base_dir = base if base is not None else self.path.parent
        candidate = project_files.resolved(base_dir / relative)
        root = project_files.resolved(self.project_root or base_dir)
        if not project_files.is_within(candidate, root):
            LOG.debug("refusing to read %s: outside project root %s", candidate, root)
            return None
        try:
            return project_files.read_text(candidate)
        except (OSError, UnicodeDecodeError):
            return None


def _has_abstract_methods(cls: type) -> bool:
    """Whether ``cls`` leaves an abstract method unimplemented, even while it is being created.

    ``inspect.isabstract`` answers the same, but importing :mod:`inspect` costs 3 ms a run.
    """
    if any(getattr(value, "__isabstractmethod__", False) for value in vars(cls).values()):
        return True
    return any(
        getattr(getattr(cls, name, None), "__isabstractmethod__", False)
        for base in cls.__bases__
        for name in getattr(base, "__abstractmethods__", ())
    )


class Rule:
    """Base class of every rule. Subclasses set the class attributes and one ``check_*``."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    kinds: ClassVar[frozenset[FileKind]]
    fix: ClassVar[FixAvailability] = FixAvailability.NONE
    aliases: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[tuple[Option, ...]] = ()
    enabled_by_default: ClassVar[bool] = True
    #: Name of an optional extra the rule needs (``pip install lintkit[EXTRA]``).
    requires_extra: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if _has_abstract_methods(cls) or cls.__dict__.get("abstract", False):
            return
        problems = []
        if not CODE_PATTERN.match(getattr(cls, "code", "")):
            problems.append("code must look like LK123")
        if not NAME_PATTERN.match(getattr(cls, "name", "")):
            problems.append("name must be kebab-case")
        if not getattr(cls, "summary", "").strip():
            problems.append("summary is empty")
        if not getattr(cls, "kinds", None):
            problems.append("kinds is empty")
        doc = cls.__doc__ or ""
        missing = [heading for heading in DOC_HEADINGS if heading not in doc]
        if missing:
            problems.append(f"docstring lacks {', '.join(missing)}")
        if problems:
            raise TypeError(f"rule {cls.__name__}: {'; '.join(problems)}")

    @classmethod
    def documentation(cls) -> str:
        """The rule's user documentation in Markdown (its docstring)."""
        import inspect  # only the documentation needs it, and importing it costs 3 ms

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def doc_url(cls) -> str:
        """Address of the rule's generated documentation page."""
        return f"{DOCS_BASE_URL}{cls.name}.md"

    @classmethod
    def default_options(cls) -> dict[str, Any]:
        """Option names mapped to their defaults."""
        return {option.name: option.default for option in cls.options}

    def check_dockerfile(self, dockerfile: Dockerfile, context: RuleContext) -> Iterator[Problem]:
        """Yield problems found in a Dockerfile (rules for Dockerfiles override this)."""
        return iter(())

    def check_compose(self, compose: ComposeFile, context: RuleContext) -> Iterator[Problem]:
        """Yield problems found in a compose file (rules for compose files override this)."""
        return iter(())
