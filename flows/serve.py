"""The nightly refresh: the ``ingest`` flow served as a Prefect deployment on a cron schedule.

A schedule needs a running Prefect server (the temporary one a flow call
starts cannot run schedules), so serving without ``PREFECT_API_URL`` is a
usage error that says how to start one. Serving blocks: the process is the
runner that starts each scheduled run.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from core.errors import UsageError
from flows.documents import discover
from flows.ingest import prefect_configured, unreachable_prefect
from flows.settings import IngestSettings

DEPLOYMENT = "nightly"
DEFAULT_CRON = "0 2 * * *"


def _need_server() -> None:
    if not prefect_configured():
        raise UsageError(
            "定时任务需要一个正在运行的 Prefect 服务器：先运行 perfgoals server（或 prefect server start），"
            "再设置 PREFECT_API_URL=http://127.0.0.1:4200/api。"
            " A schedule needs a running Prefect server: start one with `perfgoals server` (or"
            " `prefect server start`), then set PREFECT_API_URL=http://127.0.0.1:4200/api.")
    down = unreachable_prefect()
    if down:
        raise UsageError(
            f"PREFECT_API_URL 指向的 Prefect 服务器（{down}）没有响应：请先启动它（perfgoals server），或改正该地址。"
            f" The Prefect server at {down} (PREFECT_API_URL) does not answer: start it with `perfgoals server`, or"
            " correct the address.")


def serve_nightly(settings: IngestSettings, *, cron: str = DEFAULT_CRON, name: str = DEPLOYMENT) -> None:
    """Serve the deployment ``ingest/<name>`` that runs the ingest ``settings`` describe on ``cron``; blocks."""
    _need_server()
    discover(settings.paths)  # a path that does not exist is a usage error now, not at two in the morning
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron)
    except ValueError:
        raise UsageError(f"定时表达式 {cron!r} 无效，例如 \"0 2 * * *\" 表示每天 2 点。"
                         f" {cron!r} is not a cron expression; \"0 2 * * *\" means every day at 2:00.") from None
    from flows.tasks import ingest_flow

    ingest_flow.serve(name=name, cron=cron, parameters={"settings": settings.absolute()}, pause_on_shutdown=False,
                      description="Nightly refresh of the perfgoals warehouse: unchanged files are skipped.")


def start_server(host: str = "127.0.0.1", port: int = 4200) -> int:
    """Run `prefect server start` in the foreground; returns its exit status."""
    prefect = shutil.which("prefect") or str(Path(sys.executable).with_name("prefect"))
    return os.spawnv(os.P_WAIT, prefect, [prefect, "server", "start", "--host", host, "--port", str(port)])
