"""PII recognizers: small classes in a registry that find personal information in text, and the scanners
that use them (`scan_text`, `classify_column`; `scan_database` in `.database`). See docs/discovery.md."""

from hogo.adapters.recognizers.base import Finding, Recognizer
from hogo.adapters.recognizers.registry import Registry, default_registry
from hogo.adapters.recognizers.scan import ColumnEntity, classify_column, scan_text

__all__ = [
    "ColumnEntity",
    "Finding",
    "Recognizer",
    "Registry",
    "classify_column",
    "default_registry",
    "scan_text",
]
