"""Targets: quantified goals (森林覆盖率稳定在62%以上) → SETS_TARGET edges to Indicator nodes.

Reads the text clause by clause (a clause ends at ，；。 or a line end) in a compact view of the
normalised text (Simplified, half-width, no spaces, so PDF spacing like `70 % 以上` or `2 0 2 5 年`
reads as `70%以上`, `2025年`), in which a line break that cuts a sentence (a hard wrap, a page
break, a line stopping on 分别比 / 下降到 or followed by 2020年下降 / 18%) is removed. In each
clause it finds quantities (number, optional range, unit, qualifier) and reads the indicator from
around them:

- level      名称 + 动词 + 数值: 城区污水处理率达到98%; 城镇调查失业率控制在5.5%以内
- count      动词 + 数值 + 量词 + 名词: 培育5个以上高端创新团队; 新增10家上市公司
- list       A、B分别比2015年下降15%、18% → one target per name; one value for several
             names (二氧化硫、氮氧化物排放量分别削减10%) → one target each
             国考、省考断面水质优Ⅲ类比例分别达到90%、92% → the modifiers share the head;
             2024年、2025年、2026年分别完成…1200座、1000座、800座 → one year per value
- sub        其中设区城市达到75%以上 → the sub-scope takes the head of the previous indicator
- members    苏南五市(南京市、无锡市…)比2016年合计减少… → named from the subject before the bracket,
             plus the quantity the sentence or section heading measures (煤炭消费总量); with 分别 the
             bracketed members are the names (主要污染物(化学需氧量、氨氮)排放量分别下降…)
- frequency  每季度开展一次集中整治 → 集中整治次数(每季度) = 1
- table_row  主要指标 tables: 指标 | 单位 | 基期值(2020年) | 目标值(2025年) | 属性, cells joined by
             tabs, single spaces, nothing (around ≥/≤), or one per line (PDF); a 变化 column
             (2010年 | 2015年 | 变化: 6.82 | 6.28 | -7.9%) gives the change too (decrease_by 7.9 from 2010)

Units: compound units per output stay whole (克标准煤/千瓦时, 千克标准煤/吨, 立方米/万元, 公斤/亩).
Comparator: 以上/不低于/超过/突破 → >=, 以下/以内/不超过/控制在/降至/下降到 X 以下 → <=, 左右/约 → ~,
比YYYY年下降/减少 X → decrease_by (baseline_year YYYY), 增长/提高 X → increase_by, else =.
Year: 到2020年 / 2025年 / “十四五”期间 (→ 2025) in the clause; 年内/今年 → the document's year;
else the last one stated earlier in the paragraph; else, under a 远景目标 heading (or after a paragraph opening
展望2035年 / 到2035年), that long-range year until the next heading; else the plan's horizon (its period_end, else
its title's year range, else the year most of its 到YYYY年 goals name, else its date's year).

Not targets: achievements, i.e. clauses in a review section (发展成就, 回顾, 发展基础 …) or in a
sentence whose stated year lies before the plan starts (2020年达到3105.8亿元 in a 2021 plan);
numbers that are not quantities (years, 3+5+2, 2×100万千瓦, PM2.5, 专栏8); subsidy rules
(单个项目最高补助200万元); thresholds of a prohibition (严禁销售灰分大于16%的散煤) and cost estimates
(估算总投资38.6亿元); a quantity qualifying what a count counts (年利用量10万吨以上的骨干企业30家: only 30家).
The Indicator node keeps each written name as an alias, in the document's own script (環境空氣質量…).
See docs/decisions/0006-indicators.md.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policygraph.graph.model import EdgeType, Indicator, Label, Plan, Task, match_key, node_id

from ..document import BatchBuilder, ParsedDoc
from .meta import fold_chars

__all__ = ["Target", "IndicatorEntry", "find_targets", "extract", "load_indicators",
           "resolve_indicator", "horizon_year", "current_year"]

DATA = Path(__file__).resolve().parent.parent / "data" / "indicators.csv"


# ---------------------------------------------------------------------------- values

@dataclass(frozen=True, slots=True)
class Target:
    """One target read from a clause. `start`/`end` index `doc.norm.text` (the clause)."""

    name: str                  # indicator as written (Simplified, compact), before alias lookup
    value: int | float
    unit: str | None
    comparator: str
    year: int | None
    baseline_year: int | None
    start: int
    end: int
    rule: str
    written: str | None = None # the name as the document writes it (Traditional, full-width), when that differs


@dataclass(frozen=True, slots=True)
class IndicatorEntry:
    canonical: str
    aliases: tuple[str, ...]
    unit: str | None
    source: str


# ---------------------------------------------------------------------------- alias table

def _alias_key(name: str) -> str:
    key = match_key(name).replace("的", "")
    return re.sub(r"^(?:全市|全区|全县|全省|全州|全国|全镇|全乡|全盟|全旗)", "", key)


@lru_cache(maxsize=4)
def load_indicators(path: Path = DATA) -> dict[str, IndicatorEntry]:
    """The alias table: alias key → entry (canonical names are their own aliases)."""
    table: dict[str, IndicatorEntry] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            aliases = tuple(a for a in (row.get("aliases") or "").split("|") if a)
            entry = IndicatorEntry(row["canonical"], aliases, row.get("unit") or None, row.get("source") or "")
            for name in (entry.canonical, *aliases):
                table.setdefault(_alias_key(name), entry)
    return table


def resolve_indicator(name: str) -> IndicatorEntry | None:
    """The table entry an as-written indicator name stands for, if any."""
    return load_indicators().get(_alias_key(name))


# ---------------------------------------------------------------------------- compact view

@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s").convert


@dataclass(frozen=True, slots=True)
class _View:
    text: str
    to_norm: tuple[int, ...]   # per compact char: its index in doc.norm.text; + sentinel

    def norm_span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_norm[start], self.to_norm[end - 1] + 1


_DROPPED = re.compile(r"[^\S\n]|[\u200b\ufeff]")     # whitespace but newlines, zero-width marks (re \s = str.isspace)


def _compact(norm: str) -> _View:
    convert = _t2s()
    simp_lines = []
    for line in norm.splitlines(keepends=True):
        simp = convert(line)
        if len(simp) != len(line):
            simp = "".join(s if len(s := convert(c)) == 1 else c for c in line)
        simp_lines.append(simp)
    simp = "".join(simp_lines)                     # same length and offsets as norm
    index: list[int] = []
    kept = 0
    for m in _DROPPED.finditer(simp):
        index.extend(range(kept, m.start()))
        kept = m.end()
    index.extend(range(kept, len(simp)))
    index.append(len(norm))
    return _View(fold_chars(_DROPPED.sub("", simp)), tuple(index))


# ---------------------------------------------------------------------------- lexicon

_UNITS = sorted("""
微克/立方米 毫克/立方米 吨标准煤/万元 万吨标准煤 吨标准煤 吨标煤 千克标准煤 公斤标准煤 克标准煤 千克 公斤
万元/亩 亿元/平方公里 公里/小时 千米/小时
个百分点 百分点 平方公里 平方千米 万平方米 平方米 ㎡ 万立方米 亿立方米 立方米 万千瓦时 亿千瓦时 千瓦时
万千瓦 千瓦 兆瓦 MW GW 万公里 万千米 亿斤 万斤 斤 万亿元 亿美元 万美元 亿元 万元 元 亿吨 万吨 吨 万人次 人次 万人 万户 户 万名 名
人 位 万个 个 家 所 座 处 项 万件 件 条 万套 套 万张 张 床 万辆 辆 万台 台 艘 公里 千米 米 万亩 亩 万公顷
公顷 小时 分钟 倍 % ‰ 万头 头 万株 株 次 批 部 支 场 届 篇 门 类 只 人口 岁 年 天 家次 户次 车次 架次
个工作日 工作日 个月 μg/m3 ug/m3 mg/m3 毫克/升 微克/升 mg/L mg/l μg/L ug/L 升
辆次 台次 艘次 场次 件次 班次 万平方公里 万平米 平米 万㎡ 万m2 m2 万m3 m3 km2 克标煤 千克标煤 公斤标煤 克
""".split(), key=len, reverse=True)
# a unit per time, person, area or unit of output: 万吨/日, 万吨/年, 元/人, 立方米/万元, 克标准煤/千瓦时,
# 千克标准煤/吨, 公斤/亩 (吨标准煤/万元 and 微克/立方米 are listed whole); the compound is one unit
_PER = (r"(?:/(?:日|天|年|月|小时|人|户|万人|千人|亩|平方公里|平方米|立方米|标准立方米|万元|千瓦时|"
        r"吨公里|百公里|吨钢|吨水泥|吨熟料|吨产品|吨|千克|公斤|度|kWh|千瓦时|立方米))?")
# classifiers: a count of things, usually followed by the things (建成1个产业园)
_CLASSIFIERS = set("""万个 个 家 所 座 处 项 万件 件 条 万套 套 万张 张 万辆 辆 万台 台 艘 万名 名 位 批 部 支 场 届
篇 门 类 只 万头 头 万株 株 次 户 万户 人 万人 万人次 人次 家次 户次 车次 架次 辆次 台次 艘次 场次 件次 班次""".split())
_RATE_UNITS = {"%", "‰", "个百分点", "百分点"}
_MONEY = {"万亿元", "亿美元", "万美元", "亿元", "万元", "元"}
# money per item in a sentence about subsidies is a rule (单个项目最高补助200万元), not a goal
_SUBSIDY = re.compile(r"补助|补贴|奖励|奖补|资助|补偿|贴息|给予")
_PER_ITEM = re.compile(r"最高|最多|每(?:个|家|户|人|吨|亩|平方米|台|辆|项|名)|单个|单项|单家|单笔")

_NUM = r"\d+(?:\.\d+)?"
_YEAR_DIGITS = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}

_QTY = re.compile(
    r"(?P<approx>约|近)?(?P<num>" + _NUM + r")(?:(?:-|~|—|–|至)(?P<hi>" + _NUM + r"))?"
    r"(?P<unit>(?:" + "|".join(re.escape(u) for u in _UNITS) + r")" + _PER + r")?"
    r"(?P<qual>及以上|及以下|以上|以下|左右|以内|多)?"
)
_QUAL_AFTER = re.compile(r"^(?:及以上|及以下|以上|以下|左右|以内)")

_GE_VERBS = ("突破", "超过", "不低于", "不少于", "不小于", "高于", "大于", "多于", "过")
_LE_VERBS = ("控制在", "控制到", "压缩至", "压缩到", "压缩在", "缩短至", "缩短到", "缩短在", "不超过", "不高于", "不大于", "低于", "少于", "小于", "降至", "降到",
             "下降到", "降低到", "减少到", "压减到", "减少至", "下降至", "降低至", "压减至", "以内",
             "下降为", "降低为", "降为", "减少为", "压减为")
_EQ_VERBS = ("达到", "达", "保持在", "保持", "稳定在", "稳定", "提高到", "提升到", "提高至", "提升至",
             "增加到", "增加至", "增长到", "增长至", "上升到", "上升至", "扩大到", "调整到", "调整为",
             "为", "占到", "占", "实现", "完成")
_DEC_VERBS = ("累计减少", "累计下降", "累计降低", "下降", "减少", "降低", "削减", "减排", "压减", "缩减", "压缩", "缩短")
_INC_VERBS = ("年均增长", "年均提高", "年均增加", "累计增长", "增长", "提高", "增加", "提升")

_VERB_TAIL = re.compile(
    r"(?:分别)?(?:(?:比|较|与)(?P<b1>" + _YEAR_DIGITS + r")年(?:相比|末|底)?|(?P<b4>(?:比|较)上年|同比)|在(?P<b2>" + _YEAR_DIGITS
    + r")年(?:的)?基础上|以(?P<b3>" + _YEAR_DIGITS + r")年为基[数准期年])?"
    r"(?:分别|累计|合计|共计|总计|平均|均|年均|力争|争取|原则上|须|必须|要|应|不得|同比)*"
    r"(?P<verb>" + "|".join(sorted({*_GE_VERBS, *_LE_VERBS, *_EQ_VERBS, *_DEC_VERBS, *_INC_VERBS},
                                   key=len, reverse=True)) + r")?"
    r"(?:在|到|至|分别)?$"
)

# verbs that make things (建成1个产业园): the count pattern
_MAKE = ("建成", "建设", "新建", "建", "培育", "打造", "创建", "争创", "创成", "引进", "培养", "遴选", "招录",
         "设立", "推出", "完成", "发展", "吸引", "新增", "创", "认定", "组织", "支持", "扶持",
         "引导转化", "转化", "实施", "改造", "关停", "淘汰", "搬迁", "规划建设", "开工", "开通",
         "配建", "建立", "招引", "引育", "培训", "申报", "获得", "实现",
         "整治", "修复", "治理", "铺设", "敷设", "更新", "清淤", "疏浚", "造林", "种植", "安装", "打捞")

_LEAD = re.compile(
    r"^(?:其中|分别|累计|第[一二三四五六七八九十百\d]+条|\d{1,2}[.、](?=[\u4e00-\u9fff])|\(\d{1,2}\)|[,、;:和及与并且还同时]|力争|争取|确保|努力|预计|计划|基本|全面|进一步|重点(?=[培打建发支扶引实推创完])|着力|大力|积极|逐步|"
    r"加快|持续|切实|全力|全年|(?:全|本|我)[市区县省州镇乡盟旗](?:\([市区县盟旗、]+\))?|每年|年均|当年|今年|年内|"
    r"(?:到|至|在|于|截至)?(?:" + _YEAR_DIGITS + r"年?[-—–~至到])?" + _YEAR_DIGITS + r"年(?:底|末|前|内|时)?|"
    r"(?:“)?(?:十[一二三四五六七八九]五|1[1-9]五)(?:”)?(?:期间|期末|末|时期|内|规划期)?|"
    r"[一二三四五两\d]年(?:内|间)|规划期(?:内|末)?|实现|使|让|将|要|"
    r"引进培育|重点培养|定向招录|培育打造|规划建设|力争创建|引导转化|建成(?!区)|建设(?!用地)|培育|打造|创建|争创|引进|培养|"
    r"遴选支持|遴选|招录|设立|推出|完成|形成|吸引|认定|支持|组织|获得|开展)+"
)
_TRAIL = re.compile(r"(?:的|之|由|从|和|及|、|等|总体|整体|合计|共计|[,:;。!?])+$")

# an indicator name ends in a measure word (rate, share, amount …)
_HEADS = ("率", "量", "消耗", "比重", "比例", "比率", "浓度", "面积", "总额", "产值", "规模", "收入", "人口", "数",
          "强度", "指数", "密度", "长度", "里程", "容量", "能耗", "排放", "增加值", "总量", "水平", "占比",
          "覆盖率", "投资", "产量", "销售额", "营业收入", "利润", "税收", "消费", "价格", "时间", "年限",
          "寿命", "人数", "个数", "床位", "水质", "质量", "指标", "值", "额", "度")
_HEAD_MARKERS = ("增加值", "占", "平均", "年均", "浓度", "排放", "经费", "产值", "处理率", "覆盖率",
                 "利用率", "达标率", "普及率", "收集率", "无害化", "污水", "垃圾", "总额", "总量", "面积",
                 "比重", "比例", "率")
_SCOPE = re.compile(
    r"^(?:(?:[省市县区乡镇村]级?(?:以上|及以上))?(?:城镇|城市|城区|市区|县城|县域|农村|乡镇|全市|全区|全省|"
    r"全县|主城区|中心城区|设区城市|地级以上城市|建制镇)|[省市县区乡镇村]级?(?:以上|及以上)|[省市县区乡镇村]级)?"
)

_REVIEW_HEAD = re.compile(r"成就|回顾|成效|发展基础|工作基础|现实基础|现状|面临的形势|面临形势|形势分析|发展环境|取得的成绩|基本情况|进展情况|"
                          r"存在的?问题|主要问题|机遇和挑战|机遇与挑战")
_HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十百\d]+[篇章节]|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|"
    r"（[一二三四五六七八九十]+）)"
)
_HEADING_RANK = (("篇", 0), ("章", 1), ("节", 2))

_FYP = re.compile(r"(?:第)?(?:十([一二三四五六七八九])|1([1-9]))(?:个)?五(?:年规划|”|\"|期间|期末|末|时期|规划期|$)")
_CN_ORD = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}

_YEAR_EXPR = re.compile(
    r"(?P<pre>比|较|与|从|由|自|在|以|截至|到|至|于)?(?P<year>" + _YEAR_DIGITS + r")年"
    r"(?P<post>底|末|前|以来|起|开始|的基础上|基础上|相比|为基|的|内)?"
)
_FYP_EXPR = re.compile(r"(?:“|\")?(?:十([一二三四五六七八九])|1([1-9]))五(?:”|\")?(?:期间|期末|末|时期|规划期|内|时)")
_RELATIVE_YEAR = re.compile(r"(?:[一二三四五两\d]年(?:内|间)|今年|年内|规划期(?:内|末)?)")
_THIS_YEAR = re.compile(r"(?<![一二三四五六七八九十两\d])(?:年内|今年|本年度|本年)")
_PAST = re.compile(r"已经|已[经由有达完实建]|累计获得|共获得|分别获得|获评|荣获|成功创建|(?<!力争)(?<!争取)创成|"
                   r"过去(?:的)?[一二三四五两\d]?年|[一二三四五两\d]年来|近年来|去年(?!同期)(?:全[市区县省])?[^比较]{0,12}(?:增长|达到|完成)")
# 已建成/已投运… opening a clause before a noun is a modifier of the indicator's subject (已建成设施正常运行率
# 稳定在90%以上), not a past achievement (已建成3个…; 全市已建成污水处理厂12座)
_ATTRIBUTIVE_PAST = re.compile(
    r"(?:^|(?<=[,;:]))(?:(?:到|至|在)?" + _YEAR_DIGITS + r"年(?:底|末)?,?)?(?:全[市区县省镇]|各地)?"
    r"已(?>建成投运|建成投用|建成运行|建成|投运|投用|建|有|实施)(?:的)?(?=[\u4e00-\u9fff])(?![了并和及与一二三四五六七八九十两几])"
    r"(?=[^,;:。]*?(?:率|量|比例|比重|浓度|能力|水平|负荷)(?:原则上|均|要|应|须|必须|力争)*"
    r"(?:稳定|保持|达到|达|不低于|不高于|不超过|不少于|控制|提高|提升|高于|低于))")

_SKIP_BEFORE = re.compile(r"(?:[A-Za-z×xX*+#＋/第每满未号]|前|近|约为|\d[-.])$")
_SKIP_AFTER = re.compile(r"^(?:[A-Za-z×xX*+＋/]|年|月|日|号|期|版|代|类|级|线|路|国道|省道|大|强|小时制|周年|届|轮|批次|后|条例)")
_BARE_MAGNITUDE = re.compile(r"^(?:亿|万|千|百)")
_SENT_STOP = re.compile(r"[。;!?]")
_CLAUSE_STOP = re.compile(r"(?<!\d),|,(?!\d{3})|(?<!\d):|:(?!\d)")


def _year_of(digits: str) -> int:
    return int("".join(_CN_DIGITS.get(c, c) for c in digits))


def _fyp_end(m: re.Match) -> int:
    k = 10 + _CN_ORD[m.group(1)] if m.group(1) else 10 + int(m.group(2))
    return 1955 + 5 * k


# ---------------------------------------------------------------------------- horizon and review

def horizon_year(doc: ParsedDoc, plan: Plan | None, view: _View | None = None) -> int | None:
    """The year a plan's targets default to: its period_end, else the year its title names
    (2018—2020年 → 2020; 十四五 → 2025; 2010年工作要点 → 2010), else the year most of its
    到YYYY年 goals name, else its date's year."""
    if plan is not None and getattr(plan, "period_end", None):
        return int(plan.period_end)
    title = _t2s()(plan.name) if plan is not None else ""
    title = unicodedata.normalize("NFKC", title).replace(" ", "")
    years = [_year_of(y) for y in re.findall(_YEAR_DIGITS + r"(?=年(?!远景)|\s*[-—–~至])", title)]
    if years:
        return max(years)
    m = _FYP.search(title)
    if m:
        return _fyp_end(m)
    view = view or _compact(doc.norm.text)
    start_year = _start_year(plan)
    goals = Counter(
        y for y in (_year_of(m.group(1)) for m in re.finditer(r"(?:到|至)(" + _YEAR_DIGITS + r")年", view.text))
        if start_year is None or y >= start_year
    )
    if goals:
        return max(goals, key=lambda y: (goals[y], -y))
    if plan is not None and plan.date:
        return int(str(plan.date)[:4])
    return None


