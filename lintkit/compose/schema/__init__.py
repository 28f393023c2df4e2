"""Data: the Compose Specification JSON schema (``compose-spec.json``, Apache-2.0, see NOTICE).

Read by :mod:`lintkit.compose.validation`; this package holds no code so that the file ships as
package data.
"""
