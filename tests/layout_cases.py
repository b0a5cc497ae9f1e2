"""The truth of the layout fixtures in ``tests/data/layouts/``, as Python data.

``tests/make_layouts.py`` writes those files and checks them against
``CASES`` (file name → ``Case``): every goal table of the file, in document
order, as a correct parser reads it. Conventions:

* strings are cleaned as ``transform.clean.clean_text`` does (trimmed, one
  line, no spaces between Chinese characters); a blank cell is ``""``;
* ``unit_code`` is the 6-digit code glued to the unit name in layout A
  (``216106天津市西青区人民法院``) and ``""`` in layout B, which has none;
  ``unit_name`` is the 实施单位 of a layout-B project table and the
  部门（单位）名称 of a department table;
* ``project_name`` is ``""`` for a department table (it has no 项目名称 row);
* budget strings are as written: ``"186.50"`` in a Word file; in an XLSX
  cell stored as a number, ``str()`` of the number openpyxl reads back
  (``186.5``, ``180`` for an integer, ``0``);
* for a multi-year project (``layout_b_midterm.docx``) the budget and goal
  are the annual ones (年度资金总额, 年度绩效目标), not 中期资金总额/总体目标;
* indicators are ``(level1, level2, level3, description, target_raw)`` with
  level1 and level2 filled down over merged cells; ``description`` is
  ``None`` when the table has no description column (layout B without
  指标解释); in layout B ``target_raw`` is 指标性质 (left out when 定性) +
  指标值 + 度量单位 joined without spaces: ``≥3200平方米``, ``有效消除``;
  a cell merged across the 三级指标 and 绩效指标描述 columns
  (``irregular_grid``) gives its text to both;
* ``tasks`` are the ``(task, content, amount)`` rows of a department
  table"s 年度主要任务 block;
* ``page`` (PDF only) is the 1-based page of the table"s title and
  ``indicator_pages`` the page of each indicator row; ``sheet`` (XLSX
  only) is the worksheet"s name. They are ``None``/``()`` for other formats.

The ``real_*`` fixtures (``tests/make_real_layouts.py``, modelled on the
published tables of ``shared/real-layouts.md``) follow ``docs/reading.md``:

* budget strings are **this year's** money as written (年度资金申请总额,
  项目当年预算, 年度资金总额), with their thousands separators
  (``4,350,000.00``); ``budget_carryover`` is 上年结转资金 as written, ``""``
  when the table has none; a table that prints only the parts (财政拨款,
  其他资金) has ``budget_total`` ``""``;
* ``money_unit`` is the unit the table states (a ``单位：`` line, the title
  area's ``（单位：亿元）``, a label's ``（元）`` / ``（万元）``), ``None`` when it
  states none;
* in an XLSX a number is the string Excel shows for it in its number format
  (``4,350,000.00`` in ``#,##0.00``, ``100%`` for 1 in ``0%``, ``620`` in
  General), a formula its cached value as shown (``10023.38``); the DOCX and
  PDF hold the same strings, so the three formats share one truth;
* ``level2`` is ``None`` in a grid of two levels (指标类型 | 指标名称), whose
  first column is ``level1`` as written (数量指标, 产出类指标, 产出指标(50分));
  ``target_raw`` joins 指标性质 + 指标值 + 计量/度量单位, leaving out 定性, 定量
  and 无 (``=300亩``, ``合规``); an empty level-two group is no row;
* ``unit_code`` comes from the unit's own cell (``308101东湖区教育局``), else
  from 主管部门及代码 (``[173]…``).

Where ``docs/reading.md`` leaves a case open, the truth takes the reading a
finance officer would expect:

* ``real_apply`` (a 项目申报表 with a 项目资金来源 block and no 财政拨款 /
  其他资金 labels): ``budget_total`` is 项目当年预算 (not 项目总预算, not the
  block's 合计), ``budget_fiscal`` the amount of ``1.一般公共预算财政拨款收入``
  (not its ``其中：申请当年预算拨款`` line), ``budget_carryover`` that of
  ``5.上年结转``, ``budget_other`` ``""`` (no other source filled in);
* a 主管部门 value with a code of its own (``308东湖区教育局``) does not
  override the unit's (``308101``);
* ``（单位：亿元）`` on the line under a title is the money unit and is not
  joined to the title (only a year note is);
* the rows of an ``其他需完成的任务（可选填）`` label left blank are no tasks;
* a bare XLSX export (a sheet that starts with the grid) is a ``project``
  table with every header field ``""`` and ``money_unit`` ``None``: another
  sheet's stated unit does not carry over.

``FAILING`` lists the files that look like goal tables and cannot be read as one (a
绩效自评表: 全年执行数, 指标权重, 全年完成值, 得分; a grid with no value column): reading them must raise
``core.errors.DocumentError`` with the given word in its message.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

Indicator = tuple[str, "str | None", str, "str | None", str]
Task = tuple[str, str, str]


@dataclass(frozen=True)
class ExpectedTable:
    """One goal table as a correct parser reads it."""

    kind: str  # "project" | "department"
    title: str
    unit_code: str
    unit_name: str
    project_name: str
    budget_total: str
    budget_fiscal: str
    budget_other: str
    goal_text: str
    indicators: tuple[Indicator, ...]
    tasks: tuple[Task, ...] = ()
    money_unit: str | None = "万元"  # the unit the table states; None when it states none
    budget_carryover: str = ""  # 上年结转资金 as written
    purpose: str = ""
    page: int | None = None
    indicator_pages: tuple[int, ...] = ()
    sheet: str | None = None


@dataclass(frozen=True)
class Case:
    """A fixture file: the kind of each goal table, and the tables themselves, in document order."""

    kind_of_each_table: tuple[str, ...]
    tables: tuple[ExpectedTable, ...]


# --------------------------------------------------------------------------- the tables

REPAIR = ExpectedTable(
    kind="project",
    title="项目支出绩效目标表（2024年度）",
    unit_code="",
    unit_name="某市第一中学",
    project_name="校舍维修改造工程",
    budget_total="186.50",
    budget_fiscal="180.00",
    budget_other="6.50",
    goal_text="完成教学楼、学生宿舍楼屋面防水及外墙维修改造，消除校舍安全隐患，改善师生学习生活环境。",
    indicators=(
        ("产出指标", "数量指标", "维修改造面积", None, "≥3200平方米"),
        ("产出指标", "数量指标", "更换门窗数量", None, "≥180套"),
        ("产出指标", "质量指标", "工程验收合格率", None, "＝100%"),
        ("产出指标", "时效指标", "工程完工时限", None, "≤90天"),
        ("成本指标", "经济成本指标", "维修改造总成本", None, "≤186.5万元"),
        ("成本指标", "经济成本指标", "单位面积改造成本", None, "≤580元/平方米"),
        ("效益指标", "社会效益指标", "校舍安全隐患", None, "有效消除"),
        ("效益指标", "可持续影响指标", "校舍使用年限延长", None, "≥10年"),
        ("满意度指标", "服务对象满意度指标", "师生满意度", None, "≥90%"),
        ("满意度指标", "服务对象满意度指标", "家长满意度", None, "≥85%"),
    ),
)

AID = ExpectedTable(
    kind="project",
    title="项目支出绩效目标表（2024年度）",
    unit_code="",
    unit_name="某市第一中学",
    project_name="家庭经济困难学生资助",
    budget_total="56.80",
    budget_fiscal="56.80",
    budget_other="",
    goal_text="按标准足额发放家庭经济困难学生助学金，确保资助对象认定精准，不让一名学生因家庭经济困难而失学。",
    indicators=(
        ("产出指标", "数量指标", "资助学生人次", None, "≥320人次"),
        ("产出指标", "质量指标", "资助对象认定准确率", None, "＝100%"),
        ("产出指标", "时效指标", "资助资金发放及时率", None, "≥98%"),
        ("产出指标", "时效指标", "资金发放时限", None, "≤30天"),
        ("成本指标", "经济成本指标", "生均资助标准", None, "＝1775元/人"),
        ("效益指标", "社会效益指标", "因贫失学辍学情况", None, "有效避免"),
        ("效益指标", "社会效益指标", "受助学生学业保障水平", None, "明显改善"),
        ("满意度指标", "服务对象满意度指标", "受助学生满意度", None, "≥95%"),
    ),
)

# Only in the workbook, amounts stored as numbers: 120, 120, 0.
FINANCE = ExpectedTable(
    kind="project",
    title="项目支出绩效目标表（2024年度）",
    unit_code="",
    unit_name="某市财政局",
    project_name="预算绩效管理第三方服务",
    budget_total="120",
    budget_fiscal="120",
    budget_other="0",
    goal_text="委托第三方机构开展重点项目绩效评价和事前绩效评估，提高财政资金使用效益，推动预算绩效管理提质增效。",
    indicators=(
        ("产出指标", "数量指标", "绩效评价项目数量", None, "≥45个"),
        ("产出指标", "数量指标", "事前绩效评估报告数量", None, "≥12份"),
        ("产出指标", "质量指标", "评价报告质量达标率", None, "≥95%"),
        ("产出指标", "时效指标", "评价报告按时提交率", None, "＝100%"),
        ("成本指标", "经济成本指标", "第三方服务费", None, "≤120万元"),
        ("成本指标", "经济成本指标", "单个项目评价费用", None, "≤2.5万元/个"),
        ("效益指标", "社会效益指标", "预算绩效管理水平", None, "显著提升"),
        ("效益指标", "可持续影响指标", "绩效管理制度体系", None, "持续完善"),
        ("满意度指标", "服务对象满意度指标", "预算单位满意度", None, "≥90%"),
    ),
)

MIDTERM = ExpectedTable(
    kind="project",
    title="项目支出绩效目标表（2024年度）",
    unit_code="",
    unit_name="某市人民医院",
    project_name="智慧医院信息化建设（2024-2026年）",
    budget_total="450.00",
    budget_fiscal="400.00",
    budget_other="50.00",
    goal_text="完成电子病历系统升级和互联网医院平台一期建设，电子病历系统应用水平达到四级。",
    indicators=(
        ("产出指标", "数量指标", "新建信息系统数量", "年内上线运行的电子病历、互联网医院、预约挂号、移动支付等系统个数", "≥4个"),
        ("产出指标", "数量指标", "接入信息终端数量", "完成接入并联网运行的门诊、病区、医技终端数量", "≥1200台"),
        ("产出指标", "质量指标", "系统上线运行合格率", "通过验收并稳定运行的系统数占上线系统数的比例", "＝100%"),
        ("产出指标", "时效指标", "一期建设完成时限", "自合同签订之日起完成一期建设的时间", "≤12月"),
        ("成本指标", "经济成本指标", "年度建设成本", "本年度软硬件采购及实施服务费用", "≤450万元"),
        ("效益指标", "社会效益指标", "患者平均候诊时间缩短", "与上年相比门诊患者平均候诊时间缩短的比例", "≥15%"),
        ("效益指标", "可持续影响指标", "数据互联互通水平", "院内各系统及与区域平台之间的数据共享程度", "持续提升"),
        ("满意度指标", "服务对象满意度指标", "患者满意度", "门诊及住院患者对就医服务的满意度", "≥90%"),
        ("满意度指标", "服务对象满意度指标", "医务人员满意度", "医务人员对信息系统易用性的满意度", "≥85%"),
    ),
)

PAGE_BREAK = ExpectedTable(
    kind="project",
    title="1.审判执行综合保障经费-2023市级绩效目标表",
    unit_code="216106",
    unit_name="天津市西青区人民法院",
    project_name="审判执行综合保障经费-2023市级",
    budget_total="1160.00",
    budget_fiscal="1100.00",
    budget_other="60.00",
    goal_text="1.保障审判执行工作顺利开展，完成全年审判执行任务；2.推进电子卷宗随案生成和诉讼服务一站式办理，提高审判质效。",
    indicators=(
        ("产出指标", "数量指标", "案件受理数量", "全年受理各类案件数量", "≥28000件"),
        ("产出指标", "数量指标", "案件受理数量", "民事案件受理数量", "≥17500件"),
        ("产出指标", "数量指标", "案件受理数量", "刑事案件受理数量", "≥1200件"),
        ("产出指标", "数量指标", "案件受理数量", "行政案件受理数量", "≥350件"),
        ("产出指标", "数量指标", "案件受理数量", "执行案件受理数量", "≥8500件"),
        ("产出指标", "数量指标", "案件受理数量", "其他案件受理数量", "≥450件"),
        ("产出指标", "数量指标", "法官人均结案数", "员额法官人均结案数", "≥260件/人"),
        ("产出指标", "数量指标", "电子卷宗扫描页数", "随案扫描生成电子卷宗的页数", "≥120万页"),
        ("产出指标", "数量指标", "诉讼文书送达数量", "通过电子及邮寄方式送达诉讼文书的数量", "≥36000件"),
        ("产出指标", "数量指标", "庭审直播场次", "在中国庭审公开网直播庭审的场次", "≥3000场"),
        ("产出指标", "数量指标", "诉前调解成功案件自动履行及申请司法确认数量", "当事人自动履行调解协议或申请司法确认的案件数量", "≥2600件"),
        ("产出指标", "数量指标", "司法鉴定委托数量", "委托司法鉴定的案件数量", "≥420件"),
        ("产出指标", "数量指标", "人民陪审员参审案件数", "人民陪审员参与审理的案件数量", "≥1500件"),
        ("产出指标", "数量指标", "审判辅助外包服务人数", "购买书记员等审判辅助服务的人数", "≥60人"),
        ("产出指标", "数量指标", "法律文书印制数量", "印制裁判文书、诉讼须知等文书的数量", "≥50000份"),
        ("产出指标", "质量指标", "审限内结案率", "审限内结案率", "≥95%"),
        ("产出指标", "质量指标", "一审服判息诉率", "一审服判息诉率", "≥90%"),
        ("产出指标", "质量指标", "发回重审及改判案件占上诉案件比例", "二审发回重审和改判的案件数占上诉案件总数的比例，反映一审裁判质量", "≤8%"),
        ("产出指标", "质量指标", "电子卷宗随案生成率", "电子卷宗随案生成率", "100%"),
        ("产出指标", "质量指标", "裁判文书上网公开率", "依法应当公开的裁判文书上网公开的比例", "≥98%"),
        ("产出指标", "质量指标", "执行到位率", "执行案件标的执行到位的比例", "≥45%"),
        ("产出指标", "质量指标", "诉讼服务中心一站式服务事项办理合格率", "立案、查询、退费等一站式服务办理合格的比例", "≥95%"),
        ("产出指标", "质量指标", "卷宗归档合格率", "卷宗归档合格率", "100%"),
        ("产出指标", "时效指标", "保障期限", "保障期限", "1年"),
        ("产出指标", "时效指标", "拨款到位及时率", "拨款到位及时率", "100%"),
        ("产出指标", "时效指标", "立案审查平均用时", "立案审查平均用时", "≤1天"),
        ("产出指标", "时效指标", "长期未结案件清理完成时限", "对审理期限超过十二个月的长期未结案件完成清理的期限", "≤6个月"),
        ("产出指标", "时效指标", "文书送达平均周期", "诉讼文书送达平均周期", "≤5天"),
        ("产出指标", "成本指标", "项目服务费用", "项目服务费用", "1160万"),
        ("产出指标", "成本指标", "审判辅助外包服务费", "审判辅助外包服务费", "420万"),
        ("产出指标", "成本指标", "电子卷宗扫描服务费", "电子卷宗扫描服务费", "180万"),
        ("产出指标", "成本指标", "邮寄费", "同城邮寄费", "20元/件"),
        ("产出指标", "成本指标", "邮寄费", "异地邮寄费", "35元/件"),
        ("产出指标", "成本指标", "法律文书印制费", "法律文书印制费", "46万"),
        ("效益指标", "社会效益指标", "民事案件调解率", "民事案件调解率", "≥22%"),
        ("效益指标", "社会效益指标", "涉诉信访化解率", "涉诉信访化解率", "≥85%"),
        ("效益指标", "社会效益指标", "矛盾纠纷多元化解机制运行成效", "通过诉调对接、诉前调解等方式实质性化解矛盾纠纷的成效", "显著提升"),
        ("效益指标", "社会效益指标", "司法公开水平", "司法公开水平", "明显提高"),
        ("效益指标", "可持续影响指标", "为审判提供长效保障", "为审判提供长效保障", "有效保障"),
        ("效益指标", "可持续影响指标", "智慧法院建设水平", "智慧法院建设水平", "持续提升"),
        ("满意度指标", "服务对象满意度指标", "干警满意度", "干警满意度", "≥95%"),
        ("满意度指标", "服务对象满意度指标", "当事人满意度", "当事人满意度", "≥90%"),
        ("满意度指标", "服务对象满意度指标", "诉讼参与人对诉讼服务中心服务满意度", "律师、当事人等诉讼参与人对诉讼服务中心服务的满意程度", "≥90%"),
        ("满意度指标", "服务对象满意度指标", "人民陪审员满意度", "人民陪审员满意度", "≥90%"),
        ("满意度指标", "服务对象满意度指标", "人大代表政协委员满意度", "人大代表、政协委员对法院工作的满意度", "≥90%"),
    ),
    purpose="用于审判执行工作所需的审判辅助外包服务、电子卷宗随案扫描、诉讼文书送达、法律文书印制及诉讼服务中心运行。",
)

DEPARTMENT = ExpectedTable(
    kind="department",
    title="部门整体支出绩效目标表（2024年度）",
    unit_code="",
    unit_name="某市教育局",
    project_name="",
    budget_total="5230.00",
    budget_fiscal="4980.00",
    budget_other="250.00",
    goal_text="巩固义务教育优质均衡发展成果，扩大普惠性学前教育资源，落实学生资助政策，保障机关高效运转。",
    indicators=(
        ("产出指标", "数量指标", "义务教育阶段在校生人数", None, "≥56000人"),
        ("产出指标", "数量指标", "新增普惠性学位数", None, "≥1800个"),
        ("产出指标", "质量指标", "义务教育巩固率", None, "≥99%"),
        ("产出指标", "时效指标", "资助资金发放及时率", None, "＝100%"),
        ("成本指标", "经济成本指标", "小学生均公用经费标准", None, "≥800元/人"),
        ("效益指标", "社会效益指标", "普惠性幼儿园覆盖率", None, "≥85%"),
        ("效益指标", "可持续影响指标", "教育均衡发展水平", None, "持续巩固"),
        ("满意度指标", "服务对象满意度指标", "学生家长满意度", None, "≥90%"),
    ),
    tasks=(
        ("义务教育保障", "保障全市义务教育学校公用经费和教师培训，落实“两免一补”政策", "2860.00"),
        ("学前教育发展", "支持普惠性幼儿园建设，扩大普惠性学前教育资源", "1150.00"),
        ("学生资助", "落实学前教育至高中阶段家庭经济困难学生资助政策", "820.00"),
        ("机关运行保障", "保障机关日常运转和教育行政管理工作", "400.00"),
    ),
)

TEACHER_TRAINING = ExpectedTable(
    kind="project",
    title="1.教师培训经费-2024市级绩效目标表",
    unit_code="301001",
    unit_name="某市教育局",
    project_name="教师培训经费-2024市级",
    budget_total="120.00",
    budget_fiscal="120.00",
    budget_other="",
    goal_text="1.完成全市中小学教师年度全员培训任务；2.提升教师专业能力和信息技术应用能力。",
    indicators=(
        ("产出指标", "数量指标", "培训教师人次", "培训教师人次", "≥6000人次"),
        ("产出指标", "数量指标", "骨干教师研修班次", "骨干教师研修班次", "≥12期"),
        ("产出指标", "质量指标", "培训考核合格率", "培训考核合格率", "≥95%"),
        ("产出指标", "时效指标", "培训完成时间", "培训完成时间", "1年"),
        ("产出指标", "成本指标", "人均培训成本", "人均培训成本", "≤200元/人"),
        ("效益指标", "社会效益指标", "教师专业能力", "教师专业能力", "明显提升"),
        ("满意度指标", "服务对象满意度指标", "参训教师满意度", "参训教师满意度", "≥90%"),
    ),
    purpose="用于中小学教师全员培训、骨干教师研修及新任教师岗前培训。",
)

VARIANTS = ExpectedTable(
    kind="project",
    title="1.农村生活污水治理-2024省级绩效目标表",
    unit_code="410102",
    unit_name="某县生态环境局",
    project_name="农村生活污水治理-2024省级",
    budget_total="860.00",
    budget_fiscal="800.00",
    budget_other="60.00",
    goal_text="1.完成25个行政村生活污水治理任务；2.提高农村生活污水治理率，改善农村人居环境。",
    indicators=(
        ("产出指标", "数量指标", "治理行政村数量", "完成生活污水治理的行政村数量", "≥25个"),
        ("产出指标", "质量指标", "处理设施出水达标率", "出水水质达到排放标准的设施占比", "≥90%"),
        ("产出指标", "进度指标", "项目完工时间", "年底前完成建设并投入运行", "1年"),
        ("产出指标", "工作推进指标", "设施运维制度建立", "建立设施长效运维管理制度", "建立"),
        ("产出指标", "成本指标", "项目总成本", "项目总成本", "860万"),
        ("效果指标", "社会效益指标", "受益农村人口", "受益农村人口数量", "≥3.2万人"),
        ("效果指标", "环境效益指标", "农村生活污水治理率", "农村生活污水治理率", "≥45%"),
        ("效果指标", "可持续影响指标", "设施长效运行", "设施长效运行", "长期"),
        ("满意度指标", "社会公众或服务对象满意度指标", "受益群众满意度", "受益群众满意度", "≥90%"),
    ),
    purpose="用于农村生活污水收集管网和处理设施建设及运行维护。",
)

IRREGULAR = ExpectedTable(
    kind="project",
    title="1.诉讼服务中心运行维护-2023区级绩效目标表",
    unit_code="216105",
    unit_name="天津市静海区人民法院",
    project_name="诉讼服务中心运行维护-2023区级",
    budget_total="68.00",
    budget_fiscal="60.00",
    budget_other="8.00",
    goal_text="1.保障诉讼服务中心正常运转；2.为当事人提供便捷高效的一站式诉讼服务。",
    indicators=(
        ("产出指标", "数量指标", "诉讼服务接待人次", "诉讼服务接待人次", "≥18000人次"),
        ("产出指标", "数量指标", "12368热线接听量", "12368热线接听量", "≥9500次"),
        ("产出指标", "质量指标", "自助设备完好率", "自助设备完好率", "≥98%"),
        ("产出指标", "时效指标", "故障响应时间", "故障响应时间", "≤1天"),
        ("产出指标", "成本指标", "运行维护费用", "运行维护费用", "68万"),
        ("效益指标", "社会效益指标", "当事人诉讼便利度", "当事人诉讼便利度", "明显改善"),
        ("满意度指标", "服务对象满意度指标", "当事人满意度", "当事人满意度", "≥90%"),
        ("满意度指标", "服务对象满意度指标", "干警满意度", "干警满意度", "≥95%"),
    ),
    purpose="用于诉讼服务中心自助立案设备、12368热线及网上立案系统的运行维护。",
)


def _pdf(table: ExpectedTable, page: int, *pages: tuple[int, int]) -> ExpectedTable:
    """``table`` as found in a PDF: title on ``page``; ``pages`` are (page, number of indicator rows) in order."""
    indicator_pages = tuple(p for p, n in pages for _ in range(n))
    if len(indicator_pages) != len(table.indicators):
        raise ValueError(f"{table.title}: pages for {len(indicator_pages)} of {len(table.indicators)} indicator rows")
    return replace(table, page=page, indicator_pages=indicator_pages)


def _case(*tables: ExpectedTable) -> Case:
    return Case(tuple(t.kind for t in tables), tables)


CASES: dict[str, Case] = {
    "layout_b_project.docx": _case(REPAIR, AID),
    "layout_b_project.pdf": _case(_pdf(REPAIR, 1, (1, 10)), _pdf(AID, 2, (2, 8))),
    # The workbook: REPAIR with amounts and values stored as numbers, AID as text (sheet 第一中学, stacked
    # with a blank row between), FINANCE with numbers on a sheet of its own.
    "layout_b_project.xlsx": _case(
        replace(REPAIR, budget_total="186.5", budget_fiscal="180", budget_other="6.5", sheet="第一中学"),
        replace(AID, sheet="第一中学"),
        replace(FINANCE, sheet="财政局"),
    ),
    "layout_b_midterm.docx": _case(MIDTERM),
    # 19 indicator rows on page 1, 26 on page 2; page 2 opens inside the 产出指标 group (its 一级 cell blank),
    # with the header row repeated above it in _repeated and not in _plain.
    "page_break_repeated.pdf": _case(_pdf(PAGE_BREAK, 1, (1, 19), (2, 26))),
    "page_break_plain.pdf": _case(_pdf(PAGE_BREAK, 1, (1, 19), (2, 26))),
    "department.docx": _case(DEPARTMENT, TEACHER_TRAINING),
    "department.pdf": _case(_pdf(DEPARTMENT, 1, (1, 8)), _pdf(TEACHER_TRAINING, 2, (2, 7))),
    # Followed, on page 2, by a budget table of the same width under its own title: not a goal table.
    "variants.docx": _case(VARIANTS),
    "variants.pdf": _case(_pdf(VARIANTS, 1, (1, 9))),
    "irregular_grid.docx": _case(IRREGULAR),
    "irregular_grid.pdf": _case(_pdf(IRREGULAR, 1, (1, 8))),
}


# --------------------------------------------------------------------------- real layouts (tests/make_real_layouts.py)

SH_GOAL_ANNUAL = "完成服务中心主体施工，配置服务窗口及设施设备。"

REAL_CENTRE = ExpectedTable(
    kind="project",
    title="财政项目支出绩效目标填报表（2023年度）",
    unit_code="",
    unit_name="某区江畔街道社区服务中心",
    project_name="江畔街道邻里汇服务中心新建工程",
    # this year's pair (年度资金申请总额 …), not the whole project's (项目资金总额 12,600,000.00 …)
    budget_total="4,350,000.00",
    budget_fiscal="3,900,000.00",
    budget_other="200,000.00",
    budget_carryover="250,000.00",
    money_unit="元",
    goal_text=SH_GOAL_ANNUAL,
    indicators=(
        ("产出指标", "数量指标", "新建服务中心建筑面积", None, "≥8620.00(平方米)"),
        ("产出指标", "数量指标", "配置服务窗口数量", None, "≥12.00(个)"),
        ("产出指标", "质量指标", "工程验收合格率", None, "=100.00(%)"),
        ("产出指标", "质量指标", "设施设备完好率", None, "≧95%"),
        ("产出指标", "时效指标", "工程完工及时率", None, "按期完工"),
        # 成本指标: an empty group merged over two blank rows, no indicator row
        ("效益指标", "社会效益指标", "服务覆盖人口", None, "≥3.50(万人)"),
        ("效益指标", "质量指标", "居民投诉率", None, "≦5%"),  # misfiled, kept as written
        ("满意度指标", "服务对象满意度指标", "居民满意度", None, "≥90.00(%)"),
    ),
)


def _grouped(*groups: tuple[str, str, tuple[tuple[str, str], ...]]) -> tuple:
    """Indicator rows of a grid without descriptions: (一级, 二级, ((三级, target_raw), …)), …"""
    return tuple((l1, l2, l3, None, target) for l1, l2, rows in groups for l3, target in rows)


REAL_GOVERNANCE = ExpectedTable(
    kind="project",
    title="财政项目支出绩效目标填报表（2023年度）",
    unit_code="",
    unit_name="某区人民政府江畔街道办事处",
    project_name="江畔街道社区综合治理及环境整治经费",
    budget_total="3120000.00",  # no thousands separators in this table
    budget_fiscal="2860000.00",
    budget_other="0.00",
    budget_carryover="260000.00",
    money_unit="元",
    goal_text="完成全年社区环境整治、病媒消杀、平安巡防和矛盾纠纷化解任务。",
    indicators=_grouped(
        ("产出指标", "数量指标", (
            ("社区环境集中整治行动", "≥24.00(次)"), ("病媒生物消杀", "≥12.00(次)"),
            ("小区公共部位维修", "≥18.00(处)"), ("社区志愿服务活动", ">6.00(次)"),
            ("平安社区巡防", "≥365.00(天)"), ("矛盾纠纷排查化解", "≥40.00(件)"),
            ("垃圾分类宣传", "≥20.00(次)"), ("小区道路维修面积", "≥2400.00(平方米)"),
            # repeated, not merged:
            ("公共绿地养护面积", "≥56000.00(平方米)"), ("安全隐患排查", "≥480.00(户次)"),
        )),
        ("产出指标", "质量指标", (
            ("环境整治验收合格率", "=100.00(%)"), ("消杀作业达标率", "≥98.00(%)"),
            ("维修工程质量合格率", "=100.00(%)"), ("矛盾纠纷化解率", "≥95.00(%)"), ("垃圾分类准确率", "≧90%"),
        )),
        ("产出指标", "时效指标", (("整改及时率", "≥95.00(%)"), ("资金拨付及时率", "=100.00(%)"))),
        ("产出指标", "成本指标", (("单次集中整治成本", "≤35000.00(元)"),)),
        ("效益指标", "社会效益指标", (
            ("社区环境面貌", "明显改善"), ("居民安全感", "持续提升"), ("社区治安案件发案率", "较上年下降"),
            ("垃圾分类知晓率", "≥95.00(%)"), ("社区矛盾纠纷", "保持稳定"),
            ("社区环境投诉率", "持续下降"),  # the first row of page 3 in the PDF
        )),
        # 生态效益指标: an empty group over two blank rows
        ("效益指标", "可持续影响指标", (("社区管理水平", "持续提升"),)),
        ("满意度指标", "服务对象满意度指标", (
            ("居民满意度", "≥90.00(%)"), ("党员群众满意度", "党员群众满意度不少于80%"),
            ("商户满意度", "≥85.00(%)"), ("志愿者满意度", "≥90%"),
        )),
    ),
)

REAL_DEPT = ExpectedTable(
    kind="department",
    title="2024年市级部门整体预算绩效目标表",
    unit_code="",
    unit_name="某市文化广电旅游体育局",
    project_name="",
    budget_total="",  # only the parts are printed (财政拨款, 其他资金)
    budget_fiscal="10023.38",  # in the XLSX =SUM(C5:C6), cached 10023.380000000001, shown 10023.38
    budget_other="0",
    money_unit="万元",  # 预算金额（万元）
    goal_text="目标1：公共文化服务体系进一步健全，文化惠民活动覆盖城乡；目标2：全民健身设施持续完善，群众体育活动广泛开展；"
    "目标3：文物和非物质文化遗产得到有效保护。",
    indicators=_grouped(
        ("产出指标", "数量指标", (
            ("基层文化志愿者补贴标准", "≥150元每人每月"), ("文化产业发展专项资金扶持规模", "3000万元"),
            ("公益电影放映场次（场）", "根据下达任务目标要求确定"), ("新建全民健身路径（个）", "根据下达任务目标要求确定"),
        )),
        ("产出指标", "质量指标", (("文物安全巡查覆盖率", "≧95%"), ("公共文化设施免费开放率", "≧98%"))),
        ("产出指标", "时效指标", (
            ("资金在规定时间内下达率", "100%"),  # XLSX: 1 in a 0% format
            ("资金支付规范性", "合规"), ("实际资金支出率", "≧90%"),
        )),
        # 成本指标: empty
        ("效益指标", "经济效益指标", (("旅游接待人次增长率", "≥8%"), ("带动文化旅游消费", "根据下达任务目标要求确定"))),
        ("效益指标", "社会效益指标", (("公共文化服务覆盖面", "不低于上年度水平"), ("扶持文化创业企业数（家）", "120"))),
        # 生态效益指标, 可持续影响指标: empty
        ("满意度指标", "服务对象满意度指标", (
            ("群众满意度", "≥80%"), ("文化惠民活动参与者满意度", "≧95%"), ("体育场馆使用者满意度", "≧90%"),
        )),
    ),
    tasks=(
        ("文化惠民工程", "组织送戏下乡、公益电影放映和全民阅读活动", "1850"),
        ("全民健身设施建设", "新建和更新社区全民健身路径及多功能运动场", "2300"),
        ("文物保护利用", "开展重点文物保护单位修缮和安全巡查", "960"),
    ),
)

REAL_APPLY = ExpectedTable(
    kind="project",
    title="2020年项目申报表",
    unit_code="308101",  # the unit's own code (项目执行单位 308101东湖区教育局), not the supervisor's 308
    unit_name="东湖区教育局",
    project_name="中小学课后服务及学生资助",
    budget_total="620",  # 项目当年预算, not 项目总预算 (1860)
    budget_fiscal="560.00",  # 项目资金来源: 1.一般公共预算财政拨款收入
    budget_other="",  # no other source filled in
    budget_carryover="60.00",  # 项目资金来源: 5.上年结转
    money_unit=None,  # no unit printed anywhere
    goal_text="全面开展中小学课后服务，精准资助家庭经济困难学生，丰富学生课外阅读和实践活动。",  # 项目绩效总目标
    indicators=_grouped(  # 指标内容 is the third level; 备注 is read by nobody
        ("产出指标", "数量指标", (
            ("课后服务覆盖学校数", "28所"), ("参加课后服务学生及教师人数", "12000人、1500人"),
            ("家庭经济困难学生资助人数", "860人"), ("校外实践活动参与人次", "约2.6万人次"),
            ("配发课外读物数量", "3万册"), ("教师家访", "不低于4户/人.月"),
        )),
        ("产出指标", "质量指标", (("资助对象认定准确率", "100%"),)),  # XLSX: 1 in 0%
        ("产出指标", "时效指标", (("资助资金发放及时率", "95%"), ("课后服务经费拨付", "在规定时间内拨付率为95%"))),
        # 成本指标, 经济效益指标: empty
        ("效益指标", "社会效益指标", (("减轻家长接送负担", "明显减轻"),)),
        # 环境效益指标, 可持续影响指标: empty
        ("效益指标", "社会公众或服务对象满意度指标", (("做好课后服务，让学生和家长满意", "95%"),)),  # XLSX: 0.95 in 0%
    ),
)


def _two_level(*groups: tuple[str, tuple[tuple[str, str], ...]]) -> tuple:
    """Indicator rows of a two-level grid: (level1, ((level3, target_raw), …)), level2 None."""
    return tuple((l1, None, l3, None, target) for l1, rows in groups for l3, target in rows)


REAL_SEEDS = ExpectedTable(
    kind="project",
    title="2024年度项目支出绩效目标表",
    unit_code="173",  # from 主管部门及代码 [173]…: the 实施单位 cell gives no code
    unit_name="某农业科学研究院作物研究所",
    project_name="农作物良种繁育与示范推广",
    budget_total="3460.00",
    budget_fiscal="3000.00",
    budget_other="160.00",
    budget_carryover="300.00",
    money_unit="千元",  # the 单位：千元 line above the table
    goal_text="完成120个以上品种筛选鉴定，建设6个试验示范基地，繁育良种300亩，示范区亩均增产8%以上，带动农户1500户。",
    indicators=_two_level(
        ("数量指标", (("试验示范基地建设数量", "≥6个"),)),
        ("产出类指标", (
            ("品种筛选鉴定数量", "≥120个"), ("良种繁育面积", "=300亩"),  # the bare text "=" as operator
            ("技术培训合格率", "≥95%"), ("示范基地建设完成时间", "≤12月"),
        )),
        ("效益类指标", (("示范区亩均增产", "≥8%"), ("带动农户数", "≥1500户"), ("农业面源污染", "有效降低"))),
        ("满意度类指标", (("示范农户满意度", "≥90%"),)),
        ("管理类指标", (("资金使用合规性", "合规"), ("预算执行率", "≥90%"), ("管理制度健全性", "健全"))),
    ),
)

REAL_LAB = ExpectedTable(
    kind="project",
    title="2024年度项目支出绩效目标表",
    unit_code="173",
    unit_name="某农业科学研究院农产品质量标准研究所",
    project_name="农产品质量安全检测能力建设",
    budget_total="1285.50",
    budget_fiscal="1200.00",
    budget_other="85.50",
    money_unit="千元",
    goal_text="购置农产品质量安全检测设备12台（套），年检测样品不少于5000批次，检测能力和服务水平明显提升。",
    indicators=_two_level(  # 指标性质 定量/定性 left out of target_raw
        ("产出指标(50分)", (
            ("检测设备购置数量", "≥12台（套）"), ("年检测样品批次", "≥5000批次"),
            ("检测结果准确率", "≥98%"), ("设备采购完成时间", "≤10月"),
        )),
        ("效益指标(30分)", (("农产品质量安全监管支撑能力", "明显提升"), ("检测报告出具周期", "≤7天"))),
        ("满意度指标(10分)", (("委托检测单位满意度", "≥90%"),)),
    ),
)

REAL_ROADS = ExpectedTable(
    kind="project",
    title="项目绩效目标表（2023年度）",  # the （单位：亿元） line under it is not a year note: not joined
    unit_code="",
    unit_name="某省公路事业发展中心",
    project_name="国省干线公路养护工程",
    budget_total="1.85",
    budget_fiscal="1.60",
    budget_other="0.25",
    money_unit="亿元",
    goal_text="完成国省干线公路大中修120公里以上、危旧桥梁改造15座，路况优良路率保持在85%以上。",
    indicators=_grouped(
        ("产出指标", "数量指标", (("国省干线公路大中修里程", "≥120公里"), ("危旧桥梁改造数量", "≥15座"))),
        ("产出指标", "质量指标", (("工程交工验收合格率", "100%"),)),
        ("产出指标", "时效指标", (("年度计划完成率", "≥95%"),)),
        ("产出指标", "成本指标", (("大中修工程平均造价", "≤180万元/公里"),)),
        ("效益指标", "经济效益指标", (("路网通行效率", "明显提升"),)),
        ("效益指标", "社会效益指标", (("路况优良路率", "≥85%"),)),
        ("效益指标", "生态效益指标", (("沿线绿化养护面积", "≥35万平方米"),)),
        ("效益指标", "可持续影响指标", (("养护管理长效机制", "保持稳定"),)),
        ("满意度指标", "服务对象", (("公路使用者满意度", "≥90%"), ("沿线群众满意度", "≥85%"))),
    ),
)

# The second sheet of real_two_row_header.xlsx: a bare export, the grid alone from A1.
REAL_BARE = ExpectedTable(
    kind="project",
    title="",
    unit_code="",
    unit_name="",
    project_name="",
    budget_total="",
    budget_fiscal="",
    budget_other="",
    money_unit=None,
    goal_text="",
    indicators=_grouped(
        ("产出指标", "数量指标", (("新增停车泊位（个）", "500"), ("智慧停车诱导屏", "≥40块"))),
        ("产出指标", "质量指标", (("泊位信息上线率", "90%"),)),  # 0.9 in 0%
        ("产出指标", "时效指标", (("项目完成时限", "2023年12月底前"),)),
        ("效益指标", "社会效益指标", (("中心城区停车难问题", "有效缓解"),)),
        ("满意度指标", "服务对象满意度指标", (("驾驶人满意度", "≥85%"),)),
    ),
    sheet="导出数据",
)

CASES.update({
    "real_project.docx": _case(REAL_CENTRE, REAL_GOVERNANCE),
    # REAL_GOVERNANCE starts on page 2 and goes on on page 3 without a repeated header.
    "real_project.pdf": _case(_pdf(REAL_CENTRE, 1, (1, 8)), _pdf(REAL_GOVERNANCE, 2, (2, 23), (3, 6))),
    "real_project.xlsx": _case(replace(REAL_CENTRE, sheet="项目绩效目标"), replace(REAL_GOVERNANCE, sheet="项目绩效目标")),
    "real_department.docx": _case(REAL_DEPT),
    "real_department.pdf": _case(_pdf(REAL_DEPT, 1, (1, 9), (2, 7))),  # page 2 opens with 效益指标
    "real_department.xlsx": _case(replace(REAL_DEPT, sheet="Sheet1")),
    "real_apply.docx": _case(REAL_APPLY),
    "real_apply.pdf": _case(_pdf(REAL_APPLY, 1, (1, 7), (2, 4))),  # page 2 opens inside 产出指标, with 时效指标
    "real_apply.xlsx": _case(replace(REAL_APPLY, sheet="Sheet1")),
    "real_two_level.docx": _case(REAL_SEEDS, REAL_LAB),
    "real_two_level.pdf": _case(_pdf(REAL_SEEDS, 1, (1, 12)), _pdf(REAL_LAB, 2, (2, 7))),
    "real_two_level.xlsx": _case(replace(REAL_SEEDS, sheet="良种繁育"), replace(REAL_LAB, sheet="检测能力")),
    "real_two_row_header.docx": _case(REAL_ROADS),
    "real_two_row_header.pdf": _case(_pdf(REAL_ROADS, 1, (1, 11))),
    "real_two_row_header.xlsx": _case(replace(REAL_ROADS, sheet="项目绩效目标表"), REAL_BARE),
})

# Self-evaluation tables (绩效自评表): read as kind self_evaluation, their rows checked in tests/transform/test_results.py.
SELF_EVALUATIONS = ("real_self_evaluation.docx", "real_self_evaluation.pdf", "real_self_evaluation.xlsx")

# Files that look like goal tables and must not load: file name → a word the DocumentError's message contains.
FAILING: dict[str, str] = {
    # An indicator header with no value column: refused, the place named (page, sheet and row, table and row).
    "real_unreadable_header.docx": "第 1 个表格第 5 行",
    "real_unreadable_header.pdf": "第 1 页",
    "real_unreadable_header.xlsx": "工作表“道路维修”第 6 行",
}