def current_year(plan: Plan | None, horizon: int | None) -> int | None:
    """The year 年内 / 今年 / 本年度 mean: an annual plan's own year (2024年…工作要点), else the year of the
    document's date (a 2024—2026 action plan issued in 2024 means 2024), else the horizon."""
    if plan is not None:
        title = unicodedata.normalize("NFKC", _t2s()(plan.name or "")).replace(" ", "")
        years = set(re.findall(r"(" + _YEAR_DIGITS + r")年(?:度)?", title))
        if len(years) == 1 and re.search(r"要点|年度|工作计划|工作安排|(?<!\d)年[^\d]{0,30}计划$", title) \
                and not re.search(_YEAR_DIGITS + r"年?[-—–~至]", title):
            return _year_of(years.pop())
        if plan.date and str(plan.date)[:4].isdigit():
            return int(str(plan.date)[:4])
    return horizon


def _start_year(plan: Plan | None) -> int | None:
    if plan is None:
        return None
    if getattr(plan, "period_start", None):
        return int(plan.period_start)
    if plan.date and str(plan.date)[:4].isdigit():
        return int(str(plan.date)[:4])
    return None


def _review_spans(doc: ParsedDoc, view: _View) -> list[tuple[int, int]]:
    """Compact-view spans of review sections (发展成就, 回顾 …): their numbers are not targets."""
    spans: list[tuple[int, int]] = []
    if doc.sections:
        for s in doc.sections:
            title = _t2s()(s.title or "")
            if _REVIEW_HEAD.search(title) and "目标" not in title and "任务" not in title:
                ns = doc.norm.normalised_index(s.start)
                ne = doc.norm.normalised_index(s.end)
                spans.append((bisect_left(view.to_norm, ns), bisect_left(view.to_norm, ne)))
        return spans
    # no outline yet: headings are short lines that start with 第X章 / 一、 / (一)
    lines = []
    pos = 0
    for line in view.text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    heads = []
    for start, line in lines:
        m = _HEADING.match(line)
        if m and len(line) <= 40:
            rank = next((r for ch, r in _HEADING_RANK if m.group(0).endswith(ch)), 3 if "、" in m.group(0) else 4)
            heads.append((start, rank, line))
    for i, (start, rank, line) in enumerate(heads):
        if _REVIEW_HEAD.search(line) and "目标" not in line and "任务" not in line:
            end = next((s for s, r, _ in heads[i + 1:] if r <= rank), len(view.text))
            spans.append((start, end))
    return spans


