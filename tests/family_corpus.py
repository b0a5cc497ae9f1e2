"""A corpus of 30 district/county courts' goal tables for measuring indicator-family grouping.

Run ``.venv/bin/python tests/family_corpus.py OUT_DIR [SEED]``: it writes
``court_01.docx`` … ``court_30.docx`` (layout A, 2–3 goal tables each,
10–25 indicator rows a table) and ``truth.json``, one record per indicator
row with the 三级指标 cell as written and the TRUE family it belongs to.

What the corpus exercises (see ``shared/domain.md``, "Reading the numbers
across units"): a program that groups indicator names meaning the same
thing across units must

* JOIN the wording variants different finance officers write for one
  indicator (``FAMILIES[i].variants``): qualifier prefixes (干警满意度 /
  全院干警满意度), 度 vs 率, 数 vs 数量, inserted words (员额法官人均结案数),
  unit hints in brackets (审限内结案率（%）), reorderings (受理民事案件数),
  synonyms a reviewer accepts (收案数, 妥投率, 资费);
* leave to a bureau's pins (``perfgoals family pin``), not to wording,
  synonyms with no words in common (收案数 for 案件受理数, 妥投率 for
  成功率) and names a reviewer would call different indicators (送达 is
  not 邮寄, 服务期限 not 保障期限, 系统可用率 not 正常运行率): the corpus
  holds none of these;
* keep APART the trap groups (``Family.trap``): near-identical names that
  mean different things (民事案件调解率 / 民事案件撤诉率, 同城邮寄费 /
  异地邮寄费, 结案率 / 审限内结案率, 干警满意度 / 当事人满意度 …).

Each unit picks one wording per family and keeps it in all its tables, so a
table never holds two variants of one family. Families of the 审判执行 and
邮寄送达 projects appear in most units, those of rarer projects (司法救助,
人民陪审员) and low-``p`` families in a few. Values vary by unit and stay
consistent inside a table (民事 ≤ 全部受理数, 邮寄费 × 件数 = 预算数).
Deterministic: one ``random.Random(seed)``, DOCX zips normalized by
``make_samples.save_docx``.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).parent))

from make_samples import build_docx  # noqa: E402
from sample_units import goal_table  # noqa: E402

Ctx = dict[str, object]
Value = Callable[[random.Random, Ctx], str]


# --------------------------------------------------------------------------- target values


def _ge(rng: random.Random, ctx: Ctx) -> str:
    """The unit's ≥ operator; now and then none at all, as in the seed's ``95%``."""
    return "" if rng.random() < 0.15 else str(ctx["ge"])


def _num(v: float) -> str:
    return f"{v:g}"


def pct(lo: float, hi: float, step: float = 1.0) -> Value:
    """``≥95%``: a rate between lo and hi on a grid of ``step``."""
    return lambda rng, ctx: f"{_ge(rng, ctx)}{_num(round(lo + step * rng.randint(0, round((hi - lo) / step)), 1))}%"


def le_pct(lo: float, hi: float) -> Value:
    """``≤2.5%``: a ceiling rate (改判发回率) in half-percent steps."""
    return lambda rng, ctx: f"≤{_num(lo + 0.5 * rng.randint(0, round((hi - lo) * 2)))}%"


def num(lo: int, hi: int, unit: str, step: int = 1) -> Value:
    """``≥260件/人``: a count between lo and hi rounded to ``step``."""
    return lambda rng, ctx: f"{ctx['ge']}{rng.randint(lo // step, hi // step) * step}{unit}"


def share(key: str, lo: float, hi: float, unit: str = "件") -> Value:
    """A count that is a share of a unit/table total (民事案件 of all cases), so totals stay consistent."""
    return lambda rng, ctx: f"{ctx['ge']}{round(int(ctx[key]) * rng.uniform(lo, hi))}{unit}"


def given(template: str) -> Value:
    """A value computed for the table (邮寄单价, 预算数), formatted with the table context."""
    return lambda rng, ctx: template.format(**ctx)


def choice(*options: str) -> Value:
    return lambda rng, ctx: rng.choice(options)


# --------------------------------------------------------------------------- the family catalogue

QTY, QUAL, TIME, COST = ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("产出指标", "成本指标")
SOC, SUS = ("效益指标", "社会效益指标"), ("效益指标", "可持续影响指标")
SAT = ("满意度指标", "服务对象满意度指标")
LEVEL_ORDER = (QTY, QUAL, TIME, COST, SOC, SUS, SAT)  # layout A's row order


@dataclass(frozen=True)
class Family:
    """One TRUE indicator family: canonical name (its id), levels, unit, value, wordings, trap group."""

    name: str
    level: tuple[str, str]
    unit: str
    value: Value
    trap: str | None  # families sharing a trap group look alike but must stay apart
    p: float  # chance that a table of one of ``projects`` includes it
    projects: str  # project kinds (keys of PROJECTS) or "ALL"
    desc: str  # the short explanation some units write as 绩效指标描述
    variants: tuple[str, ...]  # the canonical name first


def F(name: str, level: tuple[str, str], unit: str, value: Value, trap: str | None, p: float,
      projects: str, desc: str, *others: str) -> Family:
    return Family(name, level, unit, value, trap, p, projects, desc, (name, *others))


FAMILIES: tuple[Family, ...] = (
    # 审判执行综合保障 (CASE): case volumes, efficiency, quality, outcomes
    F("案件受理数", QTY, "件", share("cases", 1, 1), "intake", .85, "CASE", "全年受理各类案件数量",
      "案件受理数量", "受理案件数", "全年受理案件数"),
    F("民事案件受理数", QTY, "件", share("cases", .6, .72), "intake", .8, "CASE", "全年受理民事案件数量",
      "民事案件受理数量", "受理民事案件数"),
    F("刑事案件受理数", QTY, "件", share("cases", .03, .06), "intake", .65, "CASE", "全年受理刑事案件数量",
      "刑事案件受理数量", "受理刑事案件数"),
    F("行政案件受理数", QTY, "件", num(40, 400, "件"), "intake", .3, "CASE", "全年受理行政案件数量",
      "行政案件受理数量", "受理行政案件数"),
    F("执行案件受理数", QTY, "件", share("cases", .18, .3), "intake", .55, "CASE", "全年受理执行案件数量",
      "执行案件受理数量", "受理执行案件数"),
    F("法官人均结案数", QTY, "件/人", num(180, 330, "件/人"), None, .75, "CASE", "员额法官年人均审执结案件数",
      "员额法官人均结案数", "法官人均结案数量", "人均结案数（员额法官）"),
    F("结案率", QUAL, "%", pct(92, 99), "closing", .6, "CASE", "全年审执结案件占受理案件比例",
      "案件结案率", "全年结案率"),
    F("审限内结案率", QUAL, "%", pct(93, 99), "closing", .75, "CASE", "法定审限内审结案件占比",
      "法定审限内结案率", "审限内结案率（%）", "案件审限内结案率"),
    F("一审服判息诉率", QUAL, "%", pct(85, 95, .5), "appeal", .7, "CASE", "一审裁判后当事人未上诉、未申诉的比例",
      "一审案件服判息诉率", "一审服判息诉率（%）"),
    F("一审判决改判发回率", QUAL, "%", le_pct(1, 3), "appeal", .3, "CASE", "一审判决被二审改判、发回重审的比例",
      "一审判决案件被改判发回重审率", "一审改判发回率"),
    F("执行到位率", QUAL, "%", pct(40, 65), "enforce", .45, "CASE", "执行到位标的额占申请执行标的额比例",
      "执行标的到位率", "执行案件执行到位率"),
    F("执行完毕率", QUAL, "%", pct(25, 45), "enforce", .35, "CASE", "执行完毕结案的案件占比"),
    F("服务验收合格率", QUAL, "%", choice("100%", "≥98%"), None, .5, "CASE MAIL IT", "外包服务经验收合格的比例",
      "外包服务验收合格率", "服务质量验收合格率"),
    F("民事案件调解率", SOC, "%", pct(15, 25, .5), "civil", .7, "CASE", "以调解方式结案的民事案件占比",
      "民事调解率", "民事案件调解结案率"),
    F("民事案件撤诉率", SOC, "%", pct(15, 28, .5), "civil", .55, "CASE", "以撤诉方式结案的民事案件占比",
      "民事撤诉率"),
    F("审判效率提升", SOC, "", choice("显著提升", "明显提升", "有效提升"), None, .4, "CASE MAIL IT", "缩短办案周期，提高审判效率",
      "提高审判效率", "审判效率", "审判工作效率提升"),
    # 诉讼文书邮寄送达 (MAIL)
    F("邮寄数量", QTY, "件", given("{ge}{mail_total}件"), "mail_volume", .8, "MAIL", "全年诉讼文书邮寄送达数量",
      "邮寄送达数量", "邮寄件数"),
    F("同城邮寄数量", QTY, "件", given("{ge}{mail_city}件"), "mail_volume", .75, "MAIL", "同城邮寄诉讼文书数量",
      "同城邮件数量", "同城邮寄件数"),
    F("异地邮寄数量", QTY, "件", given("{ge}{mail_remote}件"), "mail_volume", .7, "MAIL", "异地邮寄诉讼文书数量",
      "异地邮件数量", "异地邮寄件数"),
    F("邮寄成功率", QUAL, "%", pct(90, 98), "mail_rate", .7, "MAIL", "邮件成功妥投的比例",
      "邮寄送达成功率"),
    F("地址、邮编准确率", QUAL, "%", pct(95, 99), None, .5, "MAIL", "收件地址及邮编填写准确的比例",
      "地址邮编准确率"),
    F("邮寄及时率", TIME, "%", pct(85, 98), "mail_rate", .7, "MAIL", "文书形成后按时交寄的比例",
      "及时邮寄率", "邮件寄送及时率"),
    F("同城邮寄费", COST, "元/件", given("{price_city}元/件"), "postage", .75, "MAIL", "同城邮件单件资费",
      "同城邮寄单价", "同城邮寄费用", "同城邮件资费"),
    F("异地邮寄费", COST, "元/件", given("{price_remote}元/件"), "postage", .7, "MAIL", "异地邮件单件资费",
      "异地邮寄单价", "异地邮寄费用", "异地邮件资费"),
    # 诉讼服务中心运行维护 (SVC) and 信息化建设运维 (IT)
    F("诉讼服务接待人次", QTY, "人次", num(5000, 40000, "人次", 100), None, .8, "SVC", "诉讼服务中心全年接待来访人次",
      "诉讼服务中心接待人次", "诉讼服务大厅接待人次"),
    F("12368热线接听量", QTY, "次", num(3000, 15000, "次", 100), None, .6, "SVC", "12368诉讼服务热线全年接听次数",
      "12368诉讼服务热线接听量", "12368热线来电接听数量"),
    F("运维设备数量", QTY, "台（套）", num(120, 600, "台（套）", 10), None, .7, "IT", "纳入运维范围的信息化设备数量",
      "运维设备台数", "信息化设备运维数量", "维护设备数量"),
    F("设备完好率", QUAL, "%", pct(95, 99), None, .7, "SVC IT", "设施设备处于完好状态的比例",
      "设施设备完好率", "设备完好率（%）"),
    F("系统正常运行率", QUAL, "%", choice("≥98%", "≥99%", "≥99.5%"), None, .75, "IT", "信息系统全年正常运行时间占比",
      "信息系统正常运行率", "系统运行正常率"),
    F("电子卷宗随案生成率", QUAL, "%", pct(90, 100), "ecase", .6, "IT", "案件电子卷宗随案同步生成的比例",
      "电子卷宗随案同步生成率", "电子卷宗生成率"),
    F("电子卷宗深度应用率", QUAL, "%", pct(60, 90), "ecase", .3, "IT", "电子卷宗用于阅卷、合议、文书生成的比例",
      "电子卷宗深度应用比例"),
    F("故障响应时间", TIME, "小时/天", choice("≤1天", "≤2小时", "≤4小时", "≤30分钟"), "fault", .7, "SVC IT",
      "接到报修后响应的时限", "故障响应时限", "设备故障响应时间"),
    F("故障修复时间", TIME, "小时/天", choice("≤2天", "≤24小时", "≤3天", "≤48小时"), "fault", .5, "SVC IT",
      "故障报修后修复的时限", "故障修复时限"),
    F("当事人诉讼便利度", SOC, "", choice("明显改善", "显著提升"), None, .6, "SVC", "当事人立案、查询、缴费等诉讼活动的便利程度",
      "诉讼便利程度", "群众诉讼便利度"),
    F("当事人满意度", SAT, "%", pct(85, 95), "satisfaction", .8, "SVC", "来访当事人对诉讼服务的满意程度",
      "诉讼当事人满意度", "当事人满意率", "来访当事人满意度"),
    # 司法救助 (AID)
    F("司法救助人数", QTY, "人", num(10, 60, "人"), "aid_count", .8, "AID", "全年获得司法救助的当事人人数",
      "救助人数", "受救助人数", "救助当事人人数"),
    F("司法救助案件数", QTY, "件", num(8, 50, "件"), "aid_count", .5, "AID", "全年办理司法救助案件数量",
      "救助案件数", "司法救助案件数量"),
    F("救助资金发放合规率", QUAL, "%", choice("100%"), None, .7, "AID", "救助资金按规定审批发放的比例",
      "救助金发放合规率", "司法救助资金发放合规率"),
    F("救助资金发放及时率", TIME, "%", choice("100%", "≥95%"), "timely", .75, "AID", "决定救助后按时发放救助金的比例",
      "救助金发放及时率", "司法救助金发放及时率"),
    F("涉诉信访化解率", SOC, "%", pct(80, 95), None, .6, "AID", "涉诉信访案件化解的比例",
      "涉诉信访案件化解率", "涉法涉诉信访化解率"),
    F("受救助人满意度", SAT, "%", pct(88, 96), "satisfaction", .75, "AID", "受救助当事人对救助工作的满意程度",
      "救助对象满意度", "受助当事人满意度"),
    # 人民陪审员 (JUROR)
    F("人民陪审员人数", QTY, "人", num(40, 220, "人"), None, .7, "JUROR", "在册人民陪审员人数",
      "人民陪审员数量", "陪审员人数"),
    F("人民陪审员参审案件数", QTY, "件", num(300, 3000, "件", 10), "juror", .75, "JUROR", "人民陪审员参与审理的案件数量",
      "陪审员参审案件数量", "人民陪审员参审案件数量"),
    F("人民陪审员参审率", QUAL, "%", pct(60, 90), "juror", .55, "JUROR", "一审普通程序案件人民陪审员参审的比例",
      "陪审员参审率"),
    F("人民陪审员培训人次", QTY, "人次", num(40, 400, "人次"), None, .4, "JUROR", "全年组织人民陪审员培训人次",
      "陪审员培训人次", "培训陪审员人次"),
    F("陪审员补助发放及时率", TIME, "%", choice("100%", "≥95%"), "timely", .7, "JUROR", "陪审补助按月及时发放的比例",
      "人民陪审员补助发放及时率", "陪审补助发放及时率"),
    F("促进司法民主", SOC, "", choice("有效促进", "明显提升"), None, .5, "JUROR", "扩大人民群众有序参与司法",
      "推进司法民主", "扩大司法民主"),
    F("人民陪审员满意度", SAT, "%", pct(90, 97), "satisfaction", .7, "JUROR", "人民陪审员对履职保障的满意程度",
      "陪审员满意度", "陪审员满意率"),
    # every project
    F("保障期限", TIME, "年", choice("1年", "1年", "12个月", "一年"), None, .6, "ALL", "项目保障期限",
      "保障时限", "项目保障期限"),
    F("拨款到位及时率", TIME, "%", choice("100%", "≥95%"), "timely", .55, "ALL", "财政资金按时拨付到位的比例",
      "资金拨付及时率", "资金到位及时率"),
    F("项目总成本", COST, "万元", given("{cost}万"), None, .75, "ALL", "项目全年支出总额",
      "项目成本", "项目总成本费用"),
    F("为审判提供长效保障", SUS, "", choice("有效保障", "长期有效", "有效"), None, .6, "ALL", "为审判执行工作提供持续保障",
      "为审判提供长效有力保障", "为审判工作提供长效保障", "审判工作长效保障"),
    F("干警满意度", SAT, "%", pct(90, 98), "satisfaction", .85, "ALL", "全院干警对保障工作的满意程度",
      "法院干警满意度", "全院干警满意度", "干警满意率"),
)

# Project kinds: base names, budget range (万元, None = from the mail volumes), purpose, goal, and a weight for
# how often a unit has one (审判执行 nearly everywhere, so its families are the ones compared across most units).
PROJECTS: dict[str, tuple[tuple[str, ...], tuple[int, int] | None, str, str, float]] = {
    "CASE": (("审判执行综合保障经费", "审判执行业务经费", "法院办案业务经费"), (150, 600),
             "用于案件审理、执行过程中的卷宗归档、文书印制、审判辅助事务外包等支出。",
             "1.保障审判执行工作顺利开展，完成全年审判执行任务；2.提高审判质效。", 3.0),
    "MAIL": (("诉讼文书邮寄送达费", "{short}法院邮寄送达服务费"), None,
             "用于诉讼文书同城及异地邮寄送达。", "1.保障诉讼文书及时准确送达，缩短送达周期，提高审判效率。", 1.5),
    "SVC": (("诉讼服务中心运行维护经费",), (20, 80),
            "用于诉讼服务中心自助设备、12368诉讼服务热线及网上立案系统的运行维护。",
            "1.保障诉讼服务中心正常运转，为当事人提供便捷高效的诉讼服务。", .5),
    "IT": (("信息化建设运维经费", "智慧法院信息化运维费"), (60, 300),
           "用于审判业务系统、科技法庭、电子卷宗系统及网络设备的运行维护。",
           "1.保障信息化系统稳定运行；2.推进电子卷宗随案生成和深度应用。", .5),
    "AID": (("司法救助资金", "司法救助"), (10, 60),
            "向符合条件的案件当事人发放司法救助金。", "1.及时足额发放司法救助金，帮助困难当事人解决生活困难。", .5),
    "JUROR": (("人民陪审员经费", "人民陪审员补助经费"), (10, 50),
              "用于人民陪审员参审补助、交通补助及履职培训。", "1.保障人民陪审员依法参审，推进司法民主。", .4),
}

# (province prefix, county/district, short name for project titles); codes are assigned in order.
COURTS: tuple[tuple[str, str, str], ...] = tuple(
    ("天津市", d, d.rstrip("区").removesuffix("新")) for d in (
        "蓟州区", "宁河区", "武清区", "宝坻区", "和平区", "河东区", "河西区", "南开区", "河北区", "红桥区",
        "东丽区", "西青区", "津南区", "北辰区", "静海区", "滨海新区")
) + tuple(
    ("河北省", c, c if len(c) == 2 else c[:-1]) for c in (
        "正定县", "平山县", "赞皇县", "行唐县", "灵寿县", "高邑县", "深泽县", "无极县", "元氏县", "赵县",
        "井陉县", "晋州市", "新乐市", "辛集市")
)


@dataclass(frozen=True)
class TruthRow:
    """One indicator row written, with its true family."""

    file: str
    unit_code: str
    unit_name: str
    table_seq: int
    row_no: int
    level3: str
    family: str


# --------------------------------------------------------------------------- generation


def _unit_code(i: int) -> str:
    """Tianjin courts 2161xx (蓟州 = 216101 as in the seed), Hebei courts 1301xx."""
    province, _, _ = COURTS[i]
    return f"2161{i + 1:02d}" if province == "天津市" else f"1301{i - 15:02d}"


def _weighted_sample(rng: random.Random, kinds: list[str], k: int) -> list[str]:
    chosen: list[str] = []
    while len(chosen) < k:
        rest = [x for x in kinds if x not in chosen]
        chosen.append(rng.choices(rest, weights=[PROJECTS[x][4] for x in rest])[0])
    return chosen


def _table_context(rng: random.Random, unit: Ctx, kind: str) -> Ctx:
    """Numbers one table's values share: budget, cost and, for mail, volumes and postage that add up."""
    ctx = dict(unit)
    budget_range = PROJECTS[kind][1]
    if budget_range is None:
        city, remote = rng.randint(30, 250) * 100, rng.randint(10, 100) * 100
        pc, pr = rng.randint(15, 25), rng.randint(28, 40)
        budget = round((city * pc + remote * pr) / 10000, 2)
        ctx.update(mail_city=city, mail_remote=remote, mail_total=city + remote, price_city=pc, price_remote=pr)
    else:
        budget = round(rng.uniform(*budget_range), rng.choice((0, 0, 1)))
    ctx.update(budget=f"{budget:.2f}", cost=_num(budget))
    return ctx


