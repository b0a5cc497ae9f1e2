"""The warehouse: the DuckDB schema and every SQL statement perfgoals runs."""

from warehouse.connect import connect
from warehouse.load import (KnownDoc, doc_id_of, finish_run, forget_documents, known_documents, loaded_path_for_sha, loaded_shas,
                            record_document, start_run, table_id_of)
from warehouse.compare import Comparison, compare
from warehouse.query import run_query, status_counts
from warehouse.schema import SCHEMA_VERSION, ensure_schema

__all__ = ["SCHEMA_VERSION", "Comparison", "KnownDoc", "compare", "connect", "doc_id_of", "ensure_schema", "finish_run", "forget_documents",
           "known_documents", "loaded_path_for_sha", "loaded_shas", "record_document", "run_query", "start_run",
           "status_counts", "table_id_of"]
