"""How the recompute after an ingest (families and units over the whole warehouse) grows with the bureau.

    .venv/bin/python benchmarks/recompute.py [--units 500 2000 8000] [--seed 0] [--repeat 3]

After every ingest ``flows.identity.refresh_identity`` reads every
indicator key and every unit name written, computes indicator families
(``transform.families.assign_families``) and units
(``transform.units.identify_units``) afresh and writes them back. This
measures the three on synthetic warehouses of 500, 2,000 and 8,000 units,
built here without any document (reading documents is not what is timed):

* units are courts, procuratorates, bureaus … of 12 provinces, about 8
  goal tables a unit, each table writing its unit as the 6-digit code and
  the full name (most), the full name without the code, the name without
  its province (``宁河区人民法院``), or with a stray space or full-width
  letter; one unit in ten never writes its code;
* about 15 indicators a table, worded as ``tests/family_corpus.py``'s
  catalogue does (one wording per family and unit), plus each unit's own
  indicators of its own projects (``安河诉讼服务站建设完成率``; now and then the
  project without the place) so that the number of distinct keys grows
  with the units, as it does in a real bureau; a few keys pinned.

Rows are loaded with plain SQL (``INSERT … SELECT`` from the generated
frames) into a warehouse created by ``warehouse.connect``, as the tests
create one. In the same run, each (size, implementation) in its own child
process, one after the other: ``new`` is this checkout, ``old`` the code
before issue 16's recompute work (``/tmp/base-e903``, or ``--old``),
imported from there. Each times ``identify_units`` and ``assign_families``
on the frames ``warehouse.identity`` reads (``unit_input`` /
``family_input``, read once, outside the timing) and the whole
``refresh_identity`` on the DuckDB file (reading, computing, writing back);
best of ``--repeat`` runs (one when a run takes over 5 s). ``x old`` is
old / new. Each child writes its families and units to parquet, and the
table says whether old and new computed identical frames.
Nothing is asserted; timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OLD = Path("/tmp/base-e903")
sys.path.insert(0, str(ROOT / "tests"))

import family_corpus as fc  # noqa: E402

MARK = "RECOMPUTE-RESULT "
SLOW_S = 5.0  # a step slower than this is run once, not --repeat times
TABLES_PER_UNIT = (6, 10)
INDICATORS_PER_TABLE = (11, 19)
OWN_INDICATORS = (2, 4)  # per unit: the indicators of its own projects, keys no other unit writes
PINS = 5

PROVINCES = ("河北省", "山西省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省",
             "湖南省", "四川省")
FIRST, SECOND = "东西南北安平永宁新长青和清丰兴高临泰德", "阳城河山丰宁安泉川林江源溪州台原"
KINDS = ("人民法院", "人民检察院", "公安局", "司法局", "财政局", "教育局", "人民医院", "第一中学")
PLACES = "安宝昌城川大东丰福光海和河华吉江金康兰乐利林龙鹿明南宁平庆瑞山神盛石顺泰天通文西祥新兴阳"
PROJECTS = ("诉讼服务站", "智慧法庭", "档案数字化", "安防系统", "食堂改造", "执行指挥中心", "法治宣传栏", "网络专线")
TAILS = (("建设完成率", "质量指标", "%"), ("验收合格率", "质量指标", "%"), ("采购数量", "数量指标", "台"),
         ("覆盖率", "社会效益指标", "%"), ("完成时间", "时效指标", "天"), ("培训人次", "数量指标", "人次"),
         ("建设成本", "经济成本指标", "万元"))
LEVEL2_STD = {"成本指标": "经济成本指标"}


# --------------------------------------------------------------------------- synthetic warehouse rows


def _unit_names(rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    """n distinct units: (code, full name, name without the province)."""
    places = [(p, a + b + s) for p in PROVINCES for a in FIRST for b in SECOND for s in "县区" if a != b]
    picked = rng.sample([(p, c, k) for p, c in places for k in KINDS], n)
    return [(f"{10 + PROVINCES.index(p):02d}{i:04d}", p + c + k, c + k) for i, (p, c, k) in enumerate(picked)]


def _written(rng: random.Random, code: str, full: str, short: str, has_code: bool) -> tuple[str | None, str]:
    """How one goal table writes its unit."""
    r = rng.random()
    if has_code and r < 0.62:
        return code, full
    if has_code and r < 0.66:
        return code, full + " " if rng.random() < 0.5 else full.replace("人民", "人民\u200b")
    if r < 0.84:
        return None, full
    if r < 0.97:
        return None, short
    return None, short.replace("第一", "第１") if "第一" in short else " " + short


def synthetic_rows(n_units: int, seed: int) -> tuple[list[dict], list[dict], dict[str, str]]:
    """goal_tables rows, indicators rows and pins (indicator_key → family name) for ``n_units`` units."""
    rng = random.Random(seed)
    families = fc.FAMILIES
    goals: list[dict] = []
    indicators: list[dict] = []
    for code, full, short in _unit_names(rng, n_units):
        has_code = rng.random() >= 0.1
        wording = {f.name: rng.choice(f.variants) for f in families}
        own = [(rng.choice(PLACES) + rng.choice(PLACES) + rng.choice(PROJECTS), *rng.choice(TAILS))
               for _ in range(rng.randint(*OWN_INDICATORS))]
        for seq in range(rng.randint(*TABLES_PER_UNIT)):
            table_id = f"{code}-{seq}"
            unit_code, unit_name = _written(rng, code, full, short, has_code)
            goals.append({"table_id": table_id, "doc_id": code, "seq": seq, "unit_code": unit_code,
                          "unit_name": unit_name})
            rows = [(wording[f.name], LEVEL2_STD.get(f.level[1], f.level[1]), f.unit or None)
                    for f in rng.sample(families, rng.randint(*INDICATORS_PER_TABLE))]
            for project, tail, level2, unit in own:
                if rng.random() < 0.5:
                    name = project if rng.random() < 0.9 else project[2:]  # now and then without the place
                    rows.append((name + tail, level2, unit))
            seen: set[str] = set()
            for row_no, (key, level2, unit) in enumerate(rows, start=1):
                if key not in seen:  # a table states an indicator once
                    seen.add(key)
                    indicators.append({"table_id": table_id, "row_no": row_no, "indicator_key": key,
                                       "level2_std": level2, "target_unit_std": unit})
    keys = sorted({r["indicator_key"] for r in indicators})
    pins = {k: rng.choice(families).name for k in rng.sample(keys, min(PINS, len(keys)))}
    return goals, indicators, pins


# --------------------------------------------------------------------------- one implementation, in a child

CHILD = r"""
import json, sys, time
args = json.loads(sys.argv[1])
sys.path.insert(0, args["code"])
sys.path.insert(1, args["bench"])
import polars as pl
import duckdb
from recompute import synthetic_rows
from flows.identity import refresh_identity
from transform.families import assign_families
from transform.units import identify_units
from warehouse import connect
from warehouse.identity import family_input, family_overrides, unit_input

