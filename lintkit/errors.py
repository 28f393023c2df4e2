"""Errors that stop one file from being linted; the engine turns them into findings."""

from __future__ import annotations


class ParseError(Exception):
    """A file could not be parsed; ``line`` and ``column`` are 0-based."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"{message} (line {line + 1}, column {column + 1})")
        self.message = message
        self.line = line
        self.column = column


class ConfigError(Exception):
    """The configuration or the command line is invalid; the run stops with exit code 2."""