def _pick_families(rng: random.Random, kind: str) -> list[Family]:
    """10–25 families of the project, each level1 (产出, 效益, 满意度) present, in layout A's order."""
    pool = [f for f in FAMILIES if f.projects == "ALL" or kind in f.projects.split()]
    chosen = [f for f in pool if rng.random() < f.p]
    for level1 in ("产出指标", "效益指标", "满意度指标"):
        if not any(f.level[0] == level1 for f in chosen):
            chosen.append(max((f for f in pool if f.level[0] == level1), key=lambda f: f.p))
    spare = sorted((f for f in pool if f not in chosen), key=lambda f: -f.p - rng.random() * 0.3)
    chosen += spare[: max(0, 10 - len(chosen))]
    chosen = sorted(chosen, key=lambda f: -f.p)[:25]
    return sorted(chosen, key=lambda f: (LEVEL_ORDER.index(f.level), FAMILIES.index(f)))


def _wording(rng: random.Random, family: Family) -> str:
    """The unit's wording of a family: the canonical name a little more often than each variant."""
    if len(family.variants) == 1 or rng.random() < 0.35:
        return family.variants[0]
    return rng.choice(family.variants[1:])


def make_corpus(out_dir: Path, seed: int = 0, n_units: int = 30) -> list[TruthRow]:
    """Write n_units DOCX files into out_dir; return the truth, one row per indicator row written."""
    if not 1 <= n_units <= len(COURTS):
        raise ValueError(f"n_units must be 1..{len(COURTS)}")
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    truth: list[TruthRow] = []
    for i in range(n_units):
        province, county, short = COURTS[i]
        code, name = _unit_code(i), f"{province}{county}人民法院"
        file = f"court_{i + 1:02d}.docx"
        unit_ctx: Ctx = {"cases": rng.randint(60, 400) * 100 + rng.randint(0, 99),
                         "ge": "不低于" if rng.random() < 0.1 else "≥"}
        local = "区级" if province == "天津市" else "县级"
        wording: dict[str, str] = {}  # one wording per family for the whole unit
        tables = []
        for seq, kind in enumerate(_weighted_sample(rng, list(PROJECTS), rng.choice((2, 3, 3))), start=1):
            names, _, purpose, goal, _ = PROJECTS[kind]
            project = rng.choice(names).format(short=short)
            if rng.random() < 0.8:  # fund source and year hide in the project name
                project += "-2024" + rng.choice(("中央", "市级" if province == "天津市" else "省级", local))
            ctx = _table_context(rng, unit_ctx, kind)
            rows, last_level1 = [], None
            for row_no, family in enumerate(_pick_families(rng, kind), start=1):
                level3 = wording.setdefault(family.name, _wording(rng, family))
                desc = level3 if rng.random() < 0.6 else family.desc
                level1 = family.level[0] if family.level[0] != last_level1 else ""  # merged down in layout A
                last_level1 = family.level[0]
                rows.append((level1, family.level[1], level3, desc, family.value(rng, ctx)))
                truth.append(TruthRow(file, code, name, seq, row_no, level3, family.name))
            tables.append(goal_table(seq, code + name, "万元", project, str(ctx["budget"]), str(ctx["budget"]),
                                     " ", purpose, goal, tuple(rows)))
        (out_dir / file).write_bytes(build_docx(tuple(tables), file.removesuffix(".docx")))
    return truth


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: family_corpus.py OUT_DIR [SEED]", file=sys.stderr)
        return 2
    out_dir, seed = Path(argv[1]), int(argv[2]) if len(argv) > 2 else 0
    start = time.perf_counter()
    truth = make_corpus(out_dir, seed)
    (out_dir / "truth.json").write_text(json.dumps([asdict(r) for r in truth], ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")
    tables = {(r.file, r.table_seq) for r in truth}
    written: dict[str, set[str]] = defaultdict(set)
    units: dict[str, set[str]] = defaultdict(set)
    for r in truth:
        written[r.family].add(r.level3)
        units[r.family].add(r.unit_code)
    traps: dict[str, list[str]] = defaultdict(list)
    for f in FAMILIES:
        if f.trap:
            traps[f.trap].append(f.name)
    print(f"{len({r.file for r in truth})} files, {len(tables)} tables, {len(truth)} indicator rows, "
          f"{len(written)}/{len(FAMILIES)} families used, "
          f"{sum(len(v) for v in written.values())} distinct wordings written "
          f"({sum(len(f.variants) for f in FAMILIES)} in the catalogue), {len(traps)} trap groups "
          f"in {time.perf_counter() - start:.1f}s")
    print("variants written per family:", dict(sorted(Counter(len(v) for v in written.values()).items())))
    for f in FAMILIES:
        print(f"  {f.name:<14} {len(units[f.name]):>2} units  {' / '.join(sorted(written[f.name])) or '-'}")
    for group, names in traps.items():
        print(f"trap {group}: {' | '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
