"""The warehouse: the DuckDB schema and every SQL statement perfgoals runs."""

from warehouse.connect import connect
from warehouse.load import (doc_id_of, finish_run, known_documents, loaded_shas, record_document,
                            start_run)

__all__ = ["connect", "doc_id_of", "finish_run", "known_documents", "loaded_shas", "record_document",
           "start_run"]
