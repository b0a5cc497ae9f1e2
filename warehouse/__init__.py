"""The warehouse: the DuckDB schema and every SQL statement perfgoals runs."""

from warehouse.compare import Comparison, compare
from warehouse.connect import connect, disk_problem, disk_words, storage_error, storage_guard
from warehouse.identity import derived_stale
from warehouse.load import (KnownDoc, doc_id_of, finish_run, forget_documents, known_documents, loaded_path_for_sha,
                            loaded_shas, record_document, start_run, table_id_of)
from warehouse.query import run_query, status_counts
from warehouse.schema import SCHEMA_VERSION, ensure_schema

__all__ = ["SCHEMA_VERSION", "Comparison", "KnownDoc", "compare", "connect", "derived_stale", "disk_problem", "disk_words", "doc_id_of", "ensure_schema", "finish_run", "forget_documents",
           "known_documents", "loaded_path_for_sha", "loaded_shas", "record_document", "run_query", "start_run",
           "status_counts", "storage_error", "storage_guard", "table_id_of"]