# ---------------------------------------------------------------------------- clause reading

@dataclass(frozen=True, slots=True)
class _Qty:
    start: int
    end: int
    value: int | float
    unit: str | None
    qual: str | None
    ranged: bool
    approx: bool


def _number(text: str) -> int | float:
    v = float(text)
    return int(v) if v.is_integer() and "." not in text else v


def _quantities(clause: str) -> list[_Qty]:
    out = []
    for m in _QTY.finditer(clause):
        e = m.end()
        before, after = clause[:m.start()], clause[e:]
        unit = m.group("unit")
        if _SKIP_BEFORE.search(before) or (not unit and (_SKIP_AFTER.match(after) or _BARE_MAGNITUDE.match(after))):
            continue
        if unit == "升" and clause[m.end("unit"):m.end("unit") + 1] in "至到为高级":
            continue                                    # 由2.3升至2.8: 升 is the verb, not litres
        if unit == "人口" or (unit in ("年", "岁") and not re.search(r"(?:达到|提高到|提升到|延长到|保持在)$", before)):
            continue                                    # 3岁以下, 30年: ages and spans, unless a goal (寿命达到79岁)
        if unit and _SKIP_AFTER.match(clause[m.end("unit"):]) and unit not in _RATE_UNITS and not m.group("qual"):
            if unit in ("个", "家", "名") and clause[m.end("unit"):m.end("unit") + 1] in "大强小":
                pass  # 3个百亿级 / 4个小城市 are counts
            else:
                continue
        if re.fullmatch(_YEAR_DIGITS, m.group("num")) and (not unit or unit == "年"):
            continue
        if re.search(r"(?:由|从)(?:" + _YEAR_DIGITS + r"年)?(?:的)?$", before):
            continue                                    # 由2020年的58%提高到…: the starting value
        qual = m.group("qual")
        if qual == "多" and not unit:
            qual = None
        prev = out[-1] if out else None
        if prev is not None and re.fullmatch(r"[-~—–至到]", clause[prev.end:m.start()]) and prev.unit == unit \
                and not prev.qual:
            out[-1] = _Qty(prev.start, e, prev.value, unit, qual, True, prev.approx)
            continue                                    # 6%~7%: a range, read as its lower bound
        out.append(_Qty(m.start(), e, _number(m.group("num")), unit, qual, bool(m.group("hi")),
                        bool(m.group("approx"))))
    return out


def _groups(clause: str, qtys: list[_Qty]) -> list[list[_Qty]]:
    """Adjacent quantities joined by 、/和 (45、70微克/立方米) share one verb, unit and qualifier; after 分别
    they stay one list whatever their units (优良天数比例、PM2.5年均浓度分别达到88%、30微克/立方米)."""
    groups: list[list[_Qty]] = []
    for q in qtys:
        if groups and re.fullmatch(r"[、和及与]", clause[groups[-1][-1].end:q.start]) and (
                groups[-1][-1].unit is None or q.unit == groups[-1][-1].unit
                or (groups[-1][-1].unit in _RATE_UNITS and q.unit in _RATE_UNITS)
                or (q.unit is not None and "分别" in clause[:groups[-1][0].start])):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


def _comparator(verb: str | None, qual: str | None, ranged: bool, approx: bool, unit: str | None) -> str:
    if verb in _DEC_VERBS:
        return "decrease_by"
    if verb in _INC_VERBS and (unit in _RATE_UNITS or verb.startswith(("年均", "累计"))):
        return "increase_by"
    if qual in ("以上", "及以上", "多"):
        return ">="
    if qual in ("以下", "及以下", "以内"):
        return "<="
    if qual == "左右" or approx:
        return "~"
    if verb in _GE_VERBS:
        return ">="
    if verb in _LE_VERBS:
        return "<="
    if ranged:
        return ">="
    if verb in _INC_VERBS:
        return "increase_by"
    return "="


def _clean_name(text: str) -> str:
    text = text.strip()
    text = re.sub(r"^[\"“”'‘’]+|[\"“”'‘’]+$", "", text) if text.count("“") != text.count("”") else text
    prev = None
    while prev != text:
        prev = text
        text = _LEAD.sub("", text)
        text = _TRAIL.sub("", text)
        text = re.sub(r"^[,、;:)\]】》]+", "", text)
    if text.count("(") > text.count(")"):
        text = text[:text.rindex("(")] if text.rindex("(") > 0 else text[1:]
    if text.count(")") > text.count("("):
        text = text.replace(")", "", 1) if text.startswith(")") else text[:text.index(")")]
    return text.strip()


def _has_head(name: str) -> bool:
    return name.endswith(_HEADS)


def _head(name: str) -> str:
    """The measured quantity of a name, without its scope: 县以上城镇污水处理率 → 污水处理率."""
    rest = _SCOPE.sub("", name, count=1)
    return rest or name


def _shared_tail(last: str) -> str:
    best = None
    for marker in _HEAD_MARKERS:
        i = last.find(marker, 1)
        if i > 0 and (best is None or i < best):
            best = i
    return last[best:] if best is not None else ""


_SCOPE_WORDS = sorted("""中心城区 主城区 设区城市 地级以上城市 县级以上城市 城镇 城市 城区 市区 县城 县域 农村 乡村 乡镇 建制镇
园区 全市 全区 全省 全县 国家级 省级 市级 县级 区级 乡级 村级 国考 省考 市考 县考 国控 省控 市控""".split(),
                      key=len, reverse=True)


def _parallel_tail(parts: list[str]) -> str:
    """国考、省考断面水质优Ⅲ类比例: short coordinated modifiers share all of the last part after its own
    modifier. The last part's modifier ends where the earlier ones end alike (国考/省考, 国家级/省级,
    工业/农业), else it is a scope word (农村, 县城)."""
    first, last = parts[0], parts[-1]
    n = len(first)
    if not 1 < n <= 6 or any(_has_head(p) or len(p) > 6 for p in parts[:-1]):
        return ""
    c = first[-1]
    if all(p.endswith(c) for p in parts[:-1]):
        i = last.find(c, 1)
        if 0 < i <= n + 1 and len(last) - i > 2:
            return last[i + 1:]
    scope = next((w for w in _SCOPE_WORDS if last.startswith(w)), None)
    if scope and len(last) - len(scope) >= 2:
        return last[len(scope):]
    return ""


# per-GDP intensities: 单位GDP能耗和二氧化碳排放 → the second is per GDP too
_PER_GDP = re.compile(r"^(?:单位|万元)(?:GDP|地区生产总值|生产总值)")
_INTENSITY = re.compile(r"^(?:二氧化碳排放|碳排放|能耗|能源消耗|水耗|用水量|用水|建设用地(?:使用)?面积)(?:量|强度)?$")


