"""GX's Data Docs for a run: the two suites and the results of the validations that filled dq_issues.

A static HTML site (``index.html``) in a folder the caller names. Its
pages are the suite results of the run's own batches (``validate_many``
keeps them when asked), stored in the context's validation results store
and rendered by GX's site builder: nothing is validated a second time.
A run checked in several batches shows one result per batch and suite.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from expectations.validate import GX_LOCK, gx_context

SITE = "perfgoals"
_sites: dict[str, str] = {}  # folder → site name, one site per folder per process
_batches = itertools.count(1)  # batch identifiers, unique within the process's in-memory results store


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


def write_data_docs(results: Sequence[Any], folder: str | Path, run_name: str) -> Path:
    """Write the GX suite ``results`` of the run ``run_name`` as Data Docs into ``folder``; its index.html.

    The results are held in the process's results store only while the site is built, so a long-lived
    process (the nightly runner) does not gather every run's results in memory.
    """
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _gx, ctx = gx_context()
    run_id = RunIdentifier(run_name=run_name)
    with GX_LOCK:
        site = _site(ctx, folder)
        store = ctx.validation_results_store
        keys: list[Any] = []
        for result in results:
            suite = ExpectationSuiteIdentifier(name=result.suite_name)
            key = ValidationResultIdentifier(expectation_suite_identifier=suite, run_id=run_id,
                                             batch_identifier=f"batch-{next(_batches)}")
            store.set(key, result)
            keys += [key, suite]
        try:
            ctx.build_data_docs(site_names=[site], resource_identifiers=keys)
        finally:
            for key in keys[::2]:
                store.remove_key(key)
    return folder / "index.html"
