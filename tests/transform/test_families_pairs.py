"""Families without comparing every pair of keys: the same families as the all-pairs comparison they replaced."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from transform.families import (FAMILIES_SCHEMA, MAX_SCATTERED_CHARS, MIN_QUALIFIED_CHARS, MIN_RATIO, _Cluster,
                                _compatible, _KeyProfile, _name, _profiles, assign_families, canonical,
                                family_id_of, same_indicator, scattered_allowance)
from transform.key_pairs import candidate_pairs

ROWS_SCHEMA = {"indicator_key": pl.String(), "level2_std": pl.String(), "target_unit_std": pl.String(),
               "table_id": pl.String()}  # family_input's


def _rows(*rows: tuple[str | None, str | None, str | None, str]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=ROWS_SCHEMA, orient="row")


# --------------------------------------------------------------------------- the implementation before the index
# Verbatim (but for names) from transform/families.py at e903400: rapidfuzz scores every pair of keys of a block.


def _old_same_indicator(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) >= MIN_QUALIFIED_CHARS and sorted(a) == sorted(b):
        return True
    shorter, longer = sorted((a, b), key=len)
    ops = Indel.opcodes(shorter, longer)
    if any(op.tag == "delete" for op in ops):
        return False
    inserts = [op.dest_end - op.dest_start for op in ops if op.tag == "insert"]
    if len(shorter) < MIN_QUALIFIED_CHARS:
        return False
    return (len(inserts) == 1 and inserts[0] <= len(shorter)) or sum(inserts) <= max(MAX_SCATTERED_CHARS,
                                                                                      (len(shorter) + 1) // 3)


class _OldClusters:
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
        if ca.tables & cb.tables:
            return
        if len(ca.keys) < len(cb.keys):
            ra, rb, ca, cb = rb, ra, cb, ca
        self.parent[rb] = ra
        ca.keys += cb.keys
        ca.tables |= cb.tables
        ca.rows.update(cb.rows)
        del self.data[rb]

    def clusters(self) -> Iterable[_Cluster]:
        return self.data.values()


def _old_link_block(block: list[_KeyProfile], clusters: _OldClusters, pinned: Mapping[str, str]) -> None:
    free = [p for p in block if p.key not in pinned]
    if len(free) < 2:
        return
    forms = [canonical(p.key) for p in free]
    by_chars: dict[str, list[int]] = {}
    for i, form in enumerate(forms):
        by_chars.setdefault("".join(sorted(form)), []).append(i)
    for same in by_chars.values():
        for i in same[1:]:
            if _compatible(free[same[0]], free[i]) and _old_same_indicator(forms[same[0]], forms[i]):
                clusters.union(free[same[0]].key, free[i].key)
    scores = process.cdist(forms, forms, scorer=fuzz.ratio, score_cutoff=MIN_RATIO, dtype=np.uint8, workers=-1)
    i_idx, j_idx = np.nonzero(np.triu(scores, k=1))
    order = np.argsort(-scores[i_idx, j_idx], kind="stable")
    for i, j in zip(i_idx[order], j_idx[order], strict=True):
        a, b = free[i], free[j]
        if not _compatible(a, b) or not _old_same_indicator(forms[i], forms[j]):
            continue
        clusters.union(a.key, b.key)


def _old_assign_families(rows: pl.DataFrame, overrides: Mapping[str, str] | None = None) -> pl.DataFrame:
    pinned = dict(overrides or {})
    profiles = _profiles(rows)
    known = {p.key for p in profiles}
    profiles += [_KeyProfile(k, None, None, frozenset(), 0) for k in pinned if k not in known]
    clusters = _OldClusters()
    for p in profiles:
        clusters.add(p.key, set(p.tables), p.rows, pinned.get(p.key))
    blocks: dict[str | None, list[_KeyProfile]] = {}
    for p in profiles:
        blocks.setdefault(p.level2, []).append(p)
    for level2, block in blocks.items():
        if level2 is not None:
            _old_link_block(block, clusters, pinned)
    out = []
    for cluster in clusters.clusters():
        name = _name(cluster)
        out += [{"family_id": family_id_of(name), "family_name": name, "indicator_key": k, "pinned": k in pinned}
                for k in cluster.keys]
    return pl.DataFrame(out, schema=FAMILIES_SCHEMA).sort("family_name", "indicator_key")


# --------------------------------------------------------------------------- hand cases, exact rows


def _families(frame: pl.DataFrame) -> list[tuple[str, str]]:
    return [(r["family_name"], r["indicator_key"]) for r in frame.iter_rows(named=True)]


def test_a_short_key_joins_the_keys_that_qualify_it_but_not_two_of_one_table():
    """诉讼服务站建设完成率 is the end of each unit's 宁阳…, 安河…, 平山…, equally similar, tried in key order; 宁阳… and
    安河… are written in one table (t2), so 安河…, tried after 宁阳… joined, stays apart."""
    got = assign_families(_rows(("诉讼服务站建设完成率", "质量指标", "%", "t1"), ("安河诉讼服务站建设完成率", "质量指标", "%", "t2"),
                                ("宁阳诉讼服务站建设完成率", "质量指标", "%", "t2"), ("平山诉讼服务站建设完成率", "质量指标", "%", "t3"),
                                ("诉讼服务站建设完成率", "质量指标", "%", "t4")))
    assert _families(got) == [("安河诉讼服务站建设完成率", "安河诉讼服务站建设完成率"), ("诉讼服务站建设完成率", "宁阳诉讼服务站建设完成率"),
                              ("诉讼服务站建设完成率", "平山诉讼服务站建设完成率"), ("诉讼服务站建设完成率", "诉讼服务站建设完成率")]


def test_characters_added_here_and_there_and_reordered_words_join():
    """法官人均审执结案数 is 法官人均结案数 with one run added; 邮件寄送成功率 is 邮寄成功率 with 件 and 送 added apart
    (2 characters, as many as a key of 5 may gain); 民事一审案件调解结案率 adds 4 characters in two runs to a key of 7, too
    many; 诉讼文书送达数 has the characters of 送达诉讼文书数."""
    got = assign_families(_rows(("法官人均结案数", "数量指标", "件/人", "a"), ("法官人均审执结案数", "数量指标", "件/人", "b"),
                                ("邮寄成功率", "质量指标", "%", "a"), ("邮件寄送成功率", "质量指标", "%", "b"),
                                ("民事案件调解率", "社会效益指标", "%", "a"), ("民事一审案件调解结案率", "社会效益指标", "%", "b"),
                                ("送达诉讼文书数", "数量指标", "件", "a"), ("诉讼文书送达数", "数量指标", "件", "b")))
    assert _families(got) == [("民事一审案件调解结案率", "民事一审案件调解结案率"), ("民事案件调解率", "民事案件调解率"),
                              ("法官人均结案数", "法官人均审执结案数"), ("法官人均结案数", "法官人均结案数"),
                              ("诉讼文书送达数", "诉讼文书送达数"), ("诉讼文书送达数", "送达诉讼文书数"),
                              ("邮寄成功率", "邮件寄送成功率"), ("邮寄成功率", "邮寄成功率")]


def test_the_most_similar_pair_joins_first():
    """结案率 reads as 案件结案率 (ratio 75) and as 审限内结案率 (67); 案件结案率 and 审限内结案率 share table t2, so only
    the first pair to be tried joins: the more similar one."""
    got = assign_families(_rows(("结案率", "质量指标", "%", "t1"), ("审限内结案率", "质量指标", "%", "t2"),
                                ("案件结案率", "质量指标", "%", "t2")))
    assert _families(got) == [("审限内结案率", "审限内结案率"), ("结案率", "案件结案率"), ("结案率", "结案率")]


def test_keys_of_the_same_characters_too_far_apart_are_not_tried_together():
    """The three hold the same characters; 培训干警法院 shares a table with each of the other two, so neither joins it,
    and those two (ratio 33, below MIN_RATIO) are never tried with each other: three families."""
    got = assign_families(_rows(("培训干警法院", "质量指标", "%", "t1"), ("培训干警法院", "质量指标", "%", "t2"),
                                ("干警培训法院", "质量指标", "%", "t1"), ("法院培训干警", "质量指标", "%", "t2")))
    assert _families(got) == [("培训干警法院", "培训干警法院"), ("干警培训法院", "干警培训法院"), ("法院培训干警", "法院培训干警")]
    assert fuzz.ratio("干警培训法院", "法院培训干警") < MIN_RATIO


# --------------------------------------------------------------------------- every pair same_indicator accepts

# Characters and words that make keys of one another with words added, left out, replaced or reordered.
CHARS = st.sampled_from("案件结率数满意度")
WORDS = st.sampled_from(("干警", "法院", "全院", "员额", "法官", "人均", "结案", "数", "数量", "率", "满意", "度", "同城", "异地",
                         "邮寄", "费", "费用", "案件", "民事", "调解", "撤诉", "审限内", "（员额法官）", "送达", "诉讼文书",
                         "受理", "本年度"))
KEYS = st.one_of(st.text(CHARS, max_size=14), st.lists(WORDS, min_size=1, max_size=6).map("".join))


@settings(max_examples=300, deadline=None)
@given(st.lists(KEYS, min_size=2, max_size=40))
def test_every_pair_same_indicator_accepts_is_a_candidate(keys):
    forms = [canonical(k) for k in keys]
    groups: dict[str, list[int]] = {}
    for i, form in enumerate(forms):
        groups.setdefault("".join(sorted(form)), []).append(i)
    got = candidate_pairs(forms, groups.values(), min_chars=MIN_QUALIFIED_CHARS, scattered=scattered_allowance)
    accepted = {(i, j) for i in range(len(forms)) for j in range(i + 1, len(forms))
                if _old_same_indicator(forms[i], forms[j])}
    assert accepted <= got
    assert all(i < j for i, j in got)


@settings(max_examples=200, deadline=None)
@given(st.lists(KEYS, min_size=2, max_size=40))
def test_same_indicator_is_the_rule_it_was(keys):
    forms = [canonical(k) for k in keys]
    assert [same_indicator(a, b) for a in forms for b in forms] == [_old_same_indicator(a, b) for a in forms
                                                                      for b in forms]


# --------------------------------------------------------------------------- the same families as all pairs scored

LEVEL2 = st.sampled_from(("质量指标", "质量指标", "质量指标", "数量指标", None))
UNITS = st.sampled_from(("%", "%", None, "件"))
# A key in one or two of eight tables: now and then two keys that read alike share one, and never join.
TABLES = st.sets(st.sampled_from([f"t{i}" for i in range(8)]), min_size=1, max_size=2)


@st.composite
def variants(draw: st.DrawFn) -> list[str]:
    """A key and its variants: a run cut out, characters left out here and there, a qualifier in front, the
    words reordered; keys that read as one indicator, or nearly."""
    words = draw(st.lists(WORDS, min_size=2, max_size=5))
    key = "".join(words)
    out = [key]
    for _ in range(draw(st.integers(1, 6))):
        how = draw(st.sampled_from(("cut", "thin", "qualify", "reorder")))
        if how == "cut":
            start = draw(st.integers(0, len(key) - 1))
            out.append(key[:start] + key[start + draw(st.integers(1, len(key) - start)):])
        elif how == "thin":
            gone = draw(st.sets(st.integers(0, len(key) - 1), max_size=3))
            out.append("".join(c for i, c in enumerate(key) if i not in gone))
        elif how == "qualify":
            out.append(draw(WORDS) + key)
        else:
            out.append("".join(draw(st.permutations(words))))
    return out


@st.composite
def family_input(draw: st.DrawFn) -> tuple[pl.DataFrame, dict[str, str]]:
    """Indicator rows over the variants of a few keys, each in a table or two, and a pin or two.

    Each key has one level2 and one unit: with two written equally often, which one ``_profiles`` takes is
    polars' choice (``mode``), and may differ between two calls.
    """
    keys = [k for group in draw(st.lists(variants(), min_size=1, max_size=3)) for k in group]
    rows = [(k, level2, unit, table) for k in dict.fromkeys(keys)
            for level2, unit, tables in [(draw(LEVEL2), draw(UNITS), draw(TABLES))] for table in sorted(tables)]
    pins = draw(st.dictionaries(st.sampled_from([*keys, "未写的指标"]), st.sampled_from([*keys, "某族"]), max_size=2))
    return _rows(*rows), pins


@settings(max_examples=300, deadline=None)
@given(family_input())
def test_the_families_are_those_of_all_pairs_scored(given_input):
    rows, pins = given_input
    assert_frame_equal(assign_families(rows, pins), _old_assign_families(rows, pins))