# pollutants listed before a shared quantity (二氧化硫、氮氧化物、氨氮重点工程减排量)
_POLLUTANT = re.compile(r"^(?:二氧化硫|氮氧化物|化学需氧量|氨氮|挥发性有机物|VOCs|总磷|总氮|颗粒物|烟粉尘|烟尘|粉尘|一氧化碳|二氧化碳)")


def _pollutant_tail(parts: list[str]) -> str:
    m = _POLLUTANT.match(parts[-1])
    if m and all(_POLLUTANT.fullmatch(p) for p in parts[:-1]) and _has_head(parts[-1][m.end():]):
        return parts[-1][m.end():]
    return ""


def _distribute(parts: list[str]) -> list[str]:
    """A、B排放量 → A排放量, B排放量: earlier names without a head take the last name's; a per-GDP
    modifier in front is shared by the intensities after it (单位GDP能耗、二氧化碳排放)."""
    tail = _parallel_tail(parts) or _shared_tail(parts[-1])
    out = [p + tail if tail and not _has_head(p) and not p.endswith(tail) else p for p in parts[:-1]]
    if not tail and (tail := _pollutant_tail(parts)):
        out = [p + tail for p in parts[:-1]]           # 化学需氧量 is a pollutant here, not a quantity
    out.append(parts[-1])
    m = _PER_GDP.match(out[0])
    if m:
        out = [out[0]] + [m.group(0) + p if _INTENSITY.match(p) else p for p in out[1:]]
    return out


def _split(text: str, pattern: str) -> list[str]:
    """`re.split` that leaves quoted names whole (“双随机、一公开”)."""
    masked = re.sub(r"“[^“”]*”|\"[^\"]*\"", lambda m: "\ue000" * len(m.group()), text)
    parts, last = [], 0
    for m in re.finditer(pattern, masked):
        parts.append(text[last:m.start()])
        last = m.end()
    parts.append(text[last:])
    return [p for p in parts if p]


def _split_names(text: str, n_values: int, listed: bool) -> list[str]:
    """The names a value list (or 分别) pairs with; one name when the text is one indicator."""
    if listed:
        parts = _split(text, r"、|以及|和|及")
        if len(parts) > 1 and (len(parts) == n_values or n_values == 1):
            return _distribute(parts)
        parts = _split(text, "、")
        if len(parts) > 1 and len(parts) == n_values:
            return _distribute(parts)
        return [text]
    if "等" in text:
        return [text]
    ands = _split(text, r"以及|和|及")
    if len(ands) == 2 and "、" not in text and all(len(p) >= 4 and not _has_head(p)
                                                     and not any(v in p for v in _MAKE) for p in ands):
        return ands                                 # 发明专利申请和专利质押融资年均增长12%
    parts = _split(text, "、")
    if len(parts) > 1:
        tail = _shared_tail(parts[-1])
        if tail and all(len(p) <= 6 for p in parts[:-1]) and len(parts[-1]) - len(tail) <= 6:
            return _distribute(parts)               # 二氧化硫、氮氧化物排放量
        return [parts[-1]]                          # 工业观游、红色研学、新增国家全域旅游示范区
    return [text]


# ---------------------------------------------------------------------------- the scan

def _year_in(clause: str, start_year: int | None) -> tuple[int | None, int | None, bool]:
    """(target year, baseline year, past) stated in a clause."""
    target = baseline = None
    past = False
    for m in _YEAR_EXPR.finditer(clause):
        y = _year_of(m.group("year"))
        pre, post = m.group("pre") or "", m.group("post") or ""
        after = clause[m.end():m.end() + 1]
        if re.match(r"[-—–~至]", after) or re.search(r"[-—–~至]$", clause[:m.start()]):
            continue                                    # a period (2016—2018年)
        if pre in ("比", "较", "与") or post in ("的基础上", "基础上", "相比", "为基") or pre == "以":
            baseline = y
            continue
        if post in ("以来", "起", "开始") or pre in ("从", "由", "自"):
            if start_year is not None and y < start_year:
                past = True
            continue
        if start_year is not None and y < start_year and pre not in ("到", "至") and post != "前":
            past = True
            continue
        if start_year is not None and y < start_year:
            past = True
            continue
        if target is None:
            target = y
    if target is None:
        m = _FYP_EXPR.search(clause)
        if m:
            y = _fyp_end(m)
            if start_year is not None and y < start_year:
                past = True
            else:
                target = y
    return target, baseline, past


def _sentences(view: _View, spans: list[tuple[int, int]], norm: str = "",
               table_lines: set[int] = frozenset()) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """(paragraph start, [(sentence start, end)]) for each paragraph outside review spans and tables."""
    text = view.text

    def table_row(p0: int) -> bool:
        n = view.to_norm[p0]
        line0 = norm.rfind("\n", 0, n) + 1
        return line0 in table_lines or "\t" in norm[line0:(norm.find("\n", n) + 1 or len(norm) + 1) - 1]

    pos = 0
    for para in text.split("\n"):
        p0 = pos
        pos += len(para) + 1
        if not para.strip() or any(a <= p0 < b for a, b in spans) or table_row(p0):
            continue
        sents = []
        s = 0
        for m in _SENT_STOP.finditer(para):
            sents.append((p0 + s, p0 + m.end()))
            s = m.end()
        if s < len(para):
            sents.append((p0 + s, p0 + len(para)))
        yield p0, sents


# ---------------------------------------------------------------------------- PDF line wraps

# a line that stops here has not ended its sentence (…分别比 / 2020年下降 / 达到48%以)
_DANGLING = re.compile(r"(?:比|较|与|分别|到|至|在|为|达|下降|降低|减少|削减|提高|提升|增长|增加|控制|累计|合计|年均|以|和|及|、|,)$")
# a line that starts like this continues a quantity or a comparison (2020年下降…, 18%, 以下, 、18%)
_CONTINUES = re.compile(
    r"^(?:(?:比|较|与)?" + _YEAR_DIGITS + r"年|分别|累计|合计|\d+(?:\.\d+)?(?:[%‰、,]|个百分点|以上|以下|左右|以内)|以[上下内]|左右|[%‰、]|"
    r"(?:" + "|".join(sorted({*_GE_VERBS, *_LE_VERBS, *_EQ_VERBS, *_DEC_VERBS, *_INC_VERBS} - {"过", "为", "达", "占", "以内"},
                             key=len, reverse=True)) + r")(?:到|至|在)?\d)")
_UNIT_START = re.compile(r"^(?:" + "|".join(re.escape(u) for u in _UNITS) + r")")
_ENDED = re.compile(r"[。;!?:)\]」”》】]$|(?:约束性|预期性|引导性)$")
_ITEM_START = re.compile(r"^(?:\d{1,2}[.、](?!\d)|\(\d{1,2}\)|[①-⑳]|第[一二三四五六七八九十百\d]+[篇章节条])")


def _wrap_width(lines: list[str]) -> int:
    """The length from which a line is full in hard-wrapped text (a PDF's lines: one length, give or
    take a few half-width characters, far more common than the others); none in text with a
    paragraph per line."""
    lengths = [len(line) for line in lines if len(line) >= 10]
    if not lengths:
        return 10**9
    width, count = Counter(lengths).most_common(1)[0]
    near = sum(1 for n in lengths if abs(n - width) <= 2)
    return max(10, width - 3) if count >= 5 and near >= 0.3 * len(lengths) else 10**9


def _unwrapped(view: _View, norm: str, table_lines: set[int]) -> _View:
    """The compact view with the line breaks that cut a sentence removed. A PDF whose layout wrapped
    a sentence mid-phrase (…分别比⏎2020年下降13.5%、18%) reads as one line again. A break is removed
    when the line before has not ended (no end punctuation, not a heading, not an indicator-table row)
    and either it is cut (a full line of hard-wrapped text, or the last line before a page break), or
    it stops on a word that needs what follows (比, 分别, 下降, 以 …), or the next line opens with a
    quantity or year that continues it; a next line opening a heading or item stays apart."""
    text = view.text
    if "\n" not in text:
        return view
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1

    def tabular(p: int) -> bool:
        n = view.to_norm[p]
        line0 = norm.rfind("\n", 0, n) + 1
        return line0 in table_lines or "\t" in norm[line0:(norm.find("\n", n) + 1 or len(norm) + 1) - 1]

    full = _wrap_width([line for _, line in lines])
    drop = []
    for (a0, a), (b0, b) in zip(lines, lines[1:]):
        if len(a) < 10 or not b or _ENDED.search(a) or _HEADING.match(b) or _ITEM_START.match(b) \
                or (_HEADING.match(a) or _ITEM_START.match(a)) and len(a) <= 40 and len(a) < full \
                or re.match(r"^第[一二三四五六七八九十\d]+[篇章节]", a):
            continue
        cut = len(a) >= full or "\f" in norm[view.to_norm[b0 - 2] + 1:view.to_norm[b0]] and len(a) >= 12
        if not (cut or _DANGLING.search(a) or _CONTINUES.match(b)
                or a[-1].isdigit() and (re.match(r"[年.万亿]", b) or _UNIT_START.match(b))):
            continue
        if tabular(a0) or tabular(b0):
            continue
        drop.append(b0 - 1)                              # the "\n" between them
    if not drop:
        return view
    keep_text, keep_index, last = [], [], 0
    for d in drop:
        keep_text.append(text[last:d])
        keep_index.extend(view.to_norm[last:d])
        last = d + 1
    keep_text.append(text[last:])
    keep_index.extend(view.to_norm[last:])
    return _View("".join(keep_text), tuple(keep_index))


# A clause without any of these states no value (see _read_clause) and no year (_year_in,
# _THIS_YEAR, _RELATIVE_YEAR, _year_list need 年, 五 or 规划期): it changes nothing.
_MAY_MATTER = re.compile(r"[\d类次年五]|规划期")


