"""Fund source and base name hidden in a project name: ``司法救助-2023中央`` is 司法救助, central funds, 2023.

Units append the year and the level of government that pays (中央, 省级,
市级, 区级 …) to a project's name, so the same project reads differently
each year and from each fund. ``project_base_name`` is the name without
that suffix, the one that matches across years and funds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SOURCES: dict[str, str] = {
    "中央": "中央", "中央补助": "中央", "中央转移支付": "中央",
    "省级": "省级", "省": "省级", "市级": "市级", "市": "市级",
    "区级": "区级", "区": "区级", "县级": "县级", "县": "县级", "区县级": "区县级",
    "乡镇级": "乡镇级", "本级": "本级",
}
_SOURCE = "|".join(sorted(SOURCES, key=len, reverse=True))
_FUNDS = r"(?:财政)?(?:资金|补助资金|补助|专项资金|专项|转移支付资金|转移支付)?"
# -2023中央, —2023年市级资金, （2023年区级）, (中央), _2024省级; or glued 2023中央 (a year is needed then).
SUFFIX = re.compile(
    rf"(?:[-－—_~～\s]+|[（(])(?P<year>20\d{{2}})?年?度?(?P<source>{_SOURCE})?{_FUNDS}[）)]?$"
    rf"|(?P<glued_year>20\d{{2}})年?度?(?P<glued_source>{_SOURCE}){_FUNDS}$"
)
YEAR_SPAN = re.compile(r"[（(]\s*20\d{2}\s*[-－—~～至到]\s*20\d{2}\s*年?\s*[）)]$")


@dataclass(frozen=True)
class ProjectName:
    """A project name split into the name that stays the same and the fund source it was written with."""

    base: str
    fund_source: str | None


def split_project_name(name: str) -> ProjectName:
    """``"审判执行综合保障经费-2023市级"`` → (``审判执行综合保障经费``, ``市级``).

    ``"司法救助（2023年中央补助）"`` → (``司法救助``, ``中央``); ``"智慧医院建设（2024-2026年）"``
    → (``智慧医院建设``, None); ``"校舍维修改造工程"`` → itself, None. A suffix
    with neither a year nor a fund source (``"-一期"``) is part of the name.
    """
    span = YEAR_SPAN.search(name)
    if span and span.start() > 0:
        return ProjectName(name[: span.start()].rstrip(), None)
    m = SUFFIX.search(name)
    if m:
        year = m.group("year") or m.group("glued_year")
        source = m.group("source") or m.group("glued_source")
        base = name[: m.start()].rstrip("-－—_ ")
        if (year or source) and base:
            return ProjectName(base, SOURCES[source] if source else None)
    return ProjectName(name, None)
