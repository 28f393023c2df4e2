"""lintkit's built-in rules, one module per rule.

Registration is explicit: a rule exists when its module is listed below. Each
listed module defines exactly one :class:`lintkit.rule.Rule` subclass. Modules
are imported only when the registry is first used, so ``lintkit --help`` stays fast.
"""

from __future__ import annotations

GENERAL_RULES = (
    "general.syntax_error",
    "general.internal_error",
)

IMAGE_RULES = ("images.mutable_image_tag",)

DOCKERFILE_RULES: tuple[str, ...] = (
    # build cache and image size
    # hadolint parity
    # BuildKit build checks
    # security
)

COMPOSE_RULES: tuple[str, ...] = (
    # the product's compose families and hardening
    # structure, schema and the merged view
    "compose.empty_compose_file",
    # versions, YAML pitfalls and legacy files
)

BUILTIN_RULE_MODULES: tuple[str, ...] = (
    GENERAL_RULES + IMAGE_RULES + DOCKERFILE_RULES + COMPOSE_RULES
)
