"""The truth of the real published goal tables in ``../shared/samples/real-goal-tables/``, as the warehouse holds it.

Transcribed by hand from each document (the ``*.truth.md`` beside it in
``tests/data/real-goal-tables/``; for
the Shanghai PDF's pages 32-35, which that file gives only in outline, from
the text layer checked against a page render at 110-200 dpi). Texts are as
``transform.clean.clean_text`` leaves them (no spaces between Chinese
characters); money in 万元, converted exactly from the unit each table
states. A row is ``(level1, level2, level3, target_raw)``; ``PARSED`` gives
operator, value and unit for every target that is a number (any other
target is qualitative: no operator, no value), and ``FLAGS`` the flags the
reading of real-layouts.md requires. Self-evaluations are in
``SELF_EVALUATIONS``; documents that must fail are in ``FAILING`` with
words their message must hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
REAL_GOAL_TABLES = DATA / "real-goal-tables"  # copied from ../shared/samples/real-goal-tables/
REAL_BUDGETS = DATA / "real"  # the five of ../shared/samples/real/

Row = tuple[str, "str | None", str, str]


@dataclass(frozen=True)
class RealTable:
    """One goal table of a real document, as the views ``goal_tables`` and ``indicators`` give it."""

    page: int | None
    unit_code: str | None
    unit_name: str
    fiscal_year: int
    project_name: str
    budget_total: Decimal | None
    budget_fiscal: Decimal | None
    budget_carryover: Decimal | None
    budget_other: Decimal | None
    money_unit: str | None
    kind: str
    goal_text: str
    rows: tuple[Row, ...]
    tasks: tuple[tuple[str, str, Decimal | None], ...] = ()


W = "上海市普陀区人民政府万里街道办事处"
OUT, BEN, SAT = "产出指标", "效益指标", "满意度指标"
QTY, QLT, TIME, COST, SOC, ECO, SVC = ("数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "经济效益指标",
                                       "服务对象满意度指标")
GOAL_31 = ("建成后作为万里街道社区事务受理、社区管理、社区文化艺术活动场所。更有效的整合社区公共服务资源，"
           "为周边居民提供便捷、优质的社区服务和生活配套设施。")
GOAL_33 = ("整治辖区内乱设摊，整治夏秋季马路夜排档，整治交通路夜间违规活禽交易，开展防汛防台工作，进行垃圾分类指导检查。"
           "为提高万里地区总体环境，开展爱国卫生运动、除四害活动，对局部环境脏乱地点进行建设，整体提升万里地区市容市貌。")
GOAL_34 = (
    "提升辖区居民群众的防毒意识和能力，坚持做到严防发生吸毒人员因吸毒引发肇祸肇事（案）件；确保社会环境和谐稳定。"
    "通过跨前一步、深入一步，有针对性地开展法治宣传教育工作，确保特殊对象的身心健康，减少和预防犯罪，维护社区稳定，"
    "实现社区依法治理。加强万里街道基层法治建设，保障万里街道全面依法治理委员会正常有序开展工作。"
    "完成各项街道人大工作委员会的职能职责。培育弘扬社会主义核心价值观，稳步推进创建工作，促进志愿服务常态化。"
    "扩大创建覆盖面，全面提升创建质量，形成覆盖广泛、扎实有效的同创共建格局。"
    "深入学习贯彻习近平新时代中国特色社会主义思想和党的十九大精神，广泛凝聚智慧力量，扎实做好统一战线各领域工作。"
    "根据团市委要求，举办寒托班和暑托班，并开展全年团员学习教育活动。完成兵役执法检查及兵役登记工作，"
    "开展一年两次征兵工作，完成民兵整组、训练及备勤工作，开展民防疏散演练工作。"
    "确保经济发展服务中心、协税办、商会、在地统计以及营商办日常工作的有序开展。"
    "开展与服务企业的相关走访慰问、企业沙龙、企业座谈会、企业培训、企业家体检服务工作。"
    "不断探索深化拓展区域化党建工作，进一步联动整合,优势互补，继续推进新业态新就业群体党建、楼委会等工作，"
    "探索党建引领善治的新路子。加强区域内居民区党组织、“两新”组织党组织、驻区单位党组织等资源共享，"
    "协调推动区域化党建工作的稳定有序发展。开设班长工程培训班、特色党课、轮训班、书记论坛、擂台等，"
    "全面提升社区党员党性修养，提升书记综合素质，牢固树立全心全意为民服务意识。开展招聘、录用等干部人事工作，开展日常工作。")
GOAL_35 = ("根据需求，围绕老人、儿童、青年、白领等群体，拓展各类生活圈，不断满足居民多样化、多层次、多方面的需求，"
           "加强基层建设，创新社会治理。为文化中心和片区工作人员提供保洁及保安服务，为街道整体工作提供后勤保障。"
           "通过租赁解决街道办公用房紧张的问题，为工作人员提供良好的办事场所，助力万里整体工作推进。")


def _sh(page: int, name: str, total: str, fiscal: str, goal: str, rows: tuple[Row, ...]) -> RealTable:
    return RealTable(page, None, W, 2023, name, Decimal(total), Decimal(fiscal), Decimal("0.0000"),
                     Decimal("0.0000"), "元", "project", goal, rows)


SHANGHAI = (
    _sh(31, "新建万里街道社区公共服务中心", "410.0000", "410.0000", GOAL_31, (
        (OUT, QTY, "规划建筑面积", "≥13459.00(平方米)"),
        (OUT, QLT, "完工及时率", "及时率"),
        (OUT, COST, "预算内经费", "合规"),
        (BEN, SOC, "完善社区基础设施建设", "完善率"),
        (SAT, SVC, "居民满意度", "满意度"),
    )),
    _sh(32, "就业援助基地补贴", "635.1000", "635.1000", "管理各类下拨费用，实报实销", (
        (OUT, QTY, "补贴对象申请审核完成率", "=100.00(%)"),
        (OUT, QLT, "补贴对象审核达标率", "=100.00(%)"),
        (BEN, SOC, "补贴对象生活改善度", "补贴对象生活改善度不低于80%"),
        (SAT, SVC, "补贴对象满意度", "≥80.00(%)"),
    )),
    _sh(33, "社区环境整治和建设经费", "456.3800", "456.3800", GOAL_33, (
        (OUT, QTY, "整治行动、病媒消杀", "≥12.00(次)"),
        (OUT, QLT, "项目质量可控性", "可控性100%"),
        (BEN, SOC, "社区居民满意度、幸福感", "不低于50%"),
        (SAT, SVC, "市容环境满意度", "不低于50%"),
    )),
    _sh(34, "各类工作经费", "759.5500", "759.5500", GOAL_34, (
        (OUT, QTY, "成立社戒社康人员习得规范小组", ">6.00(次)"),
        (OUT, QTY, "开展特殊对象心理健康教育", "开展至少1次团体心理治疗"),
        (OUT, QTY, "开展社区服刑人员团队训练", "至少1次矫正人员的集中活动"),
        (OUT, QTY, "针对特殊群体进行个案心理辅导", "不低于50人次的个体心理咨询辅导"),
        (OUT, QTY, "开展社区法治宣传活动", "开展不低于5次的社区法治宣传活动"),
        (OUT, QTY, "按计划数量完成", "慰问人数不少于100人,宣传用品不少于20000份"),
        (OUT, QTY, "寒托班、暑托班开设班级数", "≥1.00(个)"),
        (OUT, QTY, "基干民兵整组工作", "≥100.00(人数)"),
        (OUT, QTY, "日常走访企业", ">150.00(家)"),
        (OUT, QTY, "企业服务活动", "≥8.00(次)"),
        (OUT, QTY, "商会活动及会长会议", "=12.00(次)"),
        (OUT, QTY, "质量月活动", "=1.00(次)"),
        (OUT, QTY, "节能减排宣传周活动", "=1.00(次)"),
        (OUT, QTY, "统计法制宣传活动", "=1.00(次)"),
        (OUT, QTY, "15个居民区全覆盖", "居民区全覆盖"),
        (OUT, QLT, "做好禁毒示范城区标准化建设", "做好禁毒示范城区标准化建设"),
        (OUT, QLT, "心理健康教育活动有效", "特殊对象及群体、居民心理健康有效提升"),
        (OUT, QLT, "法治宣传活动丰富有实效", "提升社区法治宣传氛围及居民知法懂法守法用法"),
        (OUT, QLT, "中心全年活动人次", "=5.00(万人次)"),
        (OUT, QLT, "完善人大代表“家站点”建设", "达标"),
        (OUT, QLT, "夯实思想政治基础", "凝聚统战各界人士力量"),
        (OUT, QLT, "寒托班、暑托班完成班级数", "≥1.00(个)"),
        (OUT, QLT, "民兵训练及备勤工作", "根据区人武部安排，完成民兵训练任务及备勤任务"),
        (BEN, SOC, "扩大禁毒宣传教育覆盖面", "扩大"),
        (BEN, SOC, "社区服刑人员融入社会", "增强"),
        (BEN, SOC, "社区法治氛围增强", "增强"),
        (BEN, SOC, "居民依法、理性参与公众事务的能力增强", "提升"),
        (BEN, SOC, "提升住宅小区业委会规范化", "加强引导业委会工作制度、履职行为、自治能力等"),
        (BEN, SOC, "助力社区发展", "提升"),
        (BEN, SOC, "宣传工作覆盖面不断扩大", "宣传工作覆盖面不断扩大"),
        (BEN, SOC, "政治觉悟及参与范围", "政治觉悟及学习主动性不断提升，范围不断扩大"),
        (BEN, SOC, "解决小朋友寒暑假看护难问题", "≥120.00(人次)"),
        (BEN, SOC, "\"提升居民、驻区单位质量及节能环保意识提升驻区企业，依法统计意识优化营商环境\"", "提升"),
        (BEN, SOC, "促进经济发展", "有效"),
        (BEN, SOC, "干部人事工作平稳有序", "平稳有序"),
        (BEN, SOC, "协调推动区域化党建工作的稳定有序发展", "有效"),
        (BEN, SOC, "全面提升社区党员党性修养，提升书记综合素质，牢固树立全心全意为民服务意识", "有效"),
        (SAT, SVC, "提升社区居民满意度", "提升"),
        (SAT, SVC, "特殊人员及群体满意", "90.00(度)"),
        (SAT, SVC, "家长及学生满意比例", "满意率100%"),
        (SAT, SVC, "提高居民、驻区企业满意度", "提升"),
        (SAT, SVC, "提升经济服务满意度", "提升"),
        (SAT, SVC, "党员群众满意度", "党员群众满意度不少于80%"),
    )),
    # 当年财政拨款 11,419,043.00 is larger than the annual total 10,903,043.00, as printed: review says so.
    RealTable(35, None, W, 2023, "公共服务设施运行经费", Decimal("1090.3043"), Decimal("1141.9043"), Decimal("0.0000"),
              Decimal("0.0000"), "元", "project", GOAL_35, (
                  (OUT, QTY, "开展活动300场", "=300.00(场)"),
                  (OUT, QTY, "环境卫生及保安服务", "卫生整洁、内部安全有序"),
                  (OUT, QLT, "居民参与率", "居民参与率不低于100%"),
                  (OUT, QLT, "维修处理及时率", "维修响应速度快"),
                  (OUT, QLT, "房屋质量", "房屋完好"),
                  (BEN, SOC, "加强工作人员队伍建设", "是"),
                  (BEN, SOC, "安全责任事故", "安全无事故"),
                  (SAT, SVC, "居民满意度", "90%"),
                  (SAT, SVC, "工作人员满意度", "≥95.00(%)"),
              )),
)

ZHANJIANG_GOAL = (
    "目标1：城乡居民基本养老保险参保人数达到计划指标，城乡居民养老金应发尽发，缴费补贴应补尽补。"
    "目标2：完成2023年度市政府工作报告下达就业目标任务，保持我市就业形势总体稳定。"
    "目标3：促进高校毕业生就业、推动基层经济社会发展，为基层输送和培养青年人才、引导高校毕业生到基层就业创业的工作定位。"
    "目标4：持续推进“智慧人社”建设，一是将分散的业务信息系统数据互通，业务协同，联结成“一个整体”；"
    "二是推进业务全流程网上办理；三是推动县（市、区）人社信息化基础建设平衡协调发展；四是强化社保卡“一卡通”应用。"
    "目标5：通过公开考试招录选拔优秀人才，优化公务员人才队伍；采取公开考试、严格考察、平等竞争、择优录取的办法，"
    "促进高校毕业生就业。目标6：劳动人事争议案件仲裁结案率95%，劳动人事争议案件调解率75%。")
TBD = "根据下达任务目标要求确定"
ZHANJIANG = RealTable(
    None, None, "湛江市人力资源和社会保障局", 2023, "2023年市级部门整体预算",
    # Only the parts are printed (财政拨款 is the formula =SUM(C5:C6), cached 82800.92): the total is their sum.
    Decimal("82800.9200"), Decimal("82800.9200"), None, Decimal("0.0000"), "万元", "department", ZHANJIANG_GOAL, (
        (OUT, QTY, "城乡居民基础养老金标准", "≥200元每人每月"),
        (OUT, QTY, "发放创业担保贷款金额", "5000万元"),
        (OUT, QTY, "城镇新增就业人数（万人）", TBD),
        (OUT, QTY, "促进创业人数（人）", TBD),
        (OUT, QLT, "创业担保贷款还款率", "≧90%"),
        (OUT, QLT, "补贴发放准确率", "≧98%"),
        (OUT, TIME, "资金在规定时间内下达率", "100%"),
        (OUT, TIME, "资金支付规范性", "合规"),
        (OUT, TIME, "实际资金支出率", "≧95%"),
        (BEN, ECO, "就业困难人员就业人数", TBD),
        (BEN, ECO, "失业人员再就业人数", TBD),
        (BEN, SOC, "全市城乡居民养老保险覆盖面", "不低于上年度水平"),
        (BEN, SOC, "扶持创业企业（项目）数", "650"),
        (SAT, SVC, "群众满意度", "≥75%"),
        (SAT, SVC, "享受创业担保贷款对象满意度", "≧95%"),
        (SAT, SVC, "公共服务满意度", "≧95%"),
    ),
    tasks=(
        ("城乡居民养老保险政府补贴资金",
         "城乡居民社会养老保险补助由基础养老金补助、个人缴费财政补贴、被征地农民增加基础养老金补助等部分组成。"
         "基础养老金由中央和省、地方政府确定补助标准比例并全额支付给符合领取条件的参保人，"
         "属于省重点项目的被征地农民养老保障加发的基础养老金由省政府负担50%，省、市、县人民政府对参保人缴费给予补贴。",
         Decimal("20140.0000")),
        ("创业担保贷款贴息资金",
         "创业担保贷款是经人社部门审核，担保基金提供担保，由经办银行按规定条件发放，由创业担保贷款贴息资金给予贴息，"
         "用于支持个人创业或小微企业扩大就业的贷款业务，具有门槛低、利息低等特点，有效减轻创业融资难、融资贵问题。"
         "创业担保贷款贴息资金是创业担保贷款政策实施的前提条件。近年来，我市创业氛围持续向好，"
         "越来越多创业者申请创业担保贷款，所从而产生更多的贴息资金，因此有必要设立创业担保贷款贴息资金项目。",
         Decimal("790.0000")),
        ("促进就业专项资金", "完成每年度市政府工作报告下达就业目标任务，保持我市就业形势总体稳定。", Decimal("500.0000")),
    ),
)

WUHAN_UNIT = "武汉市人力资源和社会保障局东湖新技术开发区分局"
WUHAN = RealTable(
    # No money unit printed anywhere (the narrative says 万元): read as 万元 and flagged money_unit_assumed.
    None, None, WUHAN_UNIT, 2020, "专项资金", Decimal("6730.0000"), Decimal("6730.0000"), None, None, None,
    "project", "完成2020年度市、区下达的各项目标任务", (
        (OUT, QTY, "城镇新增就业人数", "25000人"),
        (OUT, QTY, "失业人员及就业困难人员再就业人数", "1600人、200人"),
        (OUT, QTY, "扶持创业人数及带动就业人数", "1000人、3000人"),
        (OUT, QTY, "返乡创业人数及带动就业人数", "180人、650人"),
        (OUT, QTY, "就业技能及创业培训人数据", "900人、1500人"),
        (OUT, QTY, "五险净增人数", "约5.5万人次"),
        (OUT, QTY, "社会保障卡发卡量", "7万张"),
        (OUT, QTY, "劳动监察网格日常巡查", "不低于60户/人.月"),
        (OUT, QLT, "培训人员合格率", "100%"),
        (OUT, TIME, "仲裁案件法定期限结案率", "95%"),
        (OUT, TIME, "劳动监察配合处理举报投诉案件", "在规定时间结案率为95%"),
        (BEN, SOC, "提高全民参保覆盖面", "按时办结"),
        (BEN, "社会公众或服务对象满意度指标", "做好服务工作，让服务对象满意", "95%"),
    ),
)

TABLES: dict[str, tuple[RealTable, ...]] = {
    "sh_putuo_wanli_2023_dept_budget.pdf": SHANGHAI,
    "zhanjiang_hrss_2023_dept_overall.xlsx": (ZHANJIANG,),
    "wuhan_donghu_hrss_2020_project_apply.xlsx": (WUHAN,),
}
FAILING: dict[str, tuple[str, ...]] = {}


@dataclass(frozen=True)
class RealSelfEvaluation:
    """A real self-evaluation (绩效自评表) as the views give it; a row is (level1 as printed, level3, target_raw,
    actual_raw, weight)."""

    unit_name: str
    fiscal_year: int
    project_name: str
    budget_total: Decimal
    budget_executed: Decimal
    rows: tuple[tuple[str, str, str, str, float], ...]


# chongqing_yuzhong_2021_selfeval_jiuye.truth.md: 16 rows, weights adding up to 100; 指标类型 as printed (数量指标
# unmerged on the first row, 产出类指标 merged over the next five); the 0.88 stored in a percent format reads 88%.
CHONGQING = RealSelfEvaluation(
    "渝中区就业和人才中心", 2021, "就业补助资金", Decimal("7574"), Decimal("6643"), (
        ("数量指标", "新增区级创业孵化基地数量", "≥1个", "3", 15),
        ("产出类指标", "社会保险补贴发放准确率", "≥95%", "100", 5),
        ("产出类指标", "就业见习补贴发放准确率", "≥95%", "100", 5),
        ("产出类指标", "公益性岗位补贴发放准确率", "≥95%", "100", 5),
        ("产出类指标", "就业见习补贴发放及时率", "≥95%", "100", 5),
        ("产出类指标", "低保就业补贴发放及时率", "≥95%", "100", 5),
        ("效益类指标", "城镇新增就业人数", "≥39500人", "49358", 5),
        ("效益类指标", "零就业家庭帮扶率", "=100%", "100", 5),
        ("效益类指标", "年末应届离校未就业高效毕业生就业率", "≥90%", "92", 5),
        ("满意度类指标", "公共就业服务满意度", "≥90%", "90", 15),
        ("管理类指标", "预算执行率", "≥90%", "88%", 8),
        ("管理类指标", "资金使用合规性", "合规", "合规", 10),
        ("管理类指标", "财务监控有效性", "有效", "较有效", 2),
        ("管理类指标", "绩效目标明确性", "明确", "明确", 6),
        ("管理类指标", "政府采购程序性", "合规", "合规", 2),
        ("管理类指标", "管理制度健全性", "健全", "较健全", 2),
    ))
SELF_EVALUATIONS: dict[str, RealSelfEvaluation] = {"chongqing_yuzhong_2021_selfeval_jiuye.xlsx": CHONGQING}

# target_raw → (op, value, unit) for every target that is a number; the rest are qualitative.
PARSED: dict[str, tuple[str, float, str | None]] = {
    "≥13459.00(平方米)": (">=", 13459, "平方米"), "=100.00(%)": ("=", 100, "%"), "≥80.00(%)": (">=", 80, "%"),
    "≥12.00(次)": (">=", 12, "次"), "不低于50%": (">=", 50, "%"), ">6.00(次)": (">", 6, "次"),
    "≥1.00(个)": (">=", 1, "个"), "≥100.00(人数)": (">=", 100, "人数"), ">150.00(家)": (">", 150, "家"),
    "≥8.00(次)": (">=", 8, "次"), "=12.00(次)": ("=", 12, "次"), "=1.00(次)": ("=", 1, "次"),
    "=5.00(万人次)": ("=", 5, "万人次"), "≥120.00(人次)": (">=", 120, "人次"), "90.00(度)": ("=", 90, "度"),
    "=300.00(场)": ("=", 300, "场"), "90%": ("=", 90, "%"), "≥95.00(%)": (">=", 95, "%"),
    "≥200元每人每月": (">=", 200, "元每人每月"), "5000万元": ("=", 5000, "万元"), "≧90%": (">=", 90, "%"),
    "≧98%": (">=", 98, "%"), "100%": ("=", 100, "%"), "≧95%": (">=", 95, "%"), "650": ("=", 650, None),
    "≥75%": (">=", 75, "%"), "25000人": ("=", 25000, "人"), "约5.5万人次": ("=", 5.5, "万人次"),
    "7万张": ("=", 7, "万张"), "不低于60户/人.月": (">=", 60, "户/人.月"), "95%": ("=", 95, "%"),
}
# target_raw → the flag real-layouts.md requires on it.
FLAGS: dict[str, str] = {
    "1600人、200人": "multiple_values", "1000人、3000人": "multiple_values", "180人、650人": "multiple_values",
    "900人、1500人": "multiple_values", "约5.5万人次": "approximate",
}
# (level1, level2) as written → (level1_std, level2_std) where they differ from the written pair.
STANDARD: dict[tuple[str, str], tuple[str, str]] = {
    (OUT, COST): ("成本指标", "经济成本指标"),
    (BEN, "社会公众或服务对象满意度指标"): ("满意度指标", SVC),
}
