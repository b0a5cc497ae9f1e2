"""Indicator families: the keys that name the same indicator in different units' words.

``干警满意度``, ``干警满意率`` and ``法院干警满意度`` are one family; ``民事案件调解率``
and ``民事案件撤诉率`` are two, though they differ in two characters only. The
rule (``same_indicator``) works on keys with synonyms folded (满意率/满意度,
数量/数, 费用/费): two keys are one indicator when they are equal, hold the
same characters in another order, or when one is the other with a short
qualifier added (法院…, 员额…). Words *replaced* (调解 → 撤诉, 同城 → 异地)
make a different indicator. ``transform.key_pairs`` finds the only pairs
the rule can accept without comparing every key with every other,
rapidfuzz scores them and gives the edit operations between them; the most
similar pairs are joined first.

Two more facts keep families apart: keys under different second-level
categories, or with different units of measure, are never one family; and
two keys written in the same goal table are two indicators (a unit does
not state one target twice), so their families are never joined.

A bureau can pin a key to a family by name (``overrides``): the key joins
nothing by similarity and belongs to the family of that name, which is
the family whose most written key has that name, if there is one, since
a family is identified by its name (``family_id_of``).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from transform.key_pairs import candidate_pairs

# Spellings that mean the same in an indicator's name, folded before comparing (in this order).
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("满意率", "满意度"), ("数量", "数"), ("费用", "费"), ("资费", "费"),
    ("单价", "费"), ("比例", "率"), ("比率", "率"), ("时限", "时间"), ("期限", "时间"), ("程度", "度"), ("的", ""),
    ("推进", "促进"), ("推动", "促进"), ("提高", "提升"), ("资金拨付", "拨款"), ("资金到位", "拨款到位"),
)
ITEM_COUNT = re.compile(r"(?<![案条])件数$|量$")  # 邮寄件数, 接听量 = 邮寄数, 接听数; not 案件数
BRACKETED = re.compile(r"^(?P<name>.+?)[(（](?P<qualifier>[^()（）]+)[)）]$")  # 人均结案数(员额法官)
# Words that only say whose or which period an indicator covers (全年受理案件数 = 受理案件数), dropped in front.
SCOPE_PREFIXES = ("本年度", "本年", "全年", "年度", "全院", "本院", "我院", "全局", "本局", "本单位")
MIN_RATIO = 50  # rapidfuzz ratio (0-100) below which two keys are not compared further
MIN_QUALIFIED_CHARS = 3  # a key shorter than this is not extended by a qualifier (率 ≠ 结案率)
MAX_SCATTERED_CHARS = 2  # characters added in several places that still leave the same indicator
FAMILIES_SCHEMA = {"family_id": pl.String(), "family_name": pl.String(), "indicator_key": pl.String(),
                   "pinned": pl.Boolean()}


def canonical(key: str) -> str:
    """``key`` with synonyms folded and a scope word dropped: ``全院干警满意率`` → ``干警满意度``,
    ``案件受理数量`` → ``案件受理数``, ``同城邮寄单价`` → ``同城邮寄费``."""
    if m := BRACKETED.match(key):  # a qualifier in brackets behind the name reads as one in front
        key = m.group("qualifier") + m.group("name")
    for spelling, folded in SYNONYMS:
        key = key.replace(spelling, folded)
    key = ITEM_COUNT.sub("数", key)
    for prefix in SCOPE_PREFIXES:
        if key.startswith(prefix) and len(key) - len(prefix) >= MIN_QUALIFIED_CHARS - 1:
            return key[len(prefix):]
    return key


def same_indicator(a: str, b: str) -> bool:
    """True when canonical keys ``a`` and ``b`` name the same indicator.

    ``干警满意度`` / ``法院干警满意度`` → True (a qualifier added);
    ``送达诉讼文书数`` / ``诉讼文书送达数`` → True (reordered);
    ``民事案件调解率`` / ``民事案件撤诉率`` → False (a word replaced);
    ``结案率`` / ``审限内结案率`` → True here: the wording allows it, and only
    the two being written in one table (``assign_families``) keeps them apart.
    """
    if a == b:
        return True
    if len(a) >= MIN_QUALIFIED_CHARS and sorted(a) == sorted(b):
        return True
    shorter, longer = sorted((a, b), key=len)
    ops = Indel.opcodes(shorter, longer)
    if any(op.tag == "delete" for op in ops):  # the shorter has characters the longer lacks: words replaced
        return False
    inserts = [op.dest_end - op.dest_start for op in ops if op.tag == "insert"]
    if len(shorter) < MIN_QUALIFIED_CHARS:
        return False
    # One qualifier added (员额 法官人均结案数, 执行案件 执行到位率), or a character or two here and there.
    return (len(inserts) == 1 and inserts[0] <= len(shorter)) or sum(inserts) <= scattered_allowance(len(shorter))


def scattered_allowance(n: int) -> int:
    """How many characters added here and there to a key of ``n`` characters still leave the same indicator."""
    return max(MAX_SCATTERED_CHARS, (n + 1) // 3)


@dataclass
class _Cluster:
    keys: list[str]
    tables: set[str]
    anchor: str | None = None
    rows: Counter[str] = field(default_factory=Counter)


class _Clusters:
    """Union-find over keys, refusing to join two clusters written in the same goal table."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.data: dict[str, _Cluster] = {}

    def add(self, key: str, tables: set[str], rows: int, anchor: str | None) -> None:
        self.parent[key] = key
        self.data[key] = _Cluster([key], set(tables), anchor, Counter({key: rows}))

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        ca, cb = self.data[ra], self.data[rb]
        if not ca.tables.isdisjoint(cb.tables):
            return
        if len(ca.keys) < len(cb.keys):
            ra, rb, ca, cb = rb, ra, cb, ca
        self.parent[rb] = ra
        ca.keys += cb.keys
        if len(ca.tables) < len(cb.tables):  # the smaller set goes into the larger, whichever has more keys
            ca.tables, cb.tables = cb.tables, ca.tables
        ca.tables |= cb.tables
        ca.rows.update(cb.rows)
        del self.data[rb]

    def clusters(self) -> Iterable[_Cluster]:
        return self.data.values()