def find_targets(doc: ParsedDoc) -> list[Target]:
    """Every target stated in the document, with offsets into doc.norm.text."""
    view = _compact(doc.norm.text)
    plan0 = doc.plans[0].plan if doc.plans else None
    table, table_lines = _table_targets(doc, _start_year(plan0), horizon_year(doc, plan0, view))
    view = _unwrapped(view, doc.norm.text, table_lines)
    text = view.text
    spans = _review_spans(doc, view)
    out: list[Target] = []
    horizons: dict[str | None, tuple[int | None, int | None, int | None, int | None]] = {}

    def plan_years(wpos: int) -> tuple[int | None, int | None, int | None, int | None]:
        n0 = view.to_norm[min(wpos, len(view.to_norm) - 1)]
        span = doc.plan_at(doc.norm.original_span(n0, n0)[0]) if doc.plans else None
        plan = span.plan if span is not None else None
        key = plan.id if plan is not None else None
        if key not in horizons:
            h = horizon_year(doc, plan, view)
            horizons[key] = (h, _start_year(plan), current_year(plan, h), _vision_year(plan, h))
        return horizons[key]

    def written_name(name: str, cbase: int, clause: str) -> str | None:
        """The name as the original text writes it (環境空氣質量…, 细颗粒物（PM2.5）…), if it stands there whole."""
        i = clause.find(name)
        if i < 0:
            return None
        o0, o1 = doc.norm.original_span(*view.norm_span(cbase + i, cbase + i + len(name)))
        w = re.sub(r"\s+", "", doc.text[o0:o1])
        return w if w != name and len(w) <= 2 * len(name) else None

    carry = None                                   # 到2020年，实现以下目标： → the items below
    long_year, long_rank = None, 99                # a 远景目标 section or a 展望2035年 paragraph: its year
    heading = ""                                   # the last short heading: the quantity a section is about
    for p0, sents in _sentences(view, spans, doc.norm.text, table_lines):
        horizon, start_year, this_year, vision = plan_years(p0)
        para = text[p0:sents[-1][1]] if sents else ""
        hm = _HEADING.match(para) or re.match(r"^第[一二三四五六七八九十\d]+[篇章节]", para)
        if hm:
            carry = None
            first = text[p0:sents[0][1]]
            heading = first if len(first) <= 40 else ""
            rank = next((r for ch, r in _HEADING_RANK if hm.group(0).endswith(ch)), 3 if "、" in hm.group(0) else 4)
            if rank <= long_rank:
                long_year, long_rank = None, 99
            y = _long_year(first, horizon, vision) if len(first) <= 40 else None
            if y is not None:
                long_year, long_rank = y, rank           # 二、2035年远景目标: the section's goals are for 2035
        else:
            m = _PARA_YEAR.match(para)
            if m and horizon is not None:
                y = _year_of(m.group(1))
                if y > horizon:
                    long_year = y                        # 展望2035年，…: the paragraphs after it, to the next heading
                else:
                    long_year, long_rank = None, 99      # 到2025年，…: back to the plan's horizon
        horizon_here = long_year or horizon
        para_year = carry
        for s0, s1 in sents:
            sent = text[s0:s1]
            if not _MAY_MATTER.search(sent):
                continue                         # none of its clauses matters (see below): saves time only
            if _PAST.search(_ATTRIBUTIVE_PAST.sub("", sent) if "已" in sent else sent) and not re.search(r"到" + _YEAR_DIGITS + r"年|力争|确保|争取", sent):
                continue
            sent_year = para_year
            past = False
            prev_name = None
            make = False
            sent_years: list[int] = []
            c0 = 0
            for m in list(_CLAUSE_STOP.finditer(sent)) + [None]:
                c1 = m.start() if m else len(sent)
                clause = sent[c0:c1]
                cbase = s0 + c0
                c0 = (m.end() if m else len(sent))
                if not _MAY_MATTER.search(clause):
                    continue                     # no value and no year to read: saves time only
                year, baseline, cpast = _year_in(clause, start_year)
                if cpast and year is None:
                    past = True
                if year is not None:
                    past = False
                    sent_year = year
                    para_year = year
                elif _THIS_YEAR.search(clause) and this_year is not None:
                    sent_year = this_year                # 年内完成80家: the year of the document
                elif _RELATIVE_YEAR.search(clause) and horizon is not None:
                    sent_year = sent_year or horizon_here
                if past:
                    continue
                def digits(a: int, b: int, _base=cbase) -> bool:
                    o0, o1 = doc.norm.original_span(*view.norm_span(_base + a, _base + b))
                    return bool(re.search(r"[0-9０-９]", doc.text[o0:o1]))

                ylist = _year_list(clause.split("分别")[0])
                sent_years = ylist or sent_years
                found = _read_clause(clause, cbase, prev_name, sent_year or horizon_here, baseline, digits, make,
                                     sent_years, lambda _c=cbase: heading + "。" + text[p0:_c])
                if found and _SUBSIDY.search(sent):
                    found = [t for t in found if not (t[2] in _MONEY and _PER_ITEM.search(clause))]
                for t in found:
                    ns, ne = view.norm_span(cbase, cbase + len(clause))
                    out.append(Target(t[0], t[1], t[2], t[3], t[4], t[5], ns, ne, t[6],
                                      written_name(t[0], cbase, clause)))
                    prev_name = t[0]
                    make = make or t[6] == "targets.count"
                if found and _has_make_verb(re.split(r"\d", clause, maxsplit=1)[0]):
                    make = True                  # 完成造林5万亩，森林抚育10万亩: the verb governs the list
        if para.rstrip().endswith(":") and para_year is not None:
            carry = para_year
    out.extend(table)
    return out


# a paragraph opening with a year (展望2035年，… / 到2025年，…) sets the year of the paragraphs after it
_PARA_YEAR = re.compile(r"^(?:(?:远景目标|远景展望|展望未来|远期目标)[:,]?)?(?:展望|到|至|在)?(" + _YEAR_DIGITS + r")年")


def _vision_year(plan: Plan | None, horizon: int | None) -> int | None:
    """The long-range year a plan's title names (…和二〇三五年远景目标纲要 → 2035)."""
    if plan is None:
        return None
    title = unicodedata.normalize("NFKC", _t2s()(plan.name or "")).replace(" ", "")
    m = re.search("(" + _YEAR_DIGITS + r")年远景", title)
    y = _year_of(m.group(1)) if m else None
    return y if y is not None and (horizon is None or y > horizon) else None


def _long_year(heading: str, horizon: int | None, vision: int | None) -> int | None:
    """The year of a heading about a goal beyond the plan's horizon (二、2035年远景目标 → 2035; 远景展望 →
    the title's 远景 year), else None."""
    years = [_year_of(y) for y in re.findall("(" + _YEAR_DIGITS + ")年", heading)]
    later = [y for y in years if horizon is not None and y > horizon]
    if later:
        return max(later)
    if "远景" in heading and not years:
        return vision
    return None


def _has_make_verb(text: str) -> bool:
    return any(v in text for v in _MAKE)


_LEVEL_IN = re.compile(r"(?:" + "|".join(sorted({*_GE_VERBS, *_LE_VERBS, *_EQ_VERBS[:-3]} - {"过", "为", "占"},
                                                   key=len, reverse=True)) + r")\d")
_AFTER_OK = re.compile(r"^(?:[(\[（。;!?、]|的|以上|以下|左右|以内|达标|标准|时速|$)")
_CLASS_VALUE = re.compile(r"(?P<verb>(?:稳定)?(?:保持在|保持|达到|提升到|提高到|在)|稳定在|优于|好于)?(?P<cls>[ⅠⅡⅢⅣⅤIV]{1,3})类"
                          r"(?:水质|水体)?(?:标准)?(?P<better>及更优|及以上|或更好|以上)?(?![\u4e00-\u9fff])")
_RATIO_VALUE = re.compile(r"(?P<ratio>\d+(?:\.\d+)?(?:[:∶]\d+(?:\.\d+)?){1,3})(?![\d.:∶])")   # ∶ U+2236 RATIO


_RELATIVE = re.compile(r"具有|富有|善于|配套|过|超|以上|以下|有|在|能|可|达到|覆盖|满足|符合")


def _in_short_quote(clause: str, pos: int) -> bool:
    """A number inside a short quoted name (“人才30条”, “1135”行动) is part of a name."""
    o = clause.rfind("“", 0, pos)
    if o < 0 or clause.rfind("”", 0, pos) > o:
        return False
    c = clause.find("”", pos)
    return c < 0 or c - o <= 10


def _after_name(after: str, share: bool = False) -> str:
    """The things a count counts: 建成1个【国家现代农业产业园】、… ; 培养50名…的【导师型企业家】."""
    seg = re.split(r"[,;:(。]", after.lstrip("的"), maxsplit=1)[0]
    if share:
        return _clean_name(re.sub(r"的?目标$", "", seg))
    if "的" in seg and _RELATIVE.search(seg[:seg.rindex("的")]):
        seg = seg[seg.rindex("的") + 1:]           # a relative clause: 具有国际视野、创新思维的【导师型企业家】
    seg = seg.split("、")[0]
    seg = re.split(r"(?<=.)(?:和一批|和一大批)", seg)[0]
    return _clean_name(seg)