goals, indicators, pins = synthetic_rows(args["units"], args["seed"])
con = connect(args["db"])
g, i = pl.DataFrame(goals), pl.DataFrame(indicators)
con.register("g", g)
con.register("i", i)
con.execute("INSERT INTO store.goal_tables (table_id, doc_id, seq, unit_code, unit_name, kind)"
            " SELECT table_id, doc_id, seq, unit_code, unit_name, 'project' FROM g")
con.execute("INSERT INTO store.indicators (table_id, row_no, indicator_key, level2_std, target_unit_std)"
            " SELECT table_id, row_no, indicator_key, level2_std, target_unit_std FROM i")
con.executemany("INSERT INTO store.family_overrides VALUES (?, ?, now()::TIMESTAMP)", list(pins.items()))
con.unregister("g")
con.unregister("i")
written, rows, overrides = unit_input(con), family_input(con), family_overrides(con)


def best(step):
    times = []
    while len(times) < args["repeat"]:
        t = time.perf_counter()
        out = step()
        times.append(time.perf_counter() - t)
        if times[-1] > args["slow_s"]:
            break
    return min(times) * 1000, out


units_ms, units = best(lambda: identify_units(written))
families_ms, families = best(lambda: assign_families(rows, overrides))
refresh_ms, info = best(lambda: refresh_identity(con))
out = args["out"]
units.units.write_parquet(out + "-units.parquet")
units.aliases.write_parquet(out + "-aliases.parquet")
families.write_parquet(out + "-families.parquet")
stored = {t: con.sql(f"SELECT * FROM store.{t} ORDER BY ALL").pl() for t in ("units", "unit_aliases",
                                                                              "indicator_families")}
