"""Reading files on N local processes with Dask directly, for ``--workers N`` when no Prefect server is set.

Through Prefect, every document is a task run whose state changes go to a
server; on a small machine that server competes with the readers for the
same cores (measured: 2 processes no faster than 1 on 2 cores). Mapping
the jobs onto a Dask LocalCluster directly keeps the engine and drops the
bookkeeping: 500 documents in 90 s with 2 processes against 132 s with 1
(benchmarks/bulk.py's corpus). With a Prefect server configured, or with
``--dask-address``, the Prefect flow and its Dask task runner are used.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flows.documents import Job
from flows.process import Outcome, process_with_retries, settled
from flows.run import Mapper

# One reading process per worker (pdfplumber holds the GIL), no dashboard on a fixed port.
LOCAL_CLUSTER = {"threads_per_worker": 1, "processes": True, "dashboard_address": ":0"}
# Each file is read in a reader process of its worker (flows.readers); a daemonic worker may not have one.
WORKER_CONFIG = {"distributed.worker.daemon": False}


@contextmanager
def local_dask(workers: int) -> Iterator[Mapper]:
    """A mapper reading jobs on a local Dask cluster of ``workers`` processes, outcomes as they finish."""
    import dask
    from distributed import Client, LocalCluster, as_completed

    with dask.config.set(WORKER_CONFIG), LocalCluster(n_workers=workers, **LOCAL_CLUSTER) as cluster, \
            Client(cluster) as client:

        def mapper(jobs: list[Job]) -> Iterator[Outcome]:
            futures = client.map(process_with_retries, jobs, pure=False)
            return settled(futures, jobs, as_completed(futures))

        yield mapper