def _special_values(clause: str, prev_name: str | None, year: int | None) -> list[tuple]:
    """Water-quality classes (保持Ⅲ类标准) and structure ratios (调整到5:55:40): values that are not numbers."""
    found = []
    m = _CLASS_VALUE.search(clause) if "类" in clause else None      # (the in-tests only save time)
    if m and clause[:m.start()].count("(") > clause[:m.start()].count(")"):
        m = None                                        # (达到或优于Ⅲ类) qualifies a share
    if m and m.group("verb") or (m and m.group("better")):
        name = _clean_name(clause[:m.start()]) or prev_name
        if name:
            name = name if name.endswith(("水质", "水体")) else name + "水质"
            comp = "<=" if m.group("better") else "="
            found.append((name, m.group("cls") + "类", "水质类别", comp, year, None, "targets.water_class"))
    m = _RATIO_VALUE.search(clause) if ":" in clause or "∶" in clause else None
    if m and not re.search(r"[:∶\d]$", clause[:m.start()]):
        tail = _VERB_TAIL.search(clause[:m.start()])
        if tail and tail.group("verb"):
            name = _clean_name(clause[:tail.start()])
            if name:
                found.append((name, m.group("ratio").replace("∶", ":"), "ratio", "=", year, None, "targets.ratio"))
    return found


_RADIUS = re.compile(r"(?P<num>\d+)(?P<unit>米|公里|分钟)(?:范围内|以内|内)?(?:有|见|建有|可达)(?P<what>[^、,;。等]+)")


def _radius_values(clause: str, year: int | None) -> list[tuple]:
    """Walking-distance goals of the 生活圈 kind (500米有公交站、300米见绿): one radius per facility."""
    return [(_clean_name(m.group("what")) + "服务半径", int(m.group("num")), m.group("unit"), "<=", year, None,
             "targets.radius") for m in _RADIUS.finditer(clause) if _clean_name(m.group("what"))]


_YEAR_LIST = re.compile(r"(?P<list>(?:" + _YEAR_DIGITS + r"年(?:底|末)?[、和及与,]){1,}" + _YEAR_DIGITS + r"年(?:底|末)?)"
                        r"|(?P<a>" + _YEAR_DIGITS + r")(?:年)?[-—–~至到](?P<b>" + _YEAR_DIGITS + r")年")


def _year_list(clause: str) -> list[int]:
    """A list of years (2024年、2025年、2026年, or 2024—2026年) that a later 分别 may pair values with:
    2024年、2025年、2026年分别完成…1200座、1000座、800座."""
    m = _YEAR_LIST.search(clause) if "年" in clause else None   # (the in-test only saves time)
    if not m:
        return []
    if m.group("list"):
        return [_year_of(y) for y in re.findall("(" + _YEAR_DIGITS + ")年", m.group("list"))]
    a, b = _year_of(m.group("a")), _year_of(m.group("b"))
    return list(range(a, b + 1)) if 0 < b - a <= 10 else []


_FREQUENCY = re.compile(r"每(?P<per>半年|年|季度|季|月|周|旬)(?P<least>至少|不少于)?(?:开展|组织|召开|进行|举办|实施|通报|调度|督查|检查|"
                        r"巡查|会商|研判|评估|监测)?(?P<least2>至少)?(?P<num>\d+|[一两二三四五六七八九十])次(?P<qual>以上)?"
                        r"(?P<what>[\u4e00-\u9fff“”]{2,16})(?:\([^()]*\))?[。;!?]?$")


def _frequency(clause: str, year: int | None) -> list[tuple]:
    """每季度开展一次集中整治 → 集中整治次数(每季度) = 1: a required frequency, counted in 次."""
    m = _FREQUENCY.search(clause) if "次" in clause else None   # (the in-test only saves time)
    if not m:
        return []
    num = m.group("num")
    value = int(num) if num.isdigit() else {"两": 2, **{c: i for i, c in enumerate("一二三四五六七八九十", 1)}}[num]
    what = _clean_name(m.group("what"))
    if not what:
        return []
    return [(f"{what}次数(每{m.group('per')})", value, "次", ">=" if m.group("qual") or m.group("least") or m.group("least2") else "=", year, None,
             "targets.frequency")]


_MEMBERS = re.compile(r"\(([^()]*、[^()]*)\)")


def _member_list(raw: str, fenbie: bool, n_values: int) -> tuple[str, bool]:
    """A subject followed by a bracketed list of its members (苏南五市(南京市、无锡市…), 主要污染物(化学需氧量、
    氨氮)): the name comes from the subject, not from inside the bracket. When 分别 pairs the values with
    the members (one value each, or one value for all), the members are the names instead:
    (raw name, whether a member list was dropped)."""
    m = _MEMBERS.search(raw) if "、" in raw else None
    if m is None:
        return raw, False
    members = m.group(1).split("、")
    if fenbie and (n_values == len(members) or n_values == 1) and all(members):
        return "、".join(members) + raw[m.end():], False
    return raw[:m.start()] + raw[m.end():], True


_NOT_MEASURE = re.compile(r"(?:严格|大力|着力|持续|加快|全面|积极|切实|有效|进一步|合理)?(?:控制|削减|降低|压减|减少|下降|"
                          r"提高|提升|推进|实施|强化|加强|优化|调整|落实|完成|推动|促进|做好|确保|实现|达到|保持|稳定|其中|分别)"
                          r"|(?:比|较)?" + _YEAR_DIGITS + r"年|\d+(?:\.\d+)?[^\u4e00-\u9fff]*|[,;:。、()\s]")


def _measured_in(text: str) -> str:
    """The last measured quantity (a noun phrase ending in 总量, 比重, 率 …) named in a heading or sentence."""
    heading = _HEADING.match(text)
    if heading:
        text = text[heading.end():]
    for piece in reversed(_NOT_MEASURE.split(text)):
        piece = _clean_name(piece or "")
        if 3 <= len(piece) <= 12 and _has_head(piece) and re.fullmatch(r"[\u4e00-\u9fff]+", piece):
            return _head(piece)
    return ""


# a prohibition's threshold (严禁销售灰分大于16%的散煤) or a cost estimate (初步估算总投资38.6亿元) is no goal
_NOT_GOAL = re.compile(r"严禁|禁止|杜绝|不准|不允许|不得(?:销售|使用|生产|燃用|新建|进口|运输)|估算|概算|匡算|测算|估计|预计(?:总)?投资")

# every value a clause can state has a digit, a water class (Ⅲ类) or a frequency (每月一次)
_ANY_DIGIT = re.compile(r"\d")


def _read_clause(clause: str, base: int, prev_name: str | None, year: int | None,
                 baseline: int | None, written_in_digits=lambda s, e: True, make_before: bool = False,
                 years: list[int] = (), context=lambda: "") -> list[tuple]:
    """Targets of one clause; `years` is a list of years stated before (in it or in the sentence) that a
    分别 in the clause pairs with its values, one year per value; `context()` is the text before the
    clause (its section heading and paragraph), read only for the quantity a member-list subject measures."""
    if not _ANY_DIGIT.search(clause) and "类" not in clause and "次" not in clause:
        return []                                       # no value can be read: saves time only
    years = list(years) if "分别" in clause else []
    if re.match(r"^(?:专栏|图|表)\d", clause):
        return []                                       # box and figure captions
    special = _special_values(clause, prev_name, year)
    if any(r[6] == "targets.ratio" for r in special):
        return special
    radius = _radius_values(clause, year)
    if len(radius) >= 2:
        return radius
    freq = _frequency(clause, year)
    if freq:
        return special + freq
    qtys = [q for q in _quantities(clause)
            if written_in_digits(q.start, q.end) or q.qual or q.unit not in _CLASSIFIERS]
    if not qtys:
        return special
    found = list(special)
    groups = _groups(clause, qtys)
    cursor = 0
    sub = clause.startswith("其中")
    for gi, group in enumerate(groups):
        first, last = group[0], group[-1]
        if first.start < cursor:
            continue                                    # inside a name already read (年产值过50亿元的…)
        unit = last.unit
        qual = last.qual or (_QUAL_AFTER.match(clause[last.end:]) or [None])[0]
        nxt = next((g[0].start for g in groups[gi + 1:]
                    if not (clause[g[-1].end:g[-1].end + 1] == "的" and g[-1].unit not in _CLASSIFIERS
                            and re.search(r"[过超逾近]$", clause[:g[0].start]))), len(clause))
        before = re.sub(_YEAR_DIGITS + r"年(?:底|末)?的$", "", clause[cursor:first.start])
        after = clause[last.end:nxt]
        prefix = clause[:first.start]
        tail = _VERB_TAIL.search(before)
        verb = tail.group("verb") if tail else None
        base_y = None
        if tail:
            b = tail.group("b1") or tail.group("b2") or tail.group("b3")
            base_y = _year_of(b) if b else (year - 1 if tail.group("b4") and year else None)
        if unit is None and (verb is None or re.match(r"[\u4e00-\u9fff]", after)):
            continue                                    # a bare number with no verb: not a quantity
        if re.search(r"[”\"](?:为|即|是)$", before) or (re.search(r"按", prefix) and verb is None) \
                or _in_short_quote(clause, first.start):
            continue                                    # “四山”为4处山体; 按成交价款的20%缴纳
        if re.search(r"(?:在|有|对|凡)$", before) and (qual or "").startswith(("以上", "以下")) and after.startswith("的"):
            continue                                    # 在2万平方米以上的公共建筑: a condition
        if _NOT_GOAL.search(prefix):
            continue                                    # 严禁销售灰分大于16%的散煤; 初步估算总投资38.6亿元
        if (after.startswith("的") or (qual or "").endswith(("以上", "以下"))) and unit not in _CLASSIFIERS \
                and unit not in _RATE_UNITS \
                and re.match(r"的?[^,;:。、和及与\d]{1,20}\d+(?:\.\d+)?(?:个|家|座|处|项|名|所|条|批|台|套)", clause[last.end:]):
            cursor = max(cursor, last.end + (1 if after.startswith("的") else 0))
            continue                                    # 培育年利用量10万吨以上的骨干企业30家: a qualifier of what is counted
        # count pattern: 建成 1 个 X / 实现 80% 以上的 X
        after_name = _after_name(after, unit in _RATE_UNITS) if after else ""
        count_mode = bool(after_name) and not re.match(r"^(?:以上|以下|左右|以内|达标|的目标|时速|标准)", after) and (
            unit in _CLASSIFIERS or (after.startswith("的") and unit is not None))
        if count_mode and _LEVEL_IN.search(after):
            cursor = last.end
            continue                                    # 15个产业链规模突破6000亿元: the count is the subject
        if count_mode and unit in _CLASSIFIERS and re.search(r"实现|达到|完成|得到|全部|基本|全面|均已|覆盖", after):
            cursor = max(cursor, last.end)
            continue                                    # 12个乡镇污水处理设施实现全覆盖: the count is the subject
        if count_mode and not (make_before or any(v in prefix for v in _MAKE)
                               or (unit in _RATE_UNITS and re.search(r"达到|实现", after))):
            cursor = max(cursor, last.end)
            continue                                    # 服务10家企业, 50头以上的养殖场: not a target
        if count_mode:
            cursor = nxt if nxt < len(clause) else last.end + len(after)
            names = [after_name + "比例"] if unit in _RATE_UNITS else [after_name]
            rule = "targets.share_of" if unit in _RATE_UNITS else "targets.count"
        else:
            cursor = last.end
            if unit not in _CLASSIFIERS and not _AFTER_OK.match(after) and not re.match(r"^[\u4e00-\u9fff]{1,4}$", after):
                continue                                # 1公里步行、3公里骑自行车: not a goal
            raw = before[:tail.start()] if tail else before
            raw, members = _member_list(raw, "分别" in before, len(group))
            name = _clean_name(re.sub(r"(?:由|从)(?:\d|" + _YEAR_DIGITS + r").*$", "", raw))
            if members and name and not _has_head(name):
                measured = _head(prev_name) if prev_name and _has_head(prev_name) else _measured_in(context())
                name += measured                    # 苏南五市(南京市、…)比2016年合计减少…: 苏南五市 + 煤炭消费总量
            extra = after if re.fullmatch(r"[\u4e00-\u9fff]{1,4}", after) and not re.match(r"以上|以下|左右|以内", after) else ""
            if verb is None and unit in _MONEY and name.endswith("总投资"):
                continue                                # 项目总投资12亿元: what a project costs, not a goal
            if verb is None and unit not in _CLASSIFIERS and not qual and not _has_head(name) and not extra \
                    and not any(v in before for v in _MAKE) and len(group) == 1 and not sub and not make_before:
                continue                                # 每天少开1公里: a number, not a goal
            listed = "分别" in before or len(group) > 1
            if not name or name.startswith("占"):
                if prev_name is None:
                    if not name:
                        continue
                else:
                    name = prev_name + name if name else prev_name
            elif sub and prev_name and not _has_head(name) and _has_head(prev_name):
                name = name + _head(prev_name)
            if extra:
                name += extra
            names = _split_names(name, len(group), listed)
            rule = "targets.list" if len(names) > 1 or len(group) > 1 else (
                "targets.sub" if sub else "targets.level")
        names = [n for n in names if re.search(r"[\u4e00-\u9fffA-Za-z]", n)]
        if not names:
            continue
        if len(names) == len(group):
            pairs = list(zip(names, group))
        elif len(names) > 1 and len(group) == 1:
            pairs = [(n, first) for n in names]
        else:
            pairs = [(names[0], q) for q in group]
        by_year = len(years) == len(group) > 1 and len(pairs) == len(group)
        for i, (name, q) in enumerate(pairs):
            u = q.unit or unit
            comp = _comparator(verb, q.qual or (qual if q.unit in (None, unit) or {q.unit, unit} <= _RATE_UNITS else None), q.ranged, q.approx, u)
            by = base_y if base_y is not None else (baseline if comp in ("decrease_by", "increase_by") else None)
            found.append((name, q.value, u, comp, years[i] if by_year else year, by, rule))
            prev_name = name
    return found


