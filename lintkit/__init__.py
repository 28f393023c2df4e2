"""lintkit: a linter and fixer for Dockerfiles and Docker Compose files."""

__version__ = "0.1.0"
