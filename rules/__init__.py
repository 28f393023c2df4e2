"""lintkit's built-in rules, one module per rule.

Registration is explicit: a rule exists when its module is listed below. Each
listed module defines exactly one :class:`lintkit.rule.Rule` subclass. The lists
are grouped by the kind of file their rules check, so that linting Dockerfiles
never imports the compose rules (and the other way round): the registry imports
a group the first time a file of its kind is linted. A test checks that every
rule sits in the group of its kinds.
"""

from __future__ import annotations

GENERAL_RULES = (
    "general.syntax_error",
    "general.internal_error",
)

#: Rules for both kinds of file.
SHARED_RULES = (
    "images.mutable_image_tag",
    "compose.missing_healthcheck",
)

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
    "dockerfile.secret_in_arg_or_env",
    "dockerfile.literal_secret_value",
    "dockerfile.download_piped_to_shell",
    "dockerfile.add_remote_without_checksum",
    "dockerfile.world_writable_permissions",
    "dockerfile.final_user_is_root",
    "dockerfile.missing_user",
    "dockerfile.sudo_in_run",
    "dockerfile.system_upgrade_in_run",
    "dockerfile.secret_file_copied",
    "dockerfile.secret_file_in_context",
    "dockerfile.tls_verification_disabled",
    "dockerfile.untrusted_registry",
    "dockerfile.shellcheck_finding",
)

COMPOSE_RULES: tuple[str, ...] = (
    # the product's compose families and hardening
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
    "compose.invalid_compose_schema",
    "compose.unknown_compose_key",
    "compose.unresolved_compose_reference",
    "compose.undefined_resource",
    "compose.unused_resource",
    "compose.unknown_service_reference",
    "compose.dependency_cycle",
    "compose.container_name_with_replicas",
    "compose.duplicate_container_name",
    "compose.duplicate_published_port",
    "compose.missing_env_file",
    "compose.file_outside_project",
    "compose.duplicate_environment_variable",
    "compose.image_and_build_without_pull_policy",
    "compose.unknown_build_target",
    "compose.port_not_exposed",
    "compose.invalid_container_name",
    "compose.missing_project_name",
    "compose.service_without_image",
    # versions, YAML pitfalls and legacy files
    "compose.obsolete_compose_version",
    "compose.compose_version_mismatch",
    "compose.unquoted_port",
    "compose.ambiguous_yaml_value",
    "compose.duplicate_key",
    "compose.legacy_compose_format",
)

BUILTIN_RULE_MODULES: tuple[str, ...] = (
    GENERAL_RULES + SHARED_RULES + DOCKERFILE_RULES + COMPOSE_RULES
)
