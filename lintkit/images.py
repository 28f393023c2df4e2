"""Image references (``registry/repository:tag@digest``), shared by Dockerfile and compose rules."""

from __future__ import annotations

from lintkit.records import record


@record
class ImageName:
    """The parts of an image reference; ``registry`` only when the reference names one."""

    registry: str | None
    repository: str
    tag: str | None
    digest: str | None

    @property
    def is_pinned(self) -> bool:
        """Whether the reference names a fixed version (a digest, or a tag other than latest)."""
        return bool(self.digest) or (self.tag is not None and self.tag != "latest")


def split_image(reference: str) -> ImageName:
    """Split an image reference into registry, repository, tag and digest."""
    rest = reference.strip()
    digest = None
    if "@" in rest:
        rest, _, digest = rest.partition("@")
    tag = None
    slash = rest.rfind("/")
    colon = rest.rfind(":")
    if colon > slash:
        rest, tag = rest[:colon], rest[colon + 1 :]
    registry = None
    first, separator, remainder = rest.partition("/")
    if separator and ("." in first or ":" in first or first == "localhost"):
        registry, rest = first, remainder
    return ImageName(registry, rest, tag, digest or None)
