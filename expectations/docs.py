"""GX's Data Docs for a run: the two suites and their results on every goal table and row the run loaded.

A static HTML site (``index.html``) in a folder the caller names, one
validation result per suite per run, so a bureau can open the folder and
see each run's checks next to the earlier ones. The results come from a
GX Checkpoint with an UpdateDataDocsAction over the run's rows, validated
once more as a whole (the per-document validations that fill dq_issues are
not stored).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import polars as pl

from expectations.catalog import Catalog, load_catalog
from expectations.rules import rules_of
from expectations.validate import _LOCK, LEVELS, checked_columns, facts_of, gx_context, suite_of

SITE = "perfgoals"
_sites: dict[str, str] = {}  # folder → site name, one site per folder per process
_names = itertools.count(1)


def _site(ctx: Any, folder: Path) -> str:
    key = str(folder.resolve())
    if key not in _sites:
        name = f"{SITE}_{len(_sites) + 1}"
        ctx.add_data_docs_site(name, {
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": key},
        })
        _sites[key] = name
    return _sites[key]


def write_data_docs(goal_tables: pl.DataFrame, indicators: pl.DataFrame, folder: str | Path, run_name: str,
                    catalog: Catalog | None = None) -> Path:
    """Validate the frames with both suites through a GX Checkpoint that writes Data Docs into ``folder``.

    ``goal_tables`` and ``indicators`` have the schemas of ``transform.records``, with ``seq`` unique across
    the run. Returns the site's ``index.html``.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    catalog = catalog or load_catalog()
    rules = rules_of(catalog)
    gx, ctx = gx_context()
    with _LOCK:
        site = _site(ctx, folder)
        for level, facts in facts_of(goal_tables, indicators, catalog).items():
            columns = checked_columns(level, rules)
            if facts.is_empty() or not columns:
                continue
            batch_definition, suite = suite_of(level, rules)
            n = next(_names)
            definition = ctx.validation_definitions.add(
                gx.ValidationDefinition(name=f"{LEVELS[level]}_{n}", data=batch_definition, suite=suite))
            checkpoint = ctx.checkpoints.add(gx.Checkpoint(
                name=f"{run_name}_{LEVELS[level]}_{n}", validation_definitions=[definition],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=[site])],
                result_format={"result_format": "SUMMARY"}))
            checkpoint.run(batch_parameters={"dataframe": facts.select(columns).to_pandas()},
                           run_id=gx.core.run_identifier.RunIdentifier(run_name=run_name))
    return folder / "index.html"