# ---------------------------------------------------------------------------- table rows

_CELL_SPLIT = re.compile(r"\t|\s{2,}|\|")
_TABLE_VALUE = re.compile(r"^(?P<cmp>[≥≤><]|不低于|不高于|不超过|超过|大于|小于)?\s*(?P<cum>[\[【〔])?\s*(?P<dir>下降|降低|减少|削减|增长|提高|增加)?\s*(?P<sign>[-+−])?\s*(?P<num>" + _NUM
                          + r")\s*[\]】〕]?\s*(?P<unit>%|‰|个百分点|百分点)?\s*[\]】〕]?\s*(?P<qual>左右|以上|以下|以内)?$")
# a change column of a main-indicator table (2010年 | 2015年 | 变化): its cell is a change from the base year
_CHANGE_HEAD = re.compile(r"^(?:[“\"]?十[一二三四五六七八九]五[”\"]?|(?:" + _YEAR_DIGITS + r"年)?(?:比|较)(?P<base>" + _YEAR_DIGITS
                          + r")年)?(?:累计|年均)?"
                          r"(?:变化|变动|增减|增幅|降幅|增长|下降|降低|减少|增速)(?:幅度|率|量|值|情况)?(?:\((?:%|百分点|个百分点)\))?$")
_EMPTY_CELL = re.compile(r"^(?:[—–\-－/／*]+|无|待定|—|持续(?:提升|改善|下降)|完成[^\d]{0,12}任务|[^\d]{0,10}目标)$")
_UNIT_PAREN = re.compile(r"[(（](?P<unit>[^()（）]{1,12})[)）]\s*$")
_ATTRIBUTE = re.compile(r"^(?:约束性|预期性|引导性|约束|预期)$")
_UNIT_SET = frozenset(_UNITS) | {"元", "年", "岁", "天", "人", "%", "‰", "万元/人", "元/人"}
_BASE_HEAD = re.compile(r"基期|基准|基数|现状|现值|完成值|实际")
# a flattened row with no separators: 名称(单位)基期值 ≥目标值 属性 — the comparator splits the two numbers
_FLAT_ROW = re.compile(r"^(?:\d{1,2}[.、]?)?(?P<name>[^\d≥≤<>]*?[\u4e00-\u9fff][^≥≤<>]*?)(?P<paren>[(（][^()（）]{1,12}[)）])?"
                       r"(?P<base>" + _NUM + r"|[—–\-/])?(?P<value>[≥≤<>]" + _NUM + r"%?)"
                       r"(?P<attr>约束性|预期性|引导性)$")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _CELL_SPLIT.split(line.strip())]


def _is_value(cell: str) -> bool:
    return bool(_TABLE_VALUE.match(cell) or _EMPTY_CELL.match(cell))


@dataclass(frozen=True, slots=True)
class _Header:
    """A main-indicator table's header: where the name is, and the target columns (counted from the
    right of the value block) with their years."""

    name_before: int                    # how many name-side cells come before 指标 (类别, 序号)
    unit: bool                          # has a 单位 column
    targets: tuple[tuple[int, int | None], ...]   # (column index from the right of the value block, year)
    width: int                          # value columns
    changes: tuple[int, ...] = ()       # change columns (变化), counted from the right like `targets`
    base_year: int | None = None        # the base column's year, the baseline of a change


def _header(cells: list[str], start_year: int | None) -> _Header | None:
    """指标 | 单位 | 2020年 | 2025年 | 属性, or 基期值(2020年) | 目标值(2025年), or 现状值 | 目标值."""
    cells = [c for c in cells if c]
    if not cells or not any("指标" in c and len(c) <= 8 for c in cells):
        return None
    while cells and (cells[-1] in ("属性", "指标属性", "备注") or _ATTRIBUTE.match(cells[-1])):
        cells = cells[:-1]
    name_i = next(i for i, c in enumerate(cells) if "指标" in c and len(c) <= 8)
    value_cells = cells[name_i + 1:]
    unit = bool(value_cells and value_cells[0] in ("单位", "计量单位"))
    if unit:
        value_cells = value_cells[1:]
    if not value_cells:
        return None
    cols = []
    changes, bases = [], []
    for i, c in enumerate(value_cells):
        m = re.search(r"(" + _YEAR_DIGITS + r")年?", c)
        year = _year_of(m.group(1)) if m else None
        ch = _CHANGE_HEAD.match(c)
        if ch:                                     # 变化, 累计下降(%), 2015年比2010年增减
            changes.append(len(value_cells) - i)
            if ch.group("base"):
                bases.append(_year_of(ch.group("base")))
            continue
        if _BASE_HEAD.search(c):
            bases.append(year)
            continue
        if year is not None and start_year is not None and year < start_year:
            bases.append(year)
            continue
        if year is None and not re.search(r"目标|规划|预期|期末", c):
            continue
        cols.append((len(value_cells) - i, year))
    if not cols:
        return None
    last = max((y for _, y in cols if y), default=None)
    base_year = max((y for y in bases if y), default=None) or max(
        (y for _, y in cols if y and last and y < last), default=None)
    if start_year is None and len(cols) > 1:
        cols = [max(cols, key=lambda t: t[1] or 0)]         # without a start year only the latest column is sure
    name_before = sum(1 for c in cells[:name_i] if not re.fullmatch(r"序号|编号|\d+", c))
    return _Header(name_before, unit, tuple(cols), len(value_cells), tuple(changes), base_year)