@dataclass(frozen=True)
class _KeyProfile:
    key: str
    level2: str | None
    unit: str | None
    tables: frozenset[str]
    rows: int


def _profiles(rows: pl.DataFrame) -> list[_KeyProfile]:
    """One profile per key: its most common level2_std and unit, the tables it is written in, its row count."""
    grouped = rows.group_by("indicator_key").agg(
        pl.col("level2_std").drop_nulls().mode().sort().first().alias("level2"),  # a tie: the first in order
        pl.col("target_unit_std").drop_nulls().mode().sort().first().alias("unit"),
        pl.col("table_id").unique().alias("tables"),
        pl.len().alias("rows"),
    ).sort("indicator_key")
    return [_KeyProfile(r["indicator_key"], r["level2"], r["unit"], frozenset(r["tables"]), r["rows"])
            for r in grouped.iter_rows(named=True) if r["indicator_key"]]


def _compatible(a: _KeyProfile, b: _KeyProfile) -> bool:
    """Keys measured in different units are different indicators; a key without a unit fits any."""
    return not (a.unit and b.unit and a.unit != b.unit)


def _link_block(block: list[_KeyProfile], clusters: _Clusters, pinned: Mapping[str, str]) -> None:
    """Join the similar keys of one level2 block, most similar pairs first."""
    free = [p for p in block if p.key not in pinned]
    if len(free) < 2:
        return
    forms = [canonical(p.key) for p in free]
    # Reordered words (送达诉讼文书 / 诉讼文书送达) can score below MIN_RATIO: pair keys of the same characters too.
    by_chars: dict[str, list[int]] = {}
    for i, form in enumerate(forms):
        by_chars.setdefault("".join(sorted(form)), []).append(i)
    for same in by_chars.values():
        for i in same[1:]:
            if _compatible(free[same[0]], free[i]) and same_indicator(forms[same[0]], forms[i]):
                clusters.union(free[same[0]].key, free[i].key)
    # Only the pairs same_indicator can accept, scored and ordered as when rapidfuzz scored every pair: the
    # others were passed over one by one, so leaving them out changes nothing but the time.
    pairs = sorted(candidate_pairs(forms, by_chars.values(), min_chars=MIN_QUALIFIED_CHARS,
                                   scattered=scattered_allowance))
    if not pairs:
        return
    i_idx, j_idx = np.array(pairs, dtype=np.int64).T
    scores = process.cpdist([forms[i] for i in i_idx], [forms[j] for j in j_idx], scorer=fuzz.ratio,
                            score_cutoff=MIN_RATIO, dtype=np.uint8)
    kept = np.nonzero(scores)[0]
    order = kept[np.argsort(-scores[kept].astype(np.int16), kind="stable")]  # pairs are sorted by (i, j) already
    for i, j in zip(i_idx[order], j_idx[order], strict=True):
        a, b = free[i], free[j]
        if not _compatible(a, b) or not same_indicator(forms[i], forms[j]):
            continue
        clusters.union(a.key, b.key)


def _name(cluster: _Cluster) -> str:
    """The pinned name, else the key written in the most rows (then the shortest, then the first)."""
    if cluster.anchor:
        return cluster.anchor
    return min(cluster.rows, key=lambda k: (-cluster.rows[k], len(k), k))


def family_id_of(name: str) -> str:
    """A stable id for a family name: the same name gets the same id in every recomputation."""
    return hashlib.sha1(name.encode()).hexdigest()[:12]


def assign_families(rows: pl.DataFrame, overrides: Mapping[str, str] | None = None) -> pl.DataFrame:
    """Families for the indicator keys of ``rows`` (columns indicator_key, level2_std, target_unit_std, table_id).

    Returns one row per key: family_id, family_name, indicator_key, pinned. ``overrides`` maps a key to the
    family name a bureau pinned it to; keys pinned to one name are one family, whatever their wording.
    """
    pinned = dict(overrides or {})
    profiles = _profiles(rows)
    known = {p.key for p in profiles}
    profiles += [_KeyProfile(k, None, None, frozenset(), 0) for k in pinned if k not in known]
    clusters = _Clusters()
    for p in profiles:
        clusters.add(p.key, set(p.tables), p.rows, pinned.get(p.key))
    blocks: dict[str | None, list[_KeyProfile]] = {}
    for p in profiles:
        blocks.setdefault(p.level2, []).append(p)
    for level2, block in blocks.items():
        if level2 is not None:
            _link_block(block, clusters, pinned)
    out = []
    for cluster in clusters.clusters():
        name = _name(cluster)
        out += [{"family_id": family_id_of(name), "family_name": name, "indicator_key": k, "pinned": k in pinned}
                for k in cluster.keys]
    return pl.DataFrame(out, schema=FAMILIES_SCHEMA).sort("family_name", "indicator_key")
