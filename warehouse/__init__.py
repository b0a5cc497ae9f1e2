"""The warehouse: the DuckDB schema and every SQL statement perfgoals runs.

Loading (``warehouse.load``, ``warehouse.identity``) needs polars and transform/; reading does not. Their names
are imported here on first use, so `import warehouse` (every read command, `perfgoals sql` among them) costs
DuckDB alone (issue 16).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from warehouse.compare import Comparison, compare
from warehouse.connect import connect, disk_problem, disk_words, storage_error, storage_guard
from warehouse.query import run_query, status_counts
from warehouse.schema import SCHEMA_VERSION, ensure_schema

if TYPE_CHECKING:
    from warehouse.identity import derived_stale
    from warehouse.load import (KnownDoc, Record, doc_id_of, finish_run, forget_documents, known_documents,
                                loaded_path_for_sha, loaded_shas, record_document, record_documents, start_run,
                                table_id_of)

# name → the module that defines it; none of these names is also a submodule's, which importing that submodule
# would bind over the name
_ON_FIRST_USE = {"derived_stale": "warehouse.identity"} | dict.fromkeys(
    ("KnownDoc", "Record", "doc_id_of", "finish_run", "forget_documents", "known_documents", "loaded_path_for_sha",
     "loaded_shas", "record_document", "record_documents", "start_run", "table_id_of"), "warehouse.load")

__all__ = ["SCHEMA_VERSION", "Comparison", "KnownDoc", "Record", "compare", "connect", "derived_stale", "disk_problem",
           "disk_words", "doc_id_of", "ensure_schema", "finish_run", "forget_documents", "known_documents",
           "loaded_path_for_sha", "loaded_shas", "record_document", "record_documents", "run_query", "start_run", "status_counts",
           "storage_error", "storage_guard", "table_id_of"]


def __getattr__(name: str) -> Any:
    """The loading names, imported when first asked for (PEP 562)."""
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module 'warehouse' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # asked once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