def _row(cells: list[str], header: _Header | None) -> tuple[str, list[tuple[re.Match, int | None, bool]], str | None] | None:
    """(name, [(value match, header year, whether a change)], unit column) of one table row, read from
    the right: the target column(s), then the change column(s) (2010年 | 2015年 | 变化: 6.82 | 6.28 |
    -7.9% gives the level 6.28 and a decrease by 7.9 from 2010)."""
    cells = [c for c in cells if c]
    attr = bool(cells and _ATTRIBUTE.match(cells[-1]))
    while cells and _ATTRIBUTE.match(cells[-1]):
        cells = cells[:-1]
    k = len(cells)
    while k > 0 and _is_value(cells[k - 1]):
        k -= 1
    values = cells[k:]
    if not values or not any(_TABLE_VALUE.match(v) for v in values):
        return None
    unit = None
    if k > 0 and (cells[k - 1] in _UNIT_SET or re.fullmatch(r"[^\d\s/]{1,5}/[^\d\s/]{1,5}", cells[k - 1])
                  or (header is not None and header.unit and k > 1 and len(cells[k - 1]) <= 8)):
        unit = cells[k - 1]
        k -= 1
    names = [c for c in cells[:k] if not re.fullmatch(r"\d{1,3}[.、]?", c)]
    if not names:
        return None
    if len(names) > 1 and header is not None and header.name_before and len(names) == header.name_before + 1:
        name = names[-1]                                      # 类别 | 指标: the category cell is not the name
    elif len(names) > 1 and (len(names[-1]) >= 4 or _has_head(names[-1])):
        name = names[-1]
    else:
        name = "".join(names)
    picked: list[tuple[re.Match, int | None, bool]] = []
    if header is not None and len(values) == header.width:
        for back, year in header.targets:
            m = _TABLE_VALUE.match(values[-back])
            if m:
                picked.append((m, year, False))
        last = max((y for _, y in header.targets if y), default=None)
        for back in header.changes:
            m = _TABLE_VALUE.match(values[-back])
            if m:
                picked.append((m, last, True))
    else:
        back = min(header.changes, default=0) if header is not None else 0
        m = _TABLE_VALUE.match(values[-1]) if back != 1 else None   # no header, or merged cells: the rightmost value
        if m and (header is not None or (attr and len(values) > 1)):
            picked.append((m, max((y for _, y in header.targets if y), default=None) if header else None,
                           bool(m.group("sign")) and header is None))      # a signed rightmost cell is a change
            level = _TABLE_VALUE.match(values[-2]) if header is None and m.group("sign") and len(values) >= 3 else None
            if level and not level.group("sign"):
                picked.append((level, None, False))                        # … and the cell before it the level
    return (name, picked, unit) if picked else None


def _caption_year(line: str, start_year: int | None) -> int | None:
    """The year a table caption names: “十四五”…主要指标 → 2025; 2025年目标 → 2025."""
    m = _FYP_EXPR.search(line) or _FYP.search(line)
    if m:
        return _fyp_end(m)
    years = [_year_of(y) for y in re.findall("(" + _YEAR_DIGITS + ")年", line)]
    years = [y for y in years if start_year is None or y >= start_year]
    return max(years) if years else None


_CELL_LINE_HEAD = re.compile(r"^(?:序号|类别|领域|指标|指标名称)$")
_ATTRIBUTE_LINE = re.compile(r"^(?:属性|指标属性|约束性|预期性|引导性)$")


def _logical_lines(norm: str) -> Iterator[tuple[tuple[int, ...], int, int, str]]:
    """(line starts, start, end, text) for each line of `norm`; except that a PDF table which lost its
    layout puts each cell on a line of its own (序号 / 指标 / 2020年 / 2025年 / 属性, then 1 / 森林覆盖率 /
    … / 约束性): such a run is given as one tab-joined line per row, a row ending at its attribute cell."""
    lines = []
    pos = 0
    for line in norm.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1

    def short(k: int) -> bool:
        t = lines[k][1].strip()
        return bool(t) and len(t) <= 40 and not re.search(r"[,，;；。:：]", t) and "\t" not in t

    i = 0
    while i < len(lines):
        start, line = lines[i]
        if _CELL_LINE_HEAD.match(line.strip()):
            end_head = next((k for k in range(i, min(i + 10, len(lines)))
                             if not short(k) or (k > i and _ATTRIBUTE_LINE.match(lines[k][1].strip()))), None)
            if end_head is not None and short(end_head) and lines[end_head][1].strip() in ("属性", "指标属性"):
                k = i
                row_start = i
                while k < len(lines) and short(k):
                    if k > row_start and _ATTRIBUTE_LINE.match(lines[k][1].strip()) or k == end_head:
                        cells = [lines[j][1].strip() for j in range(row_start, k + 1)]
                        starts = tuple(lines[j][0] for j in range(row_start, k + 1))
                        s0 = lines[row_start][0] + len(lines[row_start][1]) - len(lines[row_start][1].lstrip())
                        s1 = lines[k][0] + len(lines[k][1].rstrip())
                        yield starts, s0, s1, "\t".join(cells)
                        row_start = k + 1
                    k += 1
                i = row_start
                continue
        lead = len(line) - len(line.lstrip())
        yield (start,), start + lead, start + len(line.rstrip()), line
        i += 1


def _table_targets(doc: ParsedDoc, start_year: int | None,
                   horizon: int | None) -> tuple[list[Target], set[int]]:
    """Rows of a main-indicator table: 指标 | 单位 | 2020年 | 2025年 | 属性 (HTML/docx rows arrive
    tab-joined; text and PDF rows are single-space separated, or run together when a comparator
    separates the base value from the target). The value is read from the target-year column,
    counted from the right, since the leftmost (类别) cell is often merged over several rows.
    Returns the targets and the start offsets (in doc.norm.text) of the lines read as table lines,
    which the clause reader skips."""
    norm = doc.norm.text
    out: list[Target] = []
    used: set[int] = set()
    header: _Header | None = None
    caption: int | None = None
    for starts, a, b, line in _logical_lines(norm):
        text = unicodedata.normalize("NFKC", _t2s()(line)).strip()
        if not text:
            continue
        wide = "\t" in line or "|" in line or "  " in line.strip()
        cells = _cells(text) if wide else text.split()
        h = _header(cells, start_year) if len(cells) >= 3 else None
        if h is not None:
            header, used = h, used | set(starts)
            continue
        if re.search(r"指标|专栏|表\d", text) and len(text) <= 40 and not re.search(r"[,;。]", text) and len(cells) < 3:
            caption, header = _caption_year(text, start_year), None   # a caption opens a new table
            continue
        attr = bool(re.search(r"(?:约束性|预期性|引导性)$", text))
        row = _row(cells, header) if len(cells) >= 3 and (header is not None or attr or wide) else None
        if row is None and attr:
            m = _FLAT_ROW.match(text.replace(" ", ""))
            if m:
                name = m.group("name") + (m.group("paren") or "")
                row = (name, [(_TABLE_VALUE.match(m.group("value")), None, False)], None)
        if row is None:
            if header is not None and len(text) <= 16 and not re.search(r"[\d,;。:]", text):
                continue                                      # a category row (一、总量控制) inside the table
            if not (wide and len(cells) >= 3) and not attr:
                header = caption = None                       # prose: the table has ended
            continue
        used.update(starts)
        name, picked, unit_col = row
        name = re.sub(r"^\d+[.、]?", "", name).strip()
        pm = _UNIT_PAREN.search(name)
        paren_unit = None
        if pm:
            paren_unit = pm.group("unit")
            name = name[:pm.start()].strip()
        verb = re.search(r"(?:年均|累计)?(?:增长|提高|下降|降低|减少|增速)$", name)
        if verb:
            name = name[:verb.start()] or name
        if not re.search(r"[\u4e00-\u9fff]", name):
            continue
        for m, col_year, change in picked:
            unit = m.group("unit") or paren_unit or unit_col
            if change:
                falls = m.group("sign") in ("-", "−") or m.group("dir") in ("下降", "降低", "减少", "削减") or (
                    not m.group("sign") and not m.group("dir") and re.search(r"下降|降低|减少", name))
                out.append(Target(name, _number(m.group("num")), m.group("unit") or "%",
                                  "decrease_by" if falls else "increase_by", col_year or caption or horizon,
                                  header.base_year if header is not None else None, a, b, "targets.table_row"))
                continue
            comp = _comparator({"≥": "超过", ">": "超过", "不低于": "不低于", "超过": "超过", "大于": "超过",
                                "≤": "不超过", "<": "不超过", "不高于": "不超过", "不超过": "不超过", "小于": "不超过"}
                               .get(m.group("cmp") or ""), m.group("qual"), False, False, unit)
            if verb:
                comp = "decrease_by" if re.search(r"下降|降低|减少", verb.group(0)) else "increase_by"
            elif m.group("dir"):
                comp = "decrease_by" if m.group("dir") in ("下降", "降低", "减少", "削减") else "increase_by"
            elif m.group("cum") and re.search(r"下降|降低|减少", name):
                comp = "decrease_by"
            year = col_year or caption or horizon
            out.append(Target(name, _number(m.group("num")), unit, comp, year, None, a, b, "targets.table_row"))
    return out, used


# ---------------------------------------------------------------------------- graph

def _holder(doc: ParsedDoc, tasks: list[Task], offset: int):
    best = None
    for t in tasks:
        if t.start <= offset < t.end and (best is None or (t.end - t.start) < (best.end - best.start)):
            best = t
    if best is not None:
        return best
    span = doc.plan_at(offset)
    if span is not None:
        return span.plan
    first = next((line.strip() for line in doc.text.splitlines() if line.strip()), doc.file)[:80]
    return Plan(id=node_id(Label.PLAN, doc.file), name=first, source_file=doc.file)


def extract(doc: ParsedDoc, out: BatchBuilder) -> None:
    """Add a SETS_TARGET edge from the deepest Task (else the plan) for each target found."""
    # the tasks of this file, listed once: adding targets adds no task
    tasks = [t for t in out.nodes_of(Task)
             if t.source_file in (None, doc.file) and t.start is not None and t.end is not None]
    for t in find_targets(doc):
        ev = doc.norm_evidence(t.start, t.end)
        holder = _holder(doc, tasks, ev.start)
        entry = resolve_indicator(t.name)
        canonical = entry.canonical if entry else t.name
        aliases = tuple(dict.fromkeys(a for a in (t.name, t.written) if a and a != canonical))
        indicator = Indicator(id=node_id(Label.INDICATOR, canonical), name=canonical, aliases=aliases,
                              unit=(entry.unit if entry and entry.unit else t.unit))
        out.link(holder, indicator, EdgeType.SETS_TARGET, ev, rule=t.rule, category="indicators",
                 value=t.value, unit=t.unit, comparator=t.comparator, year=t.year,
                 baseline_year=t.baseline_year, indicator_text=t.name)
