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
    "dockerfile.apt_get_missing_yes",
    "dockerfile.apt_recommends_installed",
    "dockerfile.apt_lists_not_cleaned",
    "dockerfile.unpinned_apt_package",
    "dockerfile.apt_instead_of_apt_get",
    "dockerfile.unpinned_pip_package",
    "dockerfile.pip_cache_kept",
    "dockerfile.unpinned_npm_package",
    "dockerfile.unpinned_apk_package",
    "dockerfile.apk_cache_kept",
    "dockerfile.unpinned_gem_package",
    "dockerfile.yum_missing_yes",
    "dockerfile.yum_cache_not_cleaned",
    "dockerfile.unpinned_yum_package",
    "dockerfile.zypper_missing_non_interactive",
    "dockerfile.zypper_dist_upgrade",
    "dockerfile.zypper_cache_not_cleaned",
    "dockerfile.unpinned_zypper_package",
    "dockerfile.dnf_missing_yes",
    "dockerfile.dnf_cache_not_cleaned",
    "dockerfile.unpinned_dnf_package",
    "dockerfile.wget_progress_bar",
    "dockerfile.consecutive_run_instructions",
    "dockerfile.yarn_cache_kept",
    "dockerfile.unpinned_go_install",
    "dockerfile.wget_and_curl_both_used",
    "dockerfile.pointless_command_in_run",
    "dockerfile.cd_instead_of_workdir",
    "dockerfile.ln_replaces_bin_sh",
    "dockerfile.pipe_without_pipefail",
    "dockerfile.useradd_high_uid_without_no_log_init",
    "dockerfile.npm_cache_kept",
    "dockerfile.missing_cache_mount",
    "dockerfile.copy_without_dockerignore",
    "dockerfile.copies_ignored_file",
    "dockerfile.cache_unfriendly_copy",
    "dockerfile.missing_multi_stage",
    # hadolint parity
    # BuildKit build checks
    # -- instruction correctness, hadolint and BuildKit parity (LK250-LK299)
    "dockerfile.deprecated_maintainer",
    "dockerfile.relative_workdir",
    "dockerfile.overridden_instruction",
    "dockerfile.invalid_expose_port",
    "dockerfile.uppercase_expose_protocol",
    "dockerfile.expose_host_mapping",
    "dockerfile.add_instead_of_copy",
    "dockerfile.copy_many_to_non_directory",
    "dockerfile.unknown_copy_from_stage",
    "dockerfile.copy_from_own_stage",
    "dockerfile.duplicate_stage_name",
    "dockerfile.reserved_stage_name",
    "dockerfile.stage_name_casing",
    "dockerfile.from_as_casing",
    "dockerfile.inconsistent_instruction_casing",
    "dockerfile.shell_form_cmd",
    "dockerfile.constant_from_platform",
    "dockerfile.redundant_target_platform",
    "dockerfile.instruction_before_from",
    "dockerfile.env_same_instruction_reference",
    "dockerfile.relative_copy_destination",
    "dockerfile.invalid_label_key",
    "dockerfile.label_schema_violation",
    "dockerfile.copy_whole_filesystem",
    "dockerfile.user_by_name",
    "dockerfile.inline_ignore_comment",
    "dockerfile.empty_continuation_line",
    "dockerfile.undefined_arg_in_from",
    "dockerfile.invalid_default_arg_in_from",
    "dockerfile.undefined_variable",
    "dockerfile.legacy_key_value_format",
    "dockerfile.invalid_definition_description",
    "dockerfile.archive_copied_then_extracted",
    # -- end LK250-LK299
    "dockerfile.unsupported_dockerfile_feature",
    "dockerfile.misplaced_parser_directive",
    # security
)

COMPOSE_RULES: tuple[str, ...] = (
    # the product's compose families and hardening
    "compose.missing_healthcheck",
    "compose.unhealthy_dependency",
    "compose.dependency_not_awaited",
    "compose.missing_read_only",
    "compose.missing_pids_limit",
    "compose.missing_no_new_privileges",
    "compose.missing_cap_drop",
    "compose.privileged_service",
    "compose.host_socket_mounted",
    "compose.sensitive_host_path_mounted",
    "compose.host_network_mode",
    "compose.host_namespace_shared",
    "compose.dangerous_capability_added",
    "compose.unconfined_security_profile",
    "compose.literal_credential_in_environment",
    "compose.database_port_on_all_interfaces",
    "compose.port_on_all_interfaces",
    "compose.missing_resource_limits",
    "compose.oom_kill_disabled_without_memory_limit",
    "compose.root_user",
    "compose.logging_disabled",
    "compose.hardcoded_proxy_in_environment",
    "compose.host_device_exposed",
    "compose.shared_mount_propagation",
    "compose.tmpfs_allows_exec",
    # structure, schema and the merged view
    "compose.empty_compose_file",
    # versions, YAML pitfalls and legacy files
    "compose.obsolete_compose_version",
    "compose.compose_version_mismatch",
    "compose.unquoted_port",
    "compose.ambiguous_yaml_value",
    "compose.duplicate_key",
    "compose.legacy_compose_format",
)

BUILTIN_RULE_MODULES: tuple[str, ...] = (
    GENERAL_RULES + IMAGE_RULES + DOCKERFILE_RULES + COMPOSE_RULES
)