for t, frame in stored.items():
    frame.write_parquet(out + f"-store-{t}.parquet")
print(args["mark"] + json.dumps({"units_ms": units_ms, "families_ms": families_ms, "refresh_ms": refresh_ms,
      "written": written.height, "rows": rows.height, "keys": info.n_keys, "families": info.n_families,
      "units": info.n_units}))
"""


def measure(code: Path, n_units: int, seed: int, repeat: int, work: Path, label: str) -> dict:
    """One implementation (the checkout at ``code``) on one synthetic warehouse, in a fresh child process."""
    out = work / f"{label}-{n_units}"
    args = {"code": str(code), "bench": str(ROOT / "benchmarks"), "units": n_units, "seed": seed, "repeat": repeat,
            "slow_s": SLOW_S, "db": str(out) + ".duckdb", "out": str(out), "mark": MARK}
    print(f"  {label} {n_units} units …", end="", flush=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PERFGOALS_RULES")}
    proc = subprocess.run([sys.executable, "-c", CHILD, json.dumps(args)], cwd=work, env=env, capture_output=True,
                          text=True)
    lines = [line for line in proc.stdout.splitlines() if line.startswith(MARK)]
    if proc.returncode or not lines:
        sys.exit(f"\n{label} {n_units}: the child exited with {proc.returncode}:\n{proc.stderr[-3000:]}")
    result = json.loads(lines[-1][len(MARK):])
    print(f" {result['refresh_ms'] / 1000:.1f} s", flush=True)
    return result


def same_output(work: Path, n_units: int) -> bool:
    """True when old and new wrote identical families, units and aliases, computed and as stored."""
    import polars as pl

    names = ("units", "aliases", "families", "store-units", "store-unit_aliases", "store-indicator_families")
    return all(pl.read_parquet(work / f"new-{n_units}-{n}.parquet").equals(
        pl.read_parquet(work / f"old-{n_units}-{n}.parquet")) for n in names)


def table(rows: list[tuple[int, dict, dict, bool]]) -> str:
    """One line a size: its inputs, ms of each step new and old, and old / new."""
    head = (f"{'units':>6}{'written':>8}{'rows':>9}{'keys':>7}"
            + "".join(f"{step + ' ms':>16}{'old ms':>10}{'x old':>7}" for step in ("units", "families", "refresh"))
            + f"{'same':>6}")
    out = [head, "-" * len(head)]
    for n, new, old, same in rows:
        line = f"{n:>6}{new['written']:>8}{new['rows']:>9}{new['keys']:>7}"
        for step in ("units_ms", "families_ms", "refresh_ms"):
            line += f"{new[step]:>16.1f}{old[step]:>10.1f}{old[step] / new[step]:>7.1f}"
        out.append(line + f"{'yes' if same else 'NO':>6}")
    return "\n".join(out)


def growth(rows: list[tuple[int, dict, dict, bool]], impl: int, step: str) -> str:
    """How each step's time grew from one size to the next, against how the units grew."""
    parts = []
    for (n0, *r0), (n1, *r1) in zip(rows, rows[1:]):
        parts.append(f"{n0}->{n1} units (x{n1 / n0:.0f}): x{r1[impl][step] / r0[impl][step]:.1f}")
    return ", ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, nargs="+", default=[500, 2000, 8000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--old", type=Path, default=OLD)
    args = parser.parse_args()
    if not (args.old / "transform" / "units.py").exists():
        sys.exit(f"no old checkout at {args.old}: make one with `git worktree add {args.old} e903400`")
    started = time.perf_counter()
    rows = []
    with tempfile.TemporaryDirectory(prefix="perfgoals-recompute-") as tmp:
        work = Path(tmp)
        for n in args.units:
            new = measure(ROOT, n, args.seed, args.repeat, work, "new")
            old = measure(args.old, n, args.seed, args.repeat, work, "old")
            rows.append((n, new, old, same_output(work, n)))
    print()
    print(table(rows))
    print()
    for step in ("units_ms", "families_ms", "refresh_ms"):
        print(f"{step[:-3]:<9} new: {growth(rows, 0, step)}")
        print(f"{'':<9} old: {growth(rows, 1, step)}")
    print(f"\n{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; whole benchmark "
          f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
