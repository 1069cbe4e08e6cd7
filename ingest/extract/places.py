"""Places: the administrative divisions, named zones, towns and villages a document names.

Works on the normalised text (Simplified, half-width) and maps every mention back to the
original for its evidence. The kinds of mention, each a rule (the `rule` of its edge):

- division  a name from the gazetteer, full (株洲市, 茶陵县) or short (醴陵, 长沙). Short forms of
            counties count only inside the document's own province (or at a route end: 上栗至
            醴陵), never a short form that is a common word (会同, 通道), nor one that is part of
            another name: a river, road, medium, agency or school (浏阳河, 株洲网, 长沙海关,
            北京航空航天大学). A full name inside an agency name or a cited title counts
            (株洲市人民政府 mentions 株洲市). Page furniture (navigation, footer, spam) names
            nothing. Duplicate names (鼓楼区) are settled by the division written just before,
            else by the document's jurisdiction. A county-level city or a district written as
            the county it was (桐城县, 铜梁县) is that division, with the written form as an alias.
- zone      a specific name + a zone word (清水塘片区, 株洲高新区, 长江经济带, 九郎山风景区); the
            name starts after the last verb or preposition. Not a zone: only generic words
            before the zone word (两型示范区, 工业园区), a title to be won (国家…示范区), a
            numbered slogan (一带一路), a coined term in quotes, an industry park without a
            place in its name (电子产业园). A division written in full just before is the
            parent (石峰区清水塘片区 → 清水塘片区 in 石峰区), else the document's jurisdiction.
            The ways one document writes one zone (清水塘示范片区 / 清水塘片区) make one node.
            A name never starts with a verb or an adverbial (新建, 扩建, 巩固, 高标准建设 …:
            高标准建设自由贸易港 names nothing), nor is it only a theme or a level (零碳示范区,
            县(市)工业园区); a division + generic words + 核心区 is the division. Designated
            parks (X国家湿地公园), named wetlands (羊山湿地) and data valleys (X大数据谷) are zones.
- hill      X山 where work is done on it (X山矿坑生态修复), with the hills listed before it.
- town      X镇 / X乡 / X街道 / X苏木 (level town), X村 / X社区 / X嘎查 (level village), not the
            generic 乡镇 / 农村 / 新社区 / 嘎查村; a division or town just before is the parent
            (三门镇响水村). A zone named by a town (X镇工业集中区) mentions that town too, and a
            zone named by a city and its district (X市Y区经济开发区) mentions the district. A
            name ending like a word (段村镇, 王集镇) counts in a list of units or as an owner.
- listed    bare names listed before 等 + a place word (在坪塘、清水塘、竹埠港等重点地区), not
            rivers (X河) nor a list of waters (X港、Y湖、Z江).
- stem      the bare stem of an area zone of the same document (清水塘 of 清水塘片区), when it
            stands alone at least twice.

Every mention gives a MENTIONS edge from the plan around it (COVERS for the plan's own
jurisdiction) with the mention as evidence. A division's PART_OF chain up to the province
carries the gazetteer row as evidence (the document does not say it); a zone's or town's
PART_OF carries the mention. A division that ended (株洲县 → 渌口区, 2018) gets a SUPERSEDES
edge newer → older whose evidence is its row of ingest/data/district_changes.csv.
See docs/decisions/0004-gazetteer.md.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from policygraph.graph.model import District, Edge, EdgeType, Evidence, Label, Node, match_key, node_id

from .. import gazetteer
from ..document import BatchBuilder, ParsedDoc
from ..gazetteer import Division

__all__ = [
    "extract",
    "find_places",
    "Mention",
    "division_node",
    "place_node",
    "ZONE_WORDS",
    "SHORT_STOPLIST",
]

# ---------------------------------------------------------------------------- vocabulary

# Words that end a named zone, longest first (a regex alternation tries them in order).
ZONE_WORDS = tuple(sorted({
    "经济技术开发区", "高新技术产业开发区", "经济开发区", "开发区", "高新区", "经开区", "自贸区",
    "自由贸易试验区", "试验区", "示范区", "先行区", "核心区", "片区", "新区", "新城", "老工业区",
    "工业集中区", "工业区", "工业园区", "工业园", "产业园", "科技园", "科创园", "示范园", "高科园",
    "物流园", "物流城", "创新园", "科技城", "生态城", "商贸城", "大学城", "保税区",
    "保税物流中心", "港区", "商业区", "口岸经济区", "口岸经济园", "经济区", "城市群", "经济带",
    "风景区", "度假区", "旅游区", "森林公园", "小镇", "保护区", "绿心",
    "产业基地",
    # groupings of cities, named by the core city or the region (深圳都市圈, 粤港澳大湾区)
    "大湾区", "都市圈",
    # protected and scenic areas (X国家级自然保护区, X湿地公园, X风景名胜区, X景区)
    "自然保护区", "国家公园", "风景名胜区", "景区",
    # industrial platforms (X石化区, X化工园区, X产业集聚区, X工业港)
    "石化区", "化工区", "化工园区", "化工园", "产业集聚区", "工业港", "物流港",
    # other platform words of the genre (X经济综合实验区, X合作区, X投资区, X科学城, X先导区, X起步区)
    "实验区", "合作区", "投资区", "港务区", "生态区", "科学城", "科教城", "先导区", "起步区", "自由贸易港", "自贸港",
    "科创走廊", "大走廊", "商务区", "陆港",
    # designated parks (X国家湿地公园, X世界地质公园; a park without its title is a facility)
    # and named wetlands (羊山湿地; 湿地 alone: see _zone_at)
    "国家湿地公园", "省级湿地公园", "国家地质公园", "世界地质公园", "湿地",
    # data-industry platforms named X谷 (仙桃国际大数据谷, 中国光谷): only these words, never 谷 alone
    "大数据谷", "数据谷", "数字谷", "光谷", "硅谷",
}, key=len, reverse=True))

# Zone words that are names by themselves when written bare: the abbreviations a city uses
# for its own national zones (以高新区为核心 means the city's 高新区).
BARE_ZONES = frozenset({"高新区", "经开区"})

# Modifiers that say what kind of zone, not which: a zone needs something beyond these.
GENERIC = tuple(sorted({
    "国家级", "国家", "省级", "市级", "县级", "区级", "国际", "全国", "全省", "全市", "全区", "全县",
    "综合", "配套", "改革", "示范", "先行", "试点", "两型", "两型社会", "社会", "现代", "新型",
    "特色", "重点", "产业", "工业", "经济", "技术", "高新", "高新技术", "科技", "生态", "绿色",
    "低碳", "循环", "创新", "自主创新", "开发", "开放", "老", "新", "各类", "各", "该", "本", "其",
    "相关", "所在", "城市", "城镇", "中心", "主", "物流", "商贸", "商业", "旅游", "文化", "农业",
    "服务业", "集聚", "集中", "承接", "转移", "保税", "综合保税", "口岸", "临空", "自由贸易", "自贸",
    "合作", "区域", "跨境", "数字", "智能", "智慧", "大数据", "总部", "产城融合", "一批", "若干",
    "这些", "园区", "片区", "试验", "建设", "发展", "融合", "周边", "上游", "下游", "重点开发",
    "限制开发", "禁止开发", "生态保护", "生态受益", "受益", "保护", "水源", "饮用水源", "饮用水水源",
    "革命", "贫困", "边境", "沿海", "沿江", "中西部", "东部", "西部", "南部", "北部", "中部",
    "城区", "市区", "主城", "中心城", "老城", "城乡", "乡村", "农村", "山区", "库区", "矿区",
    "功能", "核心", "重要", "一般", "其他", "有关", "同类", "省际交界", "交界", "省际", "试验区",
    "高质量", "高水平", "国家综合配套改革", "配套改革", "省级以上", "国家级以上", "级", "以上",
    "城市群", "都市", "都市型", "国家自主创新", "创新型", "改革试验", "建制", "管理", "服务", "个",
    "体系", "教育", "慢行", "宜居", "休闲", "成片", "新城", "海绵城市", "生态宜居", "老工业城市",
    "老工业基地", "转型", "跨区域", "生态文明", "互联网", "文旅", "高品质", "职教", "职业教育", "集成", "交通", "中游",
    "产业园", "示范园", "工业园", "科技园", "物流园", "虚拟", "网红", "星级", "A级", "全域", "管廊", "综合管廊", "中心城区", "空港", "临港", "高铁",
    "海岛", "高原", "牧区", "林区", "垦区", "湖区", "丘陵", "盆地", "平原", "边远", "偏远", "民族", "少数民族",
    "欠发达", "老区", "革命老区", "边疆", "灾区", "城郊", "近郊", "远郊", "郊区", "县城", "集镇",
    "现代化", "国际化", "同城化", "一体化", "世界级", "一流", "国际一流", "世界一流", "区域性", "全球",
    "特大", "超大", "大型", "小时", "半小时", "一小时", "通勤", "耕地", "农田", "基本农田", "二级", "一级", "自然", "生活", "省道", "国道",
    # kinds of carbon programme (近零碳排放示范区, 零碳示范区) and of protected area (自然保护地核心区)
    "近零碳排放", "零碳排放", "近零碳", "零碳", "碳排放", "近零排放", "零排放", "超低排放", "排放", "碳中和",
    "碳达峰", "无废", "减污降碳", "世界", "保护地", "自然保护地", "自然保护区", "保护区", "风景名胜区",
    "湿地公园", "地质公园", "森林公园", "缓冲", "化工", "石化",
    # kinds of management unit and of national style (优先保护区, 城市更新示范区, 中国特色自由贸易港)
    "优先", "优先保护", "重点管控", "一般管控", "城市更新", "更新", "中国特色",
    # themes of a programme a place joins (乡村振兴示范区, 水土保持示范区, 清洁能源示范区,
    # 资源型经济转型示范区, 县域商业体系示范区, 标准地改革先行区)
    "乡村振兴", "振兴", "水土保持", "清洁能源", "新能源", "能源", "资源型", "资源型经济", "县域", "商业体系",
    "标准地", "农业现代化", "共同富裕", "营商环境", "高质量发展", "可持续发展",
}, key=len, reverse=True))

# Words after which a name starts: verbs and prepositions that stand before a place.
STOPS = tuple(sorted({
    "重点建设", "加快建设", "建设", "推进", "加快", "打造", "依托", "联动", "对接", "推动", "支持",
    "建成", "创建", "积极", "大力", "全力", "着力", "规划", "布局", "统筹", "共建", "全面", "发挥",
    "培育", "引导", "鼓励", "实施", "开展", "完成", "形成", "提升", "优化", "做强", "做大", "壮大",
    "申报", "争取", "成为", "作为", "纳入", "进入", "迁入", "入驻", "落户", "位于", "包括", "以及",
    "围绕", "面向", "构建", "设立", "获批", "批复", "同意", "组建", "启动", "开工", "服务", "融入",
    "主动", "携手", "协同", "促进", "带动", "辐射", "连接", "连通", "贯通", "衔接", "承接",
    "延伸至", "延伸", "发展", "聚焦", "立足", "抓好", "抓住", "办好", "搞好", "用好", "推广",
    "保护", "治理", "整治", "改造", "修复", "开发", "建立", "落实", "深化", "完善", "加强", "强化",
    "突出", "重点", "确保", "力争", "实现", "以", "在", "和", "与", "及", "或", "将",
    "把", "对", "向", "至", "从", "为", "是", "的", "等", "了", "其", "使", "让", "经过", "通过",
    "关于", "第三批", "第二批", "第一批", "首批", "一批", "批", "即", "处于", "北片", "南片",
    "西片", "东片", "中片", "符合", "不", "打造成", "建设成", "成为", "特别是", "尤其是",
    "其中", "例如", "比如", "分别", "含", "所有", "全部", "每个", "各", "加快推进", "全力推进", "扎实推进",
    "积极推进", "大力推进", "高质量推进", "高水平规划", "着力建设", "规划建设", "带动", "全省",
    "全市", "全区", "全县", "我市", "我省", "我区", "我县", "本市", "该市", "各地", "各县市区",
    "打好", "关闭", "守住", "消除", "取缔", "清理", "理顺", "搭建", "运营", "利用", "借助", "覆盖",
    "坚持", "执行", "破坏", "严禁", "要", "走出一条", "实行", "推行", "不断", "基本", "深入", "争创",
    "新增", "挖掘", "管好", "领导", "补齐", "做优", "努力", "开创", "具有", "进行", "结合", "依法",
    "科学", "探索", "紧盯", "确保", "严格", "继续", "启动", "今年", "年是", "北有", "南有",
    "共同", "共享", "加入", "参与", "带领", "引领", "配合", "服务于", "毗邻", "相邻", "周边",
    "改善", "提质", "加大", "合理", "支撑", "保障", "助推", "催生", "形成", "做好", "好", "以上", "个",
    # verbs and adverbials that open a phrase before a zone or town (新建演丰镇, 扩建化工园区,
    # 巩固…示范区, 适应自由贸易港, 高标准建设…, 严格控制自然保护区)
    "新建", "扩建", "改建", "续建", "巩固", "适应", "高标准", "高起点", "高规格", "控制", "严格控制",
    "管控", "严格管控", "加速", "加紧", "谋划", "提速", "筹建", "申建", "援建", "联建", "扩容", "提档", "升级",
    "夯实", "拓展", "盘活", "整合", "做实", "做精", "建好", "稳步", "有序", "逐步", "持续", "规范",
    # verbs of an owner towards a town (指导演丰镇, 督促三江镇, 撤并王庄乡, 包保西山村)
    "指导", "督促", "督导", "帮助", "要求", "组织", "协调", "撤并", "合并", "撤销", "包保", "挂钩", "联系",
    "对口", "责成", "会同", "牵头", "负责", "督查", "检查", "考核", "调度", "通报", "约谈", "派驻", "进驻",
    "走访", "下沉", "帮扶", "搬迁",
}, key=len, reverse=True))
# Stops that can sit inside an official zone name (长株潭城市群“两型社会”建设改革试验区).
WEAK_STOPS = frozenset({"建设", "发展", "保护", "开发", "服务", "合作", "融合"})

# Short names that are common words, so never taken as a place when standing alone.
SHORT_STOPLIST = frozenset({
    "会同", "中方", "通道", "凤凰", "洞口", "芙蓉", "天心", "开福", "和平", "新华", "朝阳", "长安",
    "永安", "太平", "平安", "东方", "中山", "大同", "长治", "来宾", "四平", "大理", "白银", "普洱",
    "阿里", "红河", "黑河", "怒江", "牡丹江", "海口", "新乡", "安康", "城关", "江北", "江南", "河东",
    "河西", "城东", "城西", "城南", "城北", "城中", "市中", "铁东", "铁西", "向阳", "前进", "红旗",
    "光明", "胜利", "东风", "新兴", "友好", "永和", "合作", "安定", "新城", "金山", "青山", "白云",
    "鼓楼", "钟楼", "西湖", "滨江", "江山", "安宁", "开化", "宝山", "石门", "永定", "桃源", "新田",
    "嘉禾", "永兴", "东安", "新宁", "华容", "双峰", "新化", "蓝山", "君山", "大祥", "双清", "北塔",
    "雨花", "天元", "兴安", "海南", "吉林", "上城", "下城", "普陀", "长宁", "城步", "古丈", "龙山",
    "安化", "江华", "江永", "临武", "新邵", "绥宁", "宁远", "东坡", "金牛", "高坪", "清河", "三河",
    "龙华", "海城", "北海", "文山", "海北", "海西", "山南", "黄南", "玉树", "德宏", "白山", "白城",
    "定西", "通化", "泰安", "安顺", "和田", "东营",   # 遵义, 三明, 宣城 … are names, not words: not here
    # common words that are county or district names elsewhere (公安县, 资源县, 南部县, 滨海县 …)
    "公安", "共和", "互助", "同心", "惠民", "富民", "方正", "复兴", "振兴", "新建", "解放", "友谊",
    "工农", "爱民", "宏伟", "安居", "兴业", "兴隆", "康乐", "资源", "长寿", "港口", "海港", "河口",
    "沿河", "温泉", "平原", "滨海", "湖滨", "滨湖", "江海", "古城", "老城", "山城", "江城", "新市",
    "南部", "站前", "城厢", "白沙", "金沙", "中原", "民权", "大通", "清水", "沙河", "东至",
})
# Full names that are ordinary words (城区 of 长治, 矿区 of 阳泉 …).
FULL_STOPLIST = frozenset({"城区", "郊区", "矿区", "东区", "西区", "南区", "北区", "新城区", "老城区",
                           "古城区", "山城区", "市中区", "城中区"})

_CJK = r"\u4e00-\u9fff"
_NAME_CHARS = re.compile(rf"[{_CJK}]")
_QUOTES = "“”\"'‘’"
# a short name followed by these is something else: a river, a road, a medium, an agency
_NOT_PLACE_AFTER = re.compile(
    r"(?:河|江(?!苏|西|北|南|门)|港(?!澳|区)|湾(?!区)|山(?!区)|路|大道|大街|街|网|日报|晚报|新闻|电视台|广播|发布|海关|证监局|"
    r"银监局|保监局|中心支行|分行|支行|大学|学院|籍|人|话|味|菜|村|坝|水库|大桥|桥|湖|池|潭|垸|[东西南北]?站|机场|码头)"
)
# after a short name that ends like a river: more rivers, or a river word (锦江、沱江流域; 西江干流)
_RIVER_WORD_AFTER = re.compile(r"[\u4e00-\u9fff]{0,2}?(?:流域|干流|支流|沿岸|水系|水质|水域|岸线|水环境|水生态|水污染|水体)")
# before a short name that ends like a river: another river that is not a division (松花江、乌苏里江、黑龙江)
_RIVER_ITEM_BEFORE = re.compile(r"(?:^|[^\u4e00-\u9fff]|[、和与及])([\u4e00-\u9fff]{1,4}?[江河])[、和与及]$")
_RIVER_ITEM_AFTER = re.compile(r"[、和与及]([\u4e00-\u9fff]{1,4}?[江河])(?![\u4e00-\u9fff]?[区县市])")


def _river_after(text: str, end: int) -> bool:
    """Whether a short name ending like a river is followed by a river word or by another river
    that is not itself a division (锦江、沱江流域, but not 锦江、青白江、新都)."""
    if _RIVER_WORD_AFTER.match(text, end):
        return True
    m = _RIVER_ITEM_AFTER.match(text, end)
    return m is not None and gazetteer.lookup(m.group(1)) is None


def _river_before(text: str, start: int) -> bool:
    """Whether a short name ending like a river is the last of a list of rivers that are not
    divisions (松花江、乌苏里江、黑龙江: the river, not the province)."""
    m = _RIVER_ITEM_BEFORE.search(text, max(0, start - 7), start)
    if m is None:
        return False
    item = m.group(1)   # (在锦江、: its tail 锦江 is a division, so the list is one of divisions)
    return all(gazetteer.lookup(item[k:]) is None for k in range(len(item) - 1))
# a short name inside an organisation's name (北京航空航天大学, 长沙银行)
_ORG_AFTER = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:大学|学院|研究院|研究所|银行|集团|公司|医院|中学|小学)")
# 河北岸, 江西侧: a direction character that belongs to the next word
_DIRECTION_AFTER = re.compile(r"[东西南北](?:岸|侧|部|边|面|端|麓|坡|翼|郊)")
# a division full name followed by these is part of something else (城市和县城 → not 和县)
_NOT_DIVISION_AFTER = re.compile(r"(?:城(?!区)|域|级|委(?!员)|长)")
_SPAM = re.compile(r"开奖|彩票|\d选\d|快3|时时彩|体彩|福彩|博彩|娱乐城|百家乐|棋牌|六合彩|赛车|pk10", re.I)
_FURNITURE = re.compile(
    r"首页\s*>|>\s*正文|当前位置|您的位置|责任编辑|编辑[:：]|版权所有|Copyright|©|ICP备|网安备|"
    r"公众号|扫一扫|分享到|打印本页|关闭窗口|上一篇|下一篇|相关新闻|相关阅读|主管[:：]|主办[:：]|"
    r"承办[:：]|联系电话|电话[:：]|地址[:：]|邮编|联系我们|网站地图|法律顾问|<[a-z/][^>]*>"
)
# a place word after 等 that makes the list before it a list of places
# (等重点地区, 等重要生态功能区, 等生态空间保护区域, 等风景名胜区)
_AFTER_DENG = re.compile(
    r"等(?:\d+\s*个|[一二三四五六七八九十两]+个)?"
    r"(?:重点|重要|周边|核心|典型|特色|产业|生态|空间|自然|敏感|脆弱|水源|旅游|慢行示范|新城新|为代表的){0,3}"
    r"(?:地区|区域|功能区|片区|县城|城镇|小城镇|乡镇|城市|县市区|市县|区县|保护区域|保护区|保护地|景区|风景区|"
    r"风景名胜区|山区|林区)"
    # 等城市水体, 等城市公园: the place word qualifies a kind of thing, which the list names
    r"(?!水体|水系|水域|河道|河流|河湖|湖泊|公园|绿地|道路|街道|管网|设施|建筑|广场)"
)
# 苏木 and 嘎查 are the township and the village of Inner Mongolia's banners
_TOWN_SUFFIX = re.compile(r"街道|镇|乡|村|社区|苏木|嘎查")
_TOWN_GENERIC_BEFORE = {
    "镇": set("城乡村集小强重名并"), "乡": set("家故城下返回老同异他水梦原农美"),
    "村": set("农乡山渔城新寨郊边"), "社区": set("新进"), "街道": set(), "苏木": set(), "嘎查": set(),
}
# what follows the suffix when it is a word of its own: 乡村, 乡道, 村容村貌, 镇村; 嘎查村 and
# 苏木乡镇 are the generic words for villages and townships there; a 村 before 镇 / 乡 is part of
# the town's name (段村镇) or of the word 村镇, never a village
_TOWN_NOT_AFTER = {
    "镇": set("村级街域"), "乡": set("村镇道土愁贤风亲情里"), "村": set("貌庄民委级组道干官规务集镇乡"),
    "社区": set("居服卫工党医"), "街道": set("党"), "苏木": set("乡镇级"), "嘎查": set("村级"),
}
# transliterated names are longer (洪格尔高勒苏木): their name may run to six characters
_LONG_NAME_SUFFIXES = frozenset({"苏木", "嘎查"})
_VILLAGE_SUFFIXES = frozenset({"村", "社区", "嘎查"})
# a town written before a village (三门镇响水村, X苏木Y嘎查) is its parent
_PARENT_TOWN = re.compile(r"[\u4e00-\u9fff]{2,3}镇|[\u4e00-\u9fff]{2,6}?苏木")
_TOWN_GENERIC = frozenset({
    "驻", "省级", "民族", "一批", "城带", "互助", "选派", "帮扶", "结对", "市级", "县级",
    "示范", "行政", "自然", "贫困", "重点", "特色", "美丽", "试点", "中心", "建制", "城中", "数字",
    "智慧", "和谐", "绿色", "两型", "文明", "未来", "每个", "各", "全", "本", "该", "一个", "所在",
    "禁行", "主要", "相关", "农村", "城市", "社会", "传统", "历史", "文化", "旅游", "生态", "新型",
    "宜居", "幸福", "安全", "平安", "老旧", "完整", "养老", "居家", "专业", "工业", "农业", "边界",
    # kinds of village and community in the genre (空心村, 脱贫村, 涉农街道, 无废社区, 人才社区)
    "空心", "涣散", "薄弱", "涉农", "脱贫", "无废", "零碳", "低碳", "人才", "国际化", "帮扶", "搬迁",
    "安置", "撤", "卫生", "森林", "红色", "民主法治", "善治", "共富", "青年", "儿童友好", "老年",
    "易地", "革命老区", "少数民族", "集体经济", "经济", "先进", "模范", "星级", "标准化",
    # references to a table or a list of towns (表中所列乡, 上述乡镇, 所辖村)
    "所列", "上述", "下列", "前述", "以下", "所辖", "所属", "辖区", "其余", "列入", "名单", "附表",
    # kinds of township and village of the pastoral north (边境苏木, 纯牧业嘎查, 半农半牧区嘎查)
    "边境", "抵边", "沿边", "牧业", "纯牧", "纯牧业", "半农半牧", "农牧", "牧区", "农区",
})


@dataclass(frozen=True, slots=True)
class Mention:
    """One place named in the normalised text: [start, end) and what it is."""

    start: int
    end: int
    written: str                 # the text as written (normalised)
    name: str                    # canonical name (full division name, zone name without quotes)
    level: str                   # province / city / county / district / zone / town / village
    rule: str
    division: Division | None = None
    parent: str | None = None    # parent's name
    parent_division: Division | None = None
    parent_start: int | None = None   # where the parent is written, when the text says it


# ---------------------------------------------------------------------------- lookups

class _Matcher:
    """Every occurrence of a set of keys in a text, as pyahocorasick's `Automaton.iter` gives
    them ((end index, value) ordered by end); a plain-Python stand-in when it is not installed."""

    def __init__(self, table: dict[str, tuple]) -> None:
        self.table = table
        self.lengths = sorted({len(k) for k in table}, reverse=True)

    def get(self, key: str, default=None):
        return self.table.get(key, default)

    def keys(self):
        return self.table.keys()

    def iter(self, text: str):
        table, lengths = self.table, self.lengths
        for end in range(1, len(text) + 1):
            for n in lengths:
                if n <= end:
                    value = table.get(text[end - n:end])
                    if value is not None:
                        yield end - 1, value


@lru_cache(maxsize=1)
def _automaton():
    """Aho-Corasick over every full and short division name → candidate divisions."""
    table = _division_table()
    try:
        import ahocorasick
    except ImportError:
        return _Matcher(table)
    auto = ahocorasick.Automaton()
    for key, value in table.items():
        auto.add_word(key, value)
    auto.make_automaton()
    return auto


@lru_cache(maxsize=1)
def _division_table() -> dict[str, tuple[str, tuple[Division, ...]]]:
    """Every full and short division name → (name, candidate divisions)."""
    names: dict[str, list[Division]] = {}
    full = {d.name for d in gazetteer.all_divisions()}
    for d in gazetteer.all_divisions():
        names.setdefault(d.name, []).append(d)
        for form in gazetteer.short_forms(d):
            if form == d.short or form not in full:   # 大理州 (大理白族自治州) unless a division is called so
                names.setdefault(form, []).append(d)
    return {key: (key, tuple(divs)) for key, divs in names.items()}


@lru_cache(maxsize=1)
def _division_starts() -> tuple[re.Pattern, dict[str, tuple[int, ...]]]:
    """A search for where a division name may start (a first character followed by a second
    one of some name), and the lengths of the names that start with each two characters
    (longest first)."""
    keys = _division_table()
    lengths: dict[str, set[int]] = {}
    for key in keys:
        lengths.setdefault(key[:2], set()).add(len(key))

    def chars(cs) -> str:
        return "[" + "".join(re.escape(c) for c in sorted(cs)) + "]"

    if not keys:
        pattern = re.compile("(?!)")
    elif min(map(len, keys)) >= 2:
        pattern = re.compile(chars({k[0] for k in keys}) + "(?=" + chars({k[1] for k in keys}) + ")")
    else:
        pattern = re.compile(chars({k[0] for k in keys}))
    return pattern, {two: tuple(sorted(ns, reverse=True)) for two, ns in lengths.items()}


# Cached because the whole text is scanned twice (the document's province, then its divisions).
@lru_cache(maxsize=4)
def _division_keys(text: str) -> tuple[tuple[int, tuple[str, tuple[Division, ...]]], ...]:
    """Every occurrence of a division name in `text`, as `_automaton().iter(text)` gives them
    ((end index, (name, divisions)), by end, the longer name first), found faster on a long text:
    only where a name's first two characters stand are the names of those lengths looked up."""
    table = _division_table()
    first_chars, lengths_of = _division_starts()
    hits = []
    for m in first_chars.finditer(text):
        i = m.start()
        for n in lengths_of.get(text[i:i + 2], ()):
            value = table.get(text[i:i + n]) if i + n <= len(text) else None
            if value is not None:
                hits.append((i + n - 1, -n, value))
    hits.sort(key=lambda h: (h[0], h[1]))
    return tuple((end, value) for end, _n, value in hits)


def _province_of(div: Division | None) -> str | None:
    if div is None:
        return None
    return div.code[:2]


def _pick(key: str, divs: tuple[Division, ...], province: str | None, near: Division | None = None) -> Division | None:
    """The division a written key names, given the document's province (code prefix) and a
    division nearby (written just before it, or the document's jurisdiction) for ties."""
    full = [d for d in divs if d.name == key]
    short = [d for d in divs if d.name != key]
    if full:
        pool = full
    else:
        if key in SHORT_STOPLIST:
            return None
        # a short form names a province or city anywhere; a county only in the home province
        pool = [d for d in short if d.level in ("province", "city") or (province and d.code[:2] == province)]
    if not pool:
        return None
    if len(pool) == 1:
        return pool[0]
    home = [d for d in pool if province and d.code[:2] == province]
    pool2 = home or pool
    if near is not None and len(pool2) > 1:
        ref = {d.code for d in gazetteer.chain(near)}
        scored = sorted(pool2, key=lambda d: -len(ref & {c.code for c in gazetteer.chain(d)}))
        best = len(ref & {c.code for c in gazetteer.chain(scored[0])})
        if sum(1 for d in scored if len(ref & {c.code for c in gazetteer.chain(d)}) == best) == 1 and best:
            return scored[0]
    pool2 = sorted(pool2, key=lambda d: (gazetteer._LEVEL_RANK.get(d.level, 3), 1 if d.ended else 0))
    if len(pool2) > 1 and (gazetteer._LEVEL_RANK.get(pool2[0].level), bool(pool2[0].ended)) == \
            (gazetteer._LEVEL_RANK.get(pool2[1].level), bool(pool2[1].ended)):
        return None
    return pool2[0]


# ---------------------------------------------------------------------------- text helpers

# the heading of a web page's list of links to other pages (相关链接, 相关文章, 推荐阅读 …)
_LINKS_HEADING = re.compile(
    r"(?:相关|推荐|延伸|热点|热门|往期|更多|最新|友情|其他)(?:链接|文章|新闻|阅读|推荐|资讯|稿件|报道|内容|回顾)"
    r"|猜你喜欢|友情链接")
_LINKS_HEADING_LINE = re.compile(rf"[\s【\[]*(?:{_LINKS_HEADING.pattern})[\s】\]::>»更多]*")


def _debris_mask(text: str) -> list[tuple[int, int]]:
    """Spans of lines that are page furniture, site names or spam, and of a web page's list of
    links (the headlines under 相关链接 / 相关文章 …, up to the first line that reads as a
    sentence: a 。 or more than 60 characters) — a neighbour's headline is not a mention."""
    out = []
    pos = 0
    in_links = False
    for line in text.splitlines(keepends=True):
        s = line.strip()
        if _LINKS_HEADING_LINE.fullmatch(s) and s:
            in_links = True
        elif in_links and s and ("。" in s or len(s) > 60):
            in_links = False
        if s and (in_links or (len(s) <= 160 and _FURNITURE.search(s)) or (len(s) <= 40 and _SPAM.search(s))
                  or (len(s) <= 8 and s.endswith("网"))):
            out.append((pos, pos + len(line)))
        pos += len(line)
    return out


def _in_spans(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in spans)


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _left_run(text: str, end: int, limit: int = 26) -> int:
    """Start of the run of name characters that ends at `end`: CJK, quotes, a single space
    between CJK (PDF breakage), a short (…) aside, and digits only right before `end` or
    inside quotes (331片区, “3+5”城市群)."""
    i = end
    while i > 0 and end - i < limit:
        c = text[i - 1]
        if _is_cjk(c) or c in _QUOTES:
            i -= 1
        elif c.isdigit() or c == "+":
            j = i
            while j > 0 and (text[j - 1].isdigit() or text[j - 1] == "+"):
                j -= 1
            quoted = j > 0 and text[j - 1] in _QUOTES and i < len(text) and text[i] in _QUOTES
            if i == end or (i + 1 == end and text[i] == " ") or quoted:
                i = j
            else:
                break
        elif c == " " and i >= 2 and (_is_cjk(text[i - 2]) or text[i - 2] in ")" or
                                      (text[i - 2].isdigit() and i == end)) \
                and i < len(text) and (_is_cjk(text[i]) or i == end):
            i -= 1
        elif c == ")":
            j = text.rfind("(", max(0, i - 10), i - 1)
            inner = text[j + 1:i - 1].strip() if j >= 0 else ""
            if j < 0 or not inner or not all(_is_cjk(x) for x in inner):
                break
            i = j
            while i >= 2 and text[i - 1] == " " and _is_cjk(text[i - 2]):
                i -= 1
        else:
            break
    while i < end and (text[i] in " ”’" or (text[i] in "个家批项条座处所" and i > 0 and text[i - 1].isdigit())):
        i += 1
    return i


def _clean(name: str) -> str:
    return re.sub(r"[\s“”\"'‘’]", "", name)


# GENERIC's order is the order _specific tries its words in (longest first): each word's rank
_GENERIC_RANK = {g: k for k, g in enumerate(GENERIC)}
_GENERIC_LENGTHS = tuple(sorted({len(g) for g in GENERIC}, reverse=True))


@lru_cache(maxsize=8192)
def _specific(core: str) -> str:
    """What is left of a zone name's core once generic modifiers are taken off."""
    s = _clean(core)
    s = re.sub(r"\([^()]*\)", "", s)
    rank = _GENERIC_RANK
    while s:
        # the first word of GENERIC that starts or ends s (a start before an end of one word)
        best = best_cut = None
        n = len(s)
        for k in _GENERIC_LENGTHS:
            if k > n:
                continue
            r = rank.get(s[:k])
            if r is not None and (best is None or r < best):
                best, best_cut = r, (k, 0)
            r = rank.get(s[n - k:])
            if r is not None and (best is None or r < best):
                best, best_cut = r, (0, k)
        if best is None:
            break
        head, tail = best_cut
        s = s[head:n - tail]
    return s


# STOPS by first character, longest first: the first that matches at a position is the longest
_STOPS_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _w in STOPS:
    _STOPS_BY_FIRST[_w[0]] = (*_STOPS_BY_FIRST.get(_w[0], ()), _w)
del _w


# words that hold a stop word but are themes, not a verb and its object (共同富裕, 可持续发展)
_STOP_COMPOUNDS = ("共同富裕", "可持续发展", "共建共享", "共同缔造")


def _find_all(text: str, word: str) -> list[int]:
    out, k = [], text.find(word)
    while k >= 0:
        out.append(k)
        k = text.find(word, k + 1)
    return out


def _stop_cuts(run: str) -> list[tuple[int, str]]:
    """Positions in `run` just after a stop word, rightmost first, each with its stop word.
    A stop word inside a division's full name is not one (从 of 从化区, 和 of 和平区)."""
    return list(_stop_cuts_of(run))


@lru_cache(maxsize=8192)
def _stop_cuts_of(run: str) -> tuple[tuple[int, str], ...]:
    inside = None
    cuts: list[tuple[int, str]] = []
    by_first = _STOPS_BY_FIRST
    taken_to = 0   # end of the last stop word taken: one starting inside it is no stop (持续建设: not 续建)
    compounds = [(k, k + len(w)) for w in _STOP_COMPOUNDS for k in _find_all(run, w)]
    for i, c in enumerate(run):
        words = by_first.get(c)
        if not words or i < taken_to or any(a <= i < b for a, b in compounds):
            continue
        for w in words:
            if run.startswith(w, i):
                if inside is None:
                    inside = _full_name_spans(run)
                if not any(a < i + len(w) < b or a < i < b for a, b in inside):
                    cuts.append((i + len(w), w))
                    taken_to = i + len(w)
                break
    return tuple(sorted(cuts, reverse=True))


def _full_name_spans(run: str) -> list[tuple[int, int]]:
    """Spans of division full names (3+ characters) in `run`."""
    out = []
    for end_idx, (key, divs) in _automaton().iter(run):
        if len(key) >= 3 and any(d.name == key for d in divs):
            out.append((end_idx - len(key) + 1, end_idx + 1))
    return out


def _division_prefix(name: str, province: str | None, *, full_only: bool = False,
                     whole: bool = False) -> tuple[str, Division] | None:
    """The longest division name (full, or short unless full_only) at the start of `name`."""
    best: tuple[str, Division] | None = None
    for end_idx, (key, divs) in _automaton().iter(name):
        start = end_idx - len(key) + 1
        if start != 0 or len(key) > len(name) or (len(key) == len(name) and not whole):
            continue
        d = _pick(key, divs, province)
        if d is None or (full_only and key != d.name):
            continue
        if best is None or len(key) > len(best[0]):
            best = (key, d)
    return best


# ---------------------------------------------------------------------------- finders

def _on_route(text: str, start: int, end: int) -> bool:
    """Whether [start, end) stands alone as an end of a route written X至Y."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    alone_left = not before or not _is_cjk(before) or before in "、和与及至"
    if before == "至":
        return True
    if after != "至":
        return False
    if alone_left:
        return True
    other = text[end + 1:end + 5]   # 争取上栗至醴陵: the other end is a known place
    return any(other.startswith(k) for _e, (k, _d) in _automaton().iter(other) if len(k) >= 2)


def _listed_at_home(text: str, start: int, end: int, div: Division, home: Division | None) -> bool:
    """Whether a full name that is also an ordinary word (市中区, 城区) is the home city's division
    of that name written in a list of divisions (历下区、市中区、槐荫区)."""
    if home is None:
        return False
    city = gazetteer.jurisdictions(home).get("city")
    if not city or gazetteer.jurisdictions(div).get("city") != city:
        return False
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before == "、" and _home_division_at(text[max(0, start - 7):start - 1], city, at_end=True):
        return True
    return after == "、" and _home_division_at(text[end + 1:end + 7], city, at_end=False)


def _home_division_at(snippet: str, city: str, *, at_end: bool) -> bool:
    """Whether `snippet` ends (or starts) with the name of a division of `city`: the list
    around a common word is a list of that city's divisions (历下区、市中区)."""
    for end_idx, (key, divs) in _automaton().iter(snippet):
        start = end_idx - len(key) + 1
        if (at_end and end_idx + 1 == len(snippet)) or (not at_end and start == 0):
            if any(gazetteer.jurisdictions(d).get("city") == city and d.level in ("county", "district")
                   for d in divs):
                return True
    return False


def _old_county(text: str, end: int, div: Division) -> bool:
    """Whether the short name of a county-level city or a district ending at `end` is followed
    by 县: the division written as the county it was before (桐城县 for 桐城市, 县改市; 铜梁县 for
    铜梁区, 县改区, in a text older than the change), a mention of the current division."""
    return ((div.level == "county" and div.name.endswith("市")) or (div.level == "district" and div.name.endswith("区"))) \
        and text.startswith("县", end) and not text.startswith(("县级", "县域"), end)


def _find_divisions(text: str, province: str | None, home: Division | None = None) -> list[Mention]:
    out: list[Mention] = []
    ending: dict[int, Mention] = {}   # end → the last mention found ending there
    for end_idx, (key, divs) in _division_keys(text):
        start, end = end_idx - len(key) + 1, end_idx + 1
        prev = ending.get(start)
        d = _pick(key, divs, province, prev.division if prev else home)
        if d is None and key not in SHORT_STOPLIST and _on_route(text, start, end):
            # 上栗至醴陵高速, 至井冈山: a county of another province named as a route's end
            counties = [c for c in divs if c.name != key and c.level in ("county", "district") and not c.ended]
            d = counties[0] if len(counties) == 1 else None
        if d is None and key not in SHORT_STOPLIST and text.startswith("县", end):
            # 抚远县 in a text of another province: the one county-level city or district of that
            # short name, written as the county it was
            olds = [c for c in divs if c.name != key and not c.ended and _old_county(text, end, c)]
            d = olds[0] if len(olds) == 1 else None
        if d is None and key in SHORT_STOPLIST:
            # 梁溪、滨湖、新吴: a short name that is a common word, in a list of the home city's divisions
            d = next((c for c in divs if c.name != key and _listed_at_home(text, start, end, c, home)), None)
        if d is None:
            continue
        is_full = key == d.name
        after = text[end:end + 4]
        before = text[start - 1] if start else ""
        if is_full:
            if key in FULL_STOPLIST and not _listed_at_home(text, start, end, d, home):
                continue
            if len(key) == 2 and (_province_of(d) != province or _NOT_DIVISION_AFTER.match(after)):
                continue
        elif _old_county(text, end, d):
            # 桐城县 of 桐城市: a county-level city written as the county it was; when the change
            # table knows that county (望城县 → 望城区), the full name's hit is the ended county
            if any(c.name == key + "县" for c in _division_table().get(key + "县", ("", ()))[1]):
                continue
            out.append(Mention(start, end + 1, key + "县", d.name, d.level, "division.old_county", d))
            ending[end + 1] = out[-1]
            continue
        else:
            if _NOT_PLACE_AFTER.match(after) or _ORG_AFTER.match(text, end, end + 10):
                continue
            if key[-1] in "江河湖溪" and (_river_after(text, end) or _river_before(text, start)):
                continue   # 锦江、沱江流域: the river the district is named after
            if _DIRECTION_AFTER.match(text, end - 1):
                continue
            # the short form of a county is a common-ish word: it must stand apart on its left
            if d.level in ("county", "district") and before and _is_cjk(before) \
                    and before not in "、和与及至在以从对向经同" and not (after[:1] and not _is_cjk(after[0])) \
                    and not _on_route(text, start, end):
                continue
        out.append(Mention(start, end, key, d.name, d.level, "division.full" if is_full else "division.short", d))
        ending[end] = out[-1]
    return out


# numbered slogans (一带一路, 三高四新) are not places
_SLOGAN = re.compile(r"[一二三四五六七八九十两][\u4e00-\u9fff][一二三四五六七八九十两][\u4e00-\u9fff]")
# abbreviations of zone words whose long form is the official name (中国(湖南)自贸区)
_ZONE_LONG_FORMS = {"自贸区": "自由贸易试验区", "自贸港": "自由贸易港"}
# zone words of industry parks: named by a place (白关服饰产业园), else an industry (电子产业园,
# 新材料产业集聚区, 轨道交通产业片区)
_NEEDS_PLACE = ("产业园", "技术园", "产业集聚区", "产业片区")
_DESIGNATION = re.compile(r"(?:第[一二三四五六七八九十\d]+批|首批)?(?:国家|全国|省级|省|市级|全省|全市)")
_ZONE_RE = re.compile("|".join(re.escape(w) for w in ZONE_WORDS))


# a protection zone of drinking water (水库/水源/取水口 …, 一级/二级保护区) is not a place
_WATER_SOURCE = re.compile(r"水库|饮用水|取水口|水厂|[一二三]级$|准保护")
# carbon and waste programmes a zone runs (X新区零碳示范区: the place is X新区)
_PROGRAMME_TAGS = frozenset({"零碳", "近零碳", "近零碳排放", "零碳排放", "低碳", "碳中和", "碳达峰", "无废",
                             "绿色低碳", "减污降碳", "近零排放"})
# a programme a city joins (无废城市, 海绵城市, 森林城市, 智慧社区) named before a designation word
_PROGRAMME_ZONE_WORDS = frozenset({"示范区", "试验区", "先行区", "示范园", "实验区", "先导区"})
_PROGRAMME = re.compile(r"(?:城市|社会|乡村|社区|校园|机关|企业|园区|县城|城镇)$")


# area words that, after a division and only generic words (西夏区城市核心区), name a part of the
# division, not a zone of its own
_DIVISION_AREA_WORDS = frozenset({"核心区", "片区"})
# the parts of a 新城's name that are generic elsewhere (空港经济区) but name a city's one
# airport or port new town (空港新城, 临港新城); 高铁新城 stays generic (a station district)
_NEW_TOWN_PARTS = frozenset({"空港", "临空", "临港", "航空"})
# a wetland's name ends like a hill, lake or river's (羊山湿地, 东湖湿地); these are kinds of land
_WETLAND_END = set("山湖河江海湾岛洲塘溪泉滩港峡潭")
_WETLAND_KINDS = frozenset({"河湖", "江河", "江湖", "湖泊", "河流", "河溪", "溪河", "滨海", "近海", "沿海",
                            "滨湖", "沿湖", "沿江", "沿河", "滨江", "高山", "深山", "河口", "海湾", "海岛", "山水",
                            "库塘", "坑塘", "池塘", "鱼塘", "水塘", "河滩", "海滩", "沙滩", "滩涂", "湖滩"})


def _has_name(core: str, word: str) -> bool:
    """Whether a zone word's qualifier holds a name: something beyond generic words, a
    division in brackets (西部(重庆)科学城), or a city's one new town named by its kind (空港新城)."""
    if _specific(core) or (word == "新城" and _clean(core) in _NEW_TOWN_PARTS):
        return True
    return any(gazetteer.lookup(inner) is not None for inner in re.findall(r"\(([\u4e00-\u9fff]{2,8})\)", core))


def _wetland_name(core: str) -> bool:
    """Whether the qualifier of a bare 湿地 is a proper name (羊山, 东寨港), not a kind of land."""
    return 2 <= len(core) <= 4 and core[-1] in _WETLAND_END and core not in _WETLAND_KINDS \
        and _specific(core) == core


def _zone_at(text: str, m_start: int, m_end: int, province: str | None) -> Mention | None:
    word = text[m_start:m_end]
    run_start = _left_run(text, m_start)
    # the name may stand in quotes just before the zone word's own closing quote: 云龙“数智新城”
    end = m_end
    if end < len(text) and text[end] == "”" and "“" in text[run_start:m_start]:
        end += 1
    run = text[run_start:m_start]
    if not run.strip():
        if word in BARE_ZONES and (m_start == 0 or not _is_cjk(text[m_start - 1]) or text[m_start - 1] in "以在和与及、"):
            return Mention(m_start, m_end, word, word, "zone", "zone.bare")
        return None
    cuts = _stop_cuts(run)
    chosen = None
    for k, (pos, w) in enumerate([*cuts, (0, "")]):
        core = run[pos:]
        if _has_name(core, word) and not (len(_clean(core)) <= 1 and w in WEAK_STOPS):
            chosen = pos   # (现代服务业合作区: 服务 inside the name leaves one character; look further)
            break
        if w in WEAK_STOPS and not (w == "建设" and not core.strip()):
            continue   # (高标准建设自由贸易港: 建设 right before the zone word has it as object)
        if k == 0 and not core.strip() and word in BARE_ZONES:
            return Mention(m_start, m_end, word, word, "zone", "zone.bare")
        return None
    if chosen is None:
        return None
    # 高标准建设自由贸易港 cut at 建设 leaves nothing: 高标准 alone before it names nothing either
    n_start = run_start + chosen
    while n_start < m_start and text[n_start] in " ”’":
        n_start += 1
    inner = text.rfind(word, n_start, m_start)
    if inner > n_start and not _specific(text[inner + len(word):m_start]):
        m_start, end = inner, inner + len(word)   # 清水塘片区示范片区 is 清水塘片区
        word = text[m_start:end]
    elif word in _PROGRAMME_ZONE_WORDS:
        # 江东新区零碳示范区: a carbon programme run in a zone; the zone is the place
        last = None
        for z in _ZONE_RE.finditer(text, n_start, m_start):
            last = z
        if last is not None and last.start() > n_start and _clean(text[last.end():m_start]) in _PROGRAMME_TAGS:
            m_start, end = last.start(), last.end()
            word = last.group()
    written = text[n_start:end]
    core = text[n_start:m_start]
    if len(_clean(core)) > 18:
        return None
    if _DESIGNATION.match(_clean(core)) or _SLOGAN.search(_clean(core)) or re.search(r"\([^()]*段\s*\)", core):
        return None   # 国家全域旅游示范区: a title a place can win, not a place; 湘江(株洲段): a river
    if (n_start > 0 and text[n_start - 1] == "“" and end < len(text) and text[end] == "”") \
            or (text[n_start] == "“" and text[end - 1] == "”" and "“" not in text[n_start + 1:end - 1]):
        return None   # 设立“企业合格假定监管示范区”: a coined term in quotes
    if end < len(text) and text[end] in "域位" and word.endswith("区"):
        return None   # 生态空间保护区域: the word is 区域, a kind of area, not a zone
    if "式" in _specific(core):
        return None   # 欧洲式风情小镇, 花园式园区: a style, not a name
    if re.search(r"[一二两三四五六七八九十]$", _clean(core)):
        return None   # 南北两片区: a count, not a name
    if end < len(text) and text[end] == "化":
        return None   # 景区化, 园区化: a process, not a place
    if word == "小镇" and len(_clean(core)) > 8:
        return None   # 通航创意文化体验智造小镇: a description; town names are short
    if word == "产业基地" and not _division_prefix(_clean(core), province):
        return None
    if _specific(core) and not re.sub(r"\([^()]*\)|[省市县区乡镇州旗盟、]", "", _specific(core)):
        return None   # 县(市)工业园区, 各市县开发区: a level of division, no name
    if word == "湿地" and (not _wetland_name(_clean(core)) or text.startswith("公园", m_end)):
        return None   # 滨海湿地, 恢复湿地: a kind of land; 羊山湿地 is named by its hill
    if word in ("保护区", "绿心") and len(_clean(core)) > 8:
        return None
    if word == "保护区" and _WATER_SOURCE.search(_clean(core)):
        return None   # X水库一级保护区, 饮用水水源保护区: a water-protection zone, not a place
    if word in _PROGRAMME_ZONE_WORDS and _PROGRAMME.search(_clean(core)) \
            and not _division_prefix(_clean(core), province):
        return None   # 无废城市示范区, 海绵城市试验区: a programme's title, not a place
    name = _clean(written)
    for short_word, long_word in _ZONE_LONG_FORMS.items():
        if name.endswith(short_word) or short_word + "" in name:
            name = name.replace(short_word, long_word)
    parent = parent_div = None
    parent_start = None
    pre = _division_prefix(_clean(core), province, whole=True)
    if pre:
        key, div = pre
        rest = _clean(core)[len(key):]
        parent, parent_div, parent_start = div.name, div, n_start
        if key == div.name and _specific(rest) and len(rest) >= 2:
            name = rest + word   # 石峰区清水塘片区 → 清水塘片区 in 石峰区
        elif rest and not _has_name(rest, word) and word in _DIVISION_AREA_WORDS:
            return None   # 西夏区城市核心区: the district is the place, its core area no name
    elif len(_clean(core)) == len(_specific(core)) and len(_clean(core)) <= 1:
        return None
    return Mention(n_start, end, written, name, "zone", "zone.named", None, parent, parent_div, parent_start)


def _find_zones(text: str, province: str | None) -> list[Mention]:
    out = []
    for m in _ZONE_RE.finditer(text):
        z = _zone_at(text, m.start(), m.end(), province)
        if z is not None:
            out.append(z)
    return out


def _find_towns(text: str, province: str | None) -> list[Mention]:
    out = []
    for m in _TOWN_SUFFIX.finditer(text):
        suffix = m.group()
        run_start = _left_run(text, m.start(), limit=16 if suffix in _LONG_NAME_SUFFIXES else 12)
        run = text[run_start:m.start()]
        if not run or " " in run or any(c in _QUOTES for c in run):
            continue
        parent = parent_div = None
        parent_start = None
        # the name starts after the last stop word, or after a division / town written before it
        cuts = _stop_cuts(run)
        if cuts and cuts[0][0] == len(run) and cuts[0][1] in _NAMING_VERBS and len(run) == len(cuts[0][1]):
            cuts = cuts[1:]   # 新建村: a village's name, not the verb (新建演丰镇 is cut)
        if cuts and cuts[0][0] == len(run):
            continue  # 开展村, 推进乡: a verb right before the suffix
        if cuts and cuts[0][1] in _NAME_FIRST_STOPS and len(run) - cuts[0][0] == 1 \
                and cuts[0][0] - 1 == (cuts[1][0] if len(cuts) > 1 else 0):
            cuts = cuts[1:]   # 和平镇, 向阳乡: the stop opens the item and leaves one character
        pos = cuts[0][0] if cuts else 0
        core = run[pos:]
        if len(core) >= 3 and core[0] in "由请":
            pos, core = pos + 1, core[1:]   # 由X镇负责, 请X乡: the preposition of an owner
        pre = _division_prefix(core, province, full_only=False)
        if pre and len(core) - len(pre[0]) >= 2:
            key, div = pre
            parent, parent_div, parent_start = div.name, div, run_start + pos
            core = core[len(key):]
            pos += len(key)
        else:
            tm = _PARENT_TOWN.match(core)
            if tm and len(core) - len(tm.group()) >= 2:
                parent, parent_start = tm.group(), run_start + pos
                core = core[len(tm.group()):]
                pos += len(tm.group())
        # ethnic township: 中村瑶族乡
        name_len = len(core)
        ethnic = suffix == "乡" and core.endswith("族") and 2 <= len(gazetteer.short_name(core + "乡") or "") <= 4
        if not (2 <= name_len <= (6 if suffix in _LONG_NAME_SUFFIXES else 4) or ethnic):
            continue
        if (core[-1] in _TOWN_GENERIC_BEFORE.get(suffix, ()) and not _named_town(text, core, suffix, m.end())) \
                or (suffix in core if suffix in _LONG_NAME_SUFFIXES else suffix[0] in core):
            continue
        if m.end() < len(text) and text[m.end()] in _TOWN_NOT_AFTER.get(suffix, ()):
            continue
        if any(core == g or core.endswith(g) or core.startswith(g) for g in _TOWN_GENERIC):
            continue
        if core in FULL_STOPLIST or any(core.endswith(w) for w in ("区", "县", "市", "省", "镇", "乡", "苏木", "嘎查")):
            continue
        written = core + suffix
        level = "village" if suffix in _VILLAGE_SUFFIXES else "town"
        start = run_start + pos
        out.append(Mention(start, m.end(), written, written, level, "town", None, parent, parent_div, parent_start))
    return out


# what makes 州城镇 or 段村镇 a town's name though 城镇 and 村镇 are words: another town in a
# list with it, an organ of the town after it (州城镇人民政府), or an owner's place: standing as an
# item of a list of units (责任单位：县农业农村局、段村镇) or before an owner's verb (段村镇牵头)
_TOWN_ITEM_AFTER = re.compile(r"[、和与及][\u4e00-\u9fff]{2,3}[镇乡]|人民政府|政府|党委|牵头|负责|配合|参与")
_OWNER_ITEM_BEFORE = re.compile(r"(?:^|[、:;,(]|由|[\u4e00-\u9fff]{2,3}[镇乡][、和与及])$")
_OWNER_ITEM_AFTER = re.compile(r"[、;,。)]|\n|$")
# verbs that are also village and town names (新建村): kept when nothing stands between them
# and the suffix
_NAMING_VERBS = frozenset({"新建"})
# one-character stops that open common town names (和平镇, 向阳乡, 将军乡)
_NAME_FIRST_STOPS = frozenset("和向将")


# last characters of a town's name that make a word with its suffix (城镇, 村镇, 集镇, 家乡,
# 水乡), each with the characters that make a word with it in turn (乡村镇, 农村镇, 赶集镇, 建家乡,
# 江南水乡 are no names; 段村镇, 王集镇, 王家乡, 清水乡 are)
_NAME_ENDS = {
    "镇": {"城": set("乡农城县小新山都京省市"), "村": _TOWN_GENERIC_BEFORE["村"],
           "集": set("乡农城县小新山市赶聚采收密云汇募征招交搜选全诗文")},
    "乡": {"城": set("乡农城县小新山都京省市"), "村": _TOWN_GENERIC_BEFORE["村"],
           "家": set("回老我你他她自国大管专作商农全各一两本返建爱念思离恋归富美兴报助"),
           "水": set("江南北山泽湖鱼米温柔")},
}
# ends whose word (家乡, 水乡) is common in slogans (回故乡、建家乡): such a name counts only as an
# owner, not for standing after another town in a list
_OWNER_ONLY_ENDS = frozenset("家水")


def _named_town(text: str, core: str, suffix: str, end: int) -> bool:
    """Whether `core` + 镇 / 乡 ending at `end`, though its last character makes a word with the
    suffix (城镇, 村镇, 集镇, 家乡), is a town name of two or three characters in a list of towns
    or units, or before its government or an owner's verb (the character before the last not
    making a word with it: 乡村镇 is no name)."""
    words = _NAME_ENDS.get(suffix, {})
    if not 2 <= len(core) <= 3 or core[-1] not in words or core[-2] in words[core[-1]]:
        return False
    start = end - len(core) - len(suffix)
    before = text[max(0, start - 6):start]
    if _TOWN_ITEM_AFTER.match(text, end) or (core[-1] not in _OWNER_ONLY_ENDS
                                             and re.search(r"[\u4e00-\u9fff]{2,3}[镇乡][、和与及]$", before)):
        return True
    return bool(_OWNER_ITEM_BEFORE.search(before)) and bool(_OWNER_ITEM_AFTER.match(text, end))


# kinds of area that a list of kinds names (自然保护区、风景名胜区、湿地公园等自然保护地)
_KIND_WORDS = ("湿地公园", "地质公园", "郊野公园", "公园", "湿地", "园区", "景区", "林场", "保护地", "地区",
               "区域", "地带")


def _is_kind(word: str) -> bool:
    """Whether a list item is a kind of area (generic words + a zone or kind word), not a name."""
    for w in sorted((*ZONE_WORDS, *_KIND_WORDS), key=len, reverse=True):
        if word.endswith(w):
            return not _specific(word[: -len(w)])
    return False


# last characters of facilities, trades and land kinds (医院、学校、车站; 化工、钢铁; 林地、水域)
_FACILITY_END = set("院校站场馆所厂矿业铁泥工品房楼店室库局委办厅地域道泊线涂岸点")
_LAND_WORDS = frozenset({"河湖", "山林", "森林", "草原", "农田", "港口", "码头", "海岛", "江河", "山水", "城乡"})


def _is_facility(word: str) -> bool:
    """Whether a list item names a kind of facility, trade or land rather than a place."""
    return word[-1] in _FACILITY_END or word in _LAND_WORDS or (word[-1] == "区" and len(word) <= 3)


# a listed name ending so is a river (美舍河, 龙潭溪); one ending in 江 (a river), 港 (a port) or
# 湖 / 池 (a lake) is water when another item of its list is water too (a place named after a
# river, an old port or a lake, listed among areas, stays a place: 曲江, 竹埠港)
_RIVER_END = frozenset("河溪渠")
_WATER_END = frozenset("江港湖池")


def _is_port_list(words: list[str]) -> bool:
    return sum(1 for w in words if w and (w[-1] in _RIVER_END or w[-1] in _WATER_END)) >= 2


def _find_listed(text: str, province: str | None) -> list[Mention]:
    """Bare names in a list closed by 等 + a place word: 在坪塘、清水塘、竹埠港等重点地区."""
    out = []
    for m in _AFTER_DENG.finditer(text):
        # walk back over the list: items separated by 、
        end = m.start()
        items: list[tuple[int, int]] = []
        i = end
        while True:
            j = i
            while j > 0 and _is_cjk(text[j - 1]):
                j -= 1
            items.append((j, i))
            if j > 0 and text[j - 1] == "、":
                i = j - 1
                continue
            break
        if len(items) < 2:
            continue
        items.reverse()
        # the first item starts after its last stop word
        a, b = items[0]
        first = text[a:b]
        cuts = _stop_cuts(first)
        cut = cuts[0][0] if cuts else 0
        items[0] = (a + cut, b)
        ports = _is_port_list([text[a:b] for a, b in items])
        for a, b in items:
            word = text[a:b]
            if not (2 <= len(word) <= 5) or _specific(word) != word or _is_kind(word) or _is_facility(word):
                continue
            if word[-1] in _RIVER_END or (word[-1] in _WATER_END and ports):
                continue   # 美舍河、五源河; 马村港、洋浦港; 东湖、南湖: rivers, ports and lakes
            whole = _automaton().get(word, None)
            if whole is not None and _pick(word, whole[1], province) is not None:
                continue  # a division: the division finder has it
            pre = _division_prefix(word, province)
            parent = parent_div = None
            parent_start = None
            name = word
            if pre and len(word) - len(pre[0]) >= 2:
                key, div = pre
                parent, parent_div, parent_start = div.name, div, a
                # 长沙县星沙 → 星沙 in 长沙县; 宜兴竹海 keeps its name, with 竹海 as an alias
                if key == div.name:
                    a += len(key)
                    name = word[len(key):]
                word = word[len(key):]
            out.append(Mention(a, b, word, name, "zone", "listed", None, parent, parent_div, parent_start))
    return out


# a numbered group of counties named by its kind of region (山区26县, 沿边8县, 革命老区12县(市))
_DIRECTIONS = ("东北", "东南", "西北", "西南", "东", "南", "西", "北", "中")
_REGION_LEFT_OK = set("、和与及在以从对向至同为,;:()“”\"")
_REGION_RIGHT = re.compile(r"(?:[、和与及等地的,;:。)”\"]|区域|片区|一带|山区|$)")


@lru_cache(maxsize=1)
def _region_initial() -> re.Pattern:
    """Any one-character province abbreviation that names regions: a search for the characters
    `_find_regions` starts at, instead of a dictionary look-up per character of the text."""
    chars = sorted(k for k in gazetteer.region_provinces() if len(k) == 1)
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]" if chars else "(?!)")


def _find_regions(text: str) -> list[Mention]:
    """闽北, 苏南, 粤东西 …: a province abbreviation + a direction standing as a place (alone on
    both sides, or after a stop word), not itself a division (湘西, 黔南 are prefectures)."""
    provinces = gazetteer.region_provinces()
    out = []
    for m in _region_initial().finditer(text):
        i, prov = m.start(), provinces[m.group()]
        for d in _DIRECTIONS:
            if not text.startswith(d, i + 1):
                continue
            end = i + 1 + len(d)
            key = text[i:end]
            if gazetteer.candidates(key):
                break
            before = text[i - 1] if i else ""
            left_ok = not before or not _is_cjk(before) or before in _REGION_LEFT_OK \
                or any(text.endswith(w, 0, i) for w in STOPS if len(w) >= 2)
            right_ok = _REGION_RIGHT.match(text, end) or any(text.startswith(w, end) for w in STOPS if len(w) >= 2)
            if left_ok and right_ok and not _NOT_PLACE_AFTER.match(text, end):
                out.append(Mention(i, end, key, key, "region", "region", None, prov.name, prov, None))
            break
    return out


_COUNTY_GROUP = re.compile(
    r"(?:山区|海岛|沿海|沿江|沿边|边境|革命老区|老区|民族|库区|牧区|原中央苏区|苏区)\d{1,3}个?(?:县|市|区)(?:\([市区、]+\))?"
)


def _find_county_groups(text: str) -> list[Mention]:
    out = []
    for m in _COUNTY_GROUP.finditer(text):
        name = re.sub(r"个|\(.*\)", "", m.group())
        out.append(Mention(m.start(), m.end(), m.group(), name, "zone", "county_group"))
    return out


# a region named by one character of each of its cities, counted right after it: 长株潭三市, 厦漳泉三地
_REGION_COUNTED = re.compile(r"([\u4e00-\u9fff]{2,4})(?=[两三四五六七八九]个?(?:市|地|城|州|县|区)(?![\u4e00-\u9fff]{0,1}[长级委]))")
_REGION_COUNT = re.compile(r"[两三四五六七八九]个?(?:市|地|城|州|县|区)(?![\u4e00-\u9fff]{0,1}[长级委])")   # its lookahead


def _counted_regions(text: str) -> Iterator[re.Match]:
    """The matches of `_REGION_COUNTED.finditer(text)`, found faster: the pattern is tried only in
    the 4 characters before each count (三市) instead of at every position of the text. Each
    window reaches 9 characters past the count, all that a match starting before it can read."""
    pos = count_from = 0
    while (count := _REGION_COUNT.search(text, count_from)) is not None:
        q = count.start()
        m = _REGION_COUNTED.search(text, max(pos, q - 4), min(len(text), q + 9))
        if m is None or m.start() > q:
            count_from = q + 1
            continue
        yield m
        pos = count_from = m.end()


@lru_cache(maxsize=1)
def _city_chars() -> dict[str, frozenset[str]]:
    """Each character of a prefecture-level city's short name → the cities (codes) it is in."""
    out: dict[str, set[str]] = {}
    for d in gazetteer.all_divisions():
        if d.level == "city" and d.short and not d.ended:
            for c in d.short:
                out.setdefault(c, set()).add(d.code)
    return {c: frozenset(v) for c, v in out.items()}


@lru_cache(maxsize=1)
def _city_firsts() -> dict[str, frozenset[str]]:
    """The first character of a prefecture-level city's short name → the cities (codes) it starts."""
    out: dict[str, set[str]] = {}
    for d in gazetteer.all_divisions():
        if d.level == "city" and d.short:
            out.setdefault(d.short[0], set()).add(d.code)
    return {c: frozenset(v) for c, v in out.items()}


def _city_region(word: str) -> bool:
    """Whether each character of `word` stands for a different city of one province, the first
    being its city's first character (长株潭: 长沙, 株洲, 湘潭)."""
    chars = _city_chars()
    for first in _city_firsts().get(word[0], ()):
        prov, used = first[:2], {first}
        ok = True
        for c in word[1:]:
            options = [code for code in chars.get(c, ()) if code[:2] == prov and code not in used]
            if not options:
                ok = False
                break
            used.add(options[0])
        if ok:
            return True
    return False


def _find_counted_regions(text: str) -> list[Mention]:
    """Regions written as city initials and counted (长株潭三市): the region is a place."""
    out = []
    for m in _counted_regions(text):
        count = "两三四五六七八九".index(text[m.end()]) + 2   # 长株潭三市: three initials, three cities
        k = m.end() - count
        if k < 0 or k < _left_run(text, m.end(), limit=4):
            continue
        for word in (text[k:m.end()],):
            if 2 <= len(word) <= 4 and _city_region(word) and gazetteer.lookup(word) is None:
                out.append(Mention(k, m.end(), word, word, "zone", "region"))
                break
    return out


# zone words of an area (not of a facility or a grouping): their stem names the same area
_AREA_WORDS = ("片区", "老工业区", "风景区", "森林公园", "核心区")
_FACILITY_AFTER = re.compile(r"(?:港|站|桥|大桥|路|大道|公园|湿地|水库|电厂|码头|机场)")


def _find_stems(text: str, zones: list[Mention], taken: list[tuple[int, int]]) -> list[Mention]:
    """The bare stem (3-4 characters) of an area zone named in this document (清水塘 of
    清水塘片区), where it stands alone at least twice."""
    stems = set()
    for z in zones:
        if z.level != "zone" or z.rule != "zone.named":
            continue
        core = _clean(z.name)
        word = next((w for w in _AREA_WORDS if core.endswith(w)), None)
        if word is None:
            continue
        stem = core[: -len(word)]
        if 3 <= len(stem) <= 4 and _specific(stem) == stem and stem[-1] not in "江河" \
                and all(_is_cjk(c) for c in stem) and gazetteer.lookup(stem) is None:
            stems.add(stem)
    out = []
    for stem in stems:
        found = []
        for m in re.finditer(re.escape(stem), text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if _FACILITY_AFTER.match(text, m.end()):
                continue
            if text.startswith(("地区", "区域"), m.end()):
                # 清水塘地区 of a document naming 清水塘片区: the same area, written out
                out.append(Mention(m.start(), m.end() + 2, text[m.start():m.end() + 2], stem, "zone", "zone.stem_area"))
                continue
            found.append(Mention(m.start(), m.end(), stem, stem, "zone", "zone.stem"))
        if len(found) >= 2:
            out.extend(found)
    return out


# a hill named where work is done on it (铜锣山矿坑生态修复, 明月山片区): two or three characters
# + 山, standing after a stop word, a list mark or a division, before a word of such work
_HILL_WORK = (r"矿坑|矿山|矿区|采石场|采区|生态修复|生态保护修复|生态环境修复|修复|地质灾害|森林防火|一带|周边|"
              r"山体|山脚|山麓|脚下|生态廊道|绿道|公园")
# the work word may close a list that the hill opens (凤凰山、X河滨生态廊道建设)
_HILL = re.compile(rf"山(?=(?:[、和与及][\u4e00-\u9fff]{{1,10}}?)?(?:{_HILL_WORK}))")
_HILL_NOT = frozenset({"废弃", "破损", "露天", "裸露", "关闭", "遗留", "历史", "部分", "重点", "主要", "生产",
                       "在建", "现有", "全部", "停产", "闭坑", "大型", "中型", "小型", "所有", "各类", "有关",
                       "相关", "附近", "城市", "城郊", "近郊", "周边", "绿水青", "金山银", "石漠化"})
_HILL_NOT_END = set("矿荒青银名深高大群火冰靠远后前上下小中老进登爬靠荒秃石土采")


def _hill_at(text: str, shan: int, province: str | None, shortest: int = 2) -> Mention | None:
    """The hill whose 山 stands at `shan`, when its name (two or three characters before 山; one
    in a list of hills: 鼓山) starts after a stop word, a list mark or a division, and is not a
    kind of hill (废弃矿山, 青山)."""
    run_start = _left_run(text, shan, limit=10)
    run = text[run_start:shan]
    if not run or " " in run or any(c in _QUOTES for c in run):
        return None
    cuts = _stop_cuts(run)
    pos = cuts[0][0] if cuts else 0
    core = run[pos:]
    pre = _division_prefix(core, province)
    parent = parent_div = None
    parent_start = None
    if pre and len(core) - len(pre[0]) >= 2:
        parent, parent_div, parent_start = pre[1].name, pre[1], run_start + pos
        pos += len(pre[0])
        core = core[len(pre[0]):]
    if not (shortest <= len(core) <= 3) or core in _HILL_NOT or core[-1] in _HILL_NOT_END \
            or any(core.endswith(w) for w in _HILL_NOT) or _specific(core) != core \
            or any(c in "、和与及的" for c in core):
        return None
    if pos == 0 and run_start > 0 and _is_cjk(text[run_start - 1]):
        return None   # the run was cut by the length limit: no clear start
    name = core + "山"
    known = _division_table().get(name)
    if known is not None and _pick(name, known[1], province) is not None:
        return None   # 黄山, 鞍山: the division finder has it (罗山 of Henan is a hill elsewhere)
    return Mention(run_start + pos, shan + 1, name, name, "zone", "zone.hill", None, parent, parent_div, parent_start)


def _find_hills(text: str, province: str | None) -> list[Mention]:
    """Hills named where work is done on them, with the hills listed before them
    (铜锣山、明月山矿坑生态修复)."""
    out = []
    for m in _HILL.finditer(text):
        hill = _hill_at(text, m.start(), province)
        while hill is not None:
            out.append(hill)
            k = hill.start
            if k < 2 or text[k - 1] not in "、和与及" or text[k - 2] != "山":
                break
            hill = _hill_at(text, k - 2, province, shortest=1)
    return out


_AREA_AFTER_DIVISION = re.compile(r"([\u4e00-\u9fff]{2,4}?)(区域|地区)")


def _find_division_areas(text: str, divisions: list[Mention]) -> list[Mention]:
    """X区域 / X地区 written right after a county or district's full name (石峰区金盆岭区域):
    a named area of that division (bare 地区/区域 names are too often generic to take alone)."""
    out = []
    for d in divisions:
        if d.division is None or d.written != d.division.name or d.level not in ("county", "district"):
            continue
        m = _AREA_AFTER_DIVISION.match(text, d.end)
        if m is None or _specific(m.group(1)) != m.group(1) or _stop_cuts(m.group(1)):
            continue
        if any(text.startswith(w, m.start(1)) for _e, (w, _v) in _automaton().iter(m.group(1))):
            continue
        out.append(Mention(d.start, m.end(), text[d.start:m.end()], m.group(0), "zone", "zone.division_area",
                           None, d.division.name, d.division, d.start))
    return out


def _choose(cands: Iterable[Mention]) -> list[Mention]:
    """Non-overlapping mentions, longest first, then leftmost."""
    chosen: list[Mention] = []
    taken: list[tuple[int, int]] = []
    ordered = sorted(cands, key=lambda m: (-(m.end - m.start), m.start))
    # characters covered by a chosen mention; empty spans (none seen) take the pairwise test
    covered = bytearray(max((m.end for m in ordered), default=0) + 1)
    empty: list[int] = []
    for m in ordered:
        if m.start < m.end:
            if covered.find(1, m.start, m.end) != -1 or any(m.start < a < m.end for a in empty):
                continue
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        else:
            if any(m.start < b and a < m.end for a, b in taken):
                continue
            empty.append(m.start)
        chosen.append(m)
        taken.append((m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


# two or more one-character province names make a region: 粤港澳, 京津冀, 湘赣
_REGION_ABBREV = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼港澳台]{2,4}")


# zone words whose qualifier is often a theme, not a place (轨道科技城, 湘江金属物流城): such a
# zone's qualifier does not make an industry park's name a place name
_THEME_WORDS = ("科技城", "科学城", "科教城", "科技园", "科创园", "创新园", "物流园", "物流城", "商贸城",
                "生态城", "大学城", "小镇", "产业基地", "示范园", "高科园")


def _drop_unplaced_parks(mentions: list[Mention], province: str | None) -> list[Mention]:
    """Industry parks (产业园, 技术园) count only when their name starts with a place: a division,
    a town (named in the document or in the park's name) or a zone stem named in the document,
    or 中国(…)."""
    places = set()
    for m in mentions:
        core = _clean(m.name)
        if m.level in ("town", "village"):
            places.add(re.sub(r"(?:街道|镇|乡|村|社区|苏木|嘎查)$", "", core))
        elif m.rule in ("zone.named", "listed") and not core.endswith(_NEEDS_PLACE + _THEME_WORDS):
            w = _ZONE_RE.search(core)
            places.add(core[: w.start()] if w and w.end() == len(core) else core)
    places = {p for p in places if len(p) >= 2}
    out = []
    for m in mentions:
        core = _clean(m.name)
        if m.rule == "zone.named" and core.endswith(_NEEDS_PLACE) and m.parent_division is None \
                and not core.startswith("中国(") and not any(core.startswith(p) for p in places) \
                and not _REGION_ABBREV.match(core) and not _starts_with_town(core, province):
            continue
        out.append(m)
    return out


def _starts_with_town(name: str, province: str | None) -> bool:
    """Whether a zone's name starts with a town (新桥镇产业园): the town places the park."""
    towns = _find_towns(name, province)
    return bool(towns) and towns[0].start == 0 and towns[0].level == "town" and towns[0].end + 2 <= len(name)


# zone words whose qualifiers are the zone's identity (two 示范区 of 长株潭 are two zones)
_DESIGNATION_WORDS = ("示范区", "试验区", "先行区", "示范园", "保护区", "城市群", "经济带", "自贸区",
                      "都市圈", "大湾区", "国家公园")


_WORD_CLASS = {"物流城": "物流园", "物流中心": "物流园"}


@lru_cache(maxsize=4096)
def _signature(name: str, province: str | None) -> tuple[str, str] | None:
    """(place part, zone word) of a zone name with generic words taken out anywhere:
    清水塘生态科技产业新城 and 清水塘产业生态新城 are both (清水塘, 新城)."""
    core = _clean(name)
    m = None
    for w in ZONE_WORDS:
        if core.endswith(w):
            m = w
            break
    if m is None or m in _DESIGNATION_WORDS or any(core.endswith(d) for d in _DESIGNATION_WORDS):
        return None
    rest = core[: -len(m)]
    for g in GENERIC:
        if len(g) >= 2:
            rest = rest.replace(g, "")
    pre = _division_prefix(rest, province)
    if pre and len(rest) - len(pre[0]) >= 2:
        rest = rest[len(pre[0]):]
    m = _WORD_CLASS.get(m, m)
    return (rest, m) if len(rest) >= 2 else None


def _merge_variants(mentions: list[Mention], province: str | None) -> list[Mention]:
    """Zones of one document written in several ways (清水塘示范片区 / 清水塘片区) are one zone,
    named by its most frequent form (then the shortest); the other forms become aliases."""
    groups: dict[tuple[str, str], Counter[str]] = {}
    for m in mentions:
        if m.level == "zone" and m.rule == "zone.named":
            sig = _signature(m.name, province)
            if sig:
                groups.setdefault(sig, Counter())[m.name] += 1
    canon = {}
    for forms in groups.values():
        best = max(forms, key=lambda n: (forms[n], -len(n)))
        for n in forms:
            canon[n] = best
    return [dataclasses.replace(m, name=canon[m.name]) if m.rule == "zone.named" and canon.get(m.name, m.name) != m.name
            else m for m in mentions]


def _split_known(mentions: list[Mention]) -> list[Mention]:
    """A zone written after a short division name whose rest is a zone this document also names
    alone is that zone (株洲长江经济带 → 长江经济带; 渌口南洲新区 → 南洲新区)."""
    alone = {m.name for m in mentions if m.rule == "zone.named" and m.parent_division is None}
    out = []
    for m in mentions:
        d = m.parent_division
        if m.rule == "zone.named" and d is not None and d.short and m.name.startswith(d.short) \
                and m.name[len(d.short):] in alone:
            m = dataclasses.replace(m, name=m.name[len(d.short):])
        out.append(m)
    return out


def _leftmost_longest(cands: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions scanning left to right, the longest at each start (湖南县域 is
    湖南 + 县域, 醴陵城区 is 醴陵 + 城区)."""
    out: list[Mention] = []
    last_end = -1
    for m in sorted(cands, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
    return out


def _doc_province(text: str, hint: str | None) -> str | None:
    if hint:
        d = gazetteer.lookup(hint)
        if d:
            return d.code[:2]
    counts: Counter[str] = Counter()
    for end_idx, (key, divs) in _division_keys(text):
        full = [d for d in divs if d.name == key and len(key) >= 3 and d.level in ("province", "city", "county", "district")]
        if len(full) == 1:
            counts[full[0].code[:2]] += 1
    return counts.most_common(1)[0][0] if counts else None


def find_places(text: str, home: str | None = None) -> list[Mention]:
    """Every place mention in normalised `text` (no overlaps), given the name of the division
    the document governs (株洲市; its province decides which short county names count)."""
    province = _doc_province(text, home)
    home_div = gazetteer.lookup(home) if home else None
    debris = _debris_mask(text)
    divisions = _leftmost_longest(_find_divisions(text, province, home_div))
    zones = _find_zones(text, province)
    towns = _find_towns(text, province)
    listed = _find_listed(text, province) + _find_counted_regions(text) + _find_division_areas(text, divisions) \
        + _find_county_groups(text) + _find_regions(text) + _find_hills(text, province)
    first = _choose([*zones, *towns, *listed, *divisions])
    first = _drop_unplaced_parks(first, province)
    stems = _find_stems(text, first, [(m.start, m.end) for m in first])
    chosen = _merge_variants(_split_known(_choose([*first, *stems])), province)
    out = []
    for m in chosen:
        if _in_spans(m.start, debris):
            continue
        out.append(m)
        # a division written in full before a zone or town is a mention of its own
        if m.parent_division is not None and m.parent_start is not None:
            key = m.parent_division.name if text.startswith(m.parent_division.name, m.parent_start) else None
            if key is None and m.parent_division.short and text.startswith(m.parent_division.short, m.parent_start):
                key = m.parent_division.short
            if key and (m.level in ("town", "village") or key == m.parent_division.name or m.rule == "listed"):
                d = m.parent_division
                out.append(Mention(m.parent_start, m.parent_start + len(key), key, d.name, d.level,
                                   "division.prefix", d))
        if m.rule == "zone.named":
            out.extend(_places_in_zone_name(text, m, province))
    seen: set[tuple[int, int]] = set()
    unique = []
    for m in sorted(out, key=lambda m: (m.start, m.end)):
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            unique.append(m)
    return unique


# a division written with its level word (大理州 of 大理白族自治州): a mention, where a bare short
# form inside a zone's name (岳麓高新区) is only part of the name
_LEVEL_WORD_END = ("州", "县", "旗")
_TOWN_WORDS = ("镇", "乡", "街道", "苏木")


def _places_in_zone_name(text: str, zone: Mention, province: str | None) -> list[Mention]:
    """The divisions and the town a zone's name starts with, each a mention of its own
    (X市Y区经济开发区 names Y区; X县Y镇产业园 and Y镇工业集中区 name Y镇): read left to right,
    each the parent of the next, up to the zone's own words."""
    out: list[Mention] = []
    pos, end = zone.start, zone.end
    while pos < end and text[pos] in " “”‘’\"'":
        pos += 1
    parent: Division | None = None
    parent_start: int | None = None
    while pos < end:
        pre = _division_prefix(text[pos:end], province)
        if pre is None:
            break
        key, div = pre
        if key == div.short and _old_county(text, pos + len(key), div) and pos + len(key) + 1 < end:
            key += "县"   # 桐城县经济开发区: a county-level city written as the county it was
        if key == div.name or (div.short and key == div.short + key[-1] and key[-1] in _LEVEL_WORD_END):
            out.append(Mention(pos, pos + len(key), key, div.name, div.level, "division.in_zone", div))
        parent, parent_start = div, pos
        pos += len(key)
    # a town (X镇, X苏木 …) right after, with something of the zone's name after it
    for t in _find_towns(text[pos:end], province):
        if t.start == 0 and t.level == "town" and t.parent is None and t.end + 2 <= end - pos:
            out.append(Mention(pos, pos + t.end, t.written, t.name, "town", "town.in_zone", None,
                               parent.name if parent else None, parent, parent_start))
        break
    return out


# ---------------------------------------------------------------------------- nodes and edges

@lru_cache(maxsize=4096)
def division_node(div: Division, *aliases: str) -> District:
    """The District node of a gazetteer division (id from name and code)."""
    parent = gazetteer.by_code(div.parent_code) if div.parent_code else None
    names = tuple(dict.fromkeys(a for a in (*gazetteer.short_forms(div), *aliases) if a and a != div.name))
    return District(id=node_id(Label.DISTRICT, div.name, div.code), name=div.name, aliases=names,
                    level=div.level, parent=parent.name if parent else None, code=div.code)


@lru_cache(maxsize=4096)
def place_node(name: str, level: str, parent: str | None, *aliases: str, scope: str | None = None) -> District:
    """The District node of a zone, town or village. Its id comes from the name and a scope
    (the city, or province, it lies in; default its parent), so 清水塘片区 written in a city
    plan and in a district plan of that city is one node, and two cities' 高新区 are two."""
    names = tuple(dict.fromkeys(a for a in aliases if a and match_key(a) != match_key(name)))
    return District(id=node_id(Label.DISTRICT, scope or parent or "", name), name=name, aliases=names,
                    level=level, parent=parent)


def _scope(div: Division | None) -> str | None:
    """The city (or, above it, the province) a division lies in."""
    if div is None:
        return None
    j = gazetteer.jurisdictions(div)
    return j.get("city") or j.get("province")


@lru_cache(maxsize=1)
def _gazetteer_rows() -> tuple[str, dict[str, tuple[int, int, str]]]:
    """The adcodes file's evidence name and each code's row span in it."""
    path = gazetteer._package_dir() / "resources" / "adcodes.csv"
    text = path.read_text(encoding="utf-8")
    rows: dict[str, tuple[int, int, str]] = {}
    pos = 0
    for line in text.splitlines(keepends=True):
        row = line.rstrip("\r\n")
        code = row.split(",", 1)[0][:6]
        if code.isdigit() and code not in rows:
            rows[code] = (pos, pos + len(row), row)
        pos += len(line)
    return gazetteer.adcodes_evidence_file(), rows


def _gazetteer_evidence(div: Division) -> Evidence | None:
    if div.ended:
        row = next((c for c in gazetteer.changes() if c.old.code == div.code), None)
        if row is None:
            return None
        return Evidence(gazetteer.CHANGES_EVIDENCE_FILE, row.start, row.end, row.row_text)
    file, rows = _gazetteer_rows()
    span = rows.get(div.code)
    if span is None:
        return None
    return Evidence(file, span[0], span[1], span[2])


class _Repeats:
    """The edges of one run of `extract` that repeat one already added (the same plan mentions
    the same place again): their evidence and rules are held and added to `out` once, at the
    end, in the order they came. Adding them one by one would copy the growing evidence tuple
    each time; the result is the same, as an edge's evidence and rules keep first-seen order
    and nothing reads the batch's edges while places are found. Only edges without properties
    are held (the key is then endpoints and type)."""

    def __init__(self) -> None:
        self.seen: set[tuple[str, str, EdgeType]] = set()
        self.held: dict[tuple[str, str, EdgeType], tuple[list[Evidence], list[str], str]] = {}

    def flush(self, out: BatchBuilder) -> None:
        for (source, target, type_), (evidence, rules, category) in self.held.items():
            out.edge(Edge.make(source, target, type_, evidence), rule=rules[0], category=category)
            for rule in rules[1:]:
                out.edge(Edge.make(source, target, type_, evidence[0]), rule=rule, category=category)
        self.held.clear()


def _edge(out: BatchBuilder, source: Node, target: Node, type_: EdgeType, ev: Evidence, *, rule: str,
          category: str, repeats: _Repeats | None = None, **props) -> None:
    """`out.link` for two nodes already in `out`, as they are there now or were before: merging
    such a node into `out` again changes nothing (merges only add), so only the edge is added."""
    if repeats is not None and not props:
        key = (source.id, target.id, type_)
        if key in repeats.seen:
            evidence, rules, _category = repeats.held.setdefault(key, ([], [], category))
            evidence.append(ev)
            if rule not in rules:
                rules.append(rule)
            return
        repeats.seen.add(key)
    out.edge(Edge.make(source.id, target.id, type_, ev, **props), rule=rule, category=category)


def _add_chain(div: Division, out: BatchBuilder, added: set[str] | None = None,
               repeats: _Repeats | None = None) -> District:
    """The division's node and PART_OF edges up to its province, with gazetteer evidence.
    `added`: codes whose chain is already in `out` (adding one again changes nothing)."""
    if added is not None:
        if div.code in added:
            node = out.get(division_node(div).id)
            if node is not None:
                return node
        added.add(div.code)
    node = out.node(division_node(div))
    child, child_div = node, div
    for parent in gazetteer.chain(div)[1:]:
        pnode = out.node(division_node(parent))
        ev = _gazetteer_evidence(child_div)
        if ev is not None:
            _edge(out, child, pnode, EdgeType.PART_OF, ev, rule="places.gazetteer_chain", category="districts",
                  repeats=repeats)
        child, child_div = pnode, parent
    return node


def _supersedes(div: Division, out: BatchBuilder, added: set[str] | None = None,
                repeats: _Repeats | None = None) -> None:
    for ch in gazetteer.changes():
        if ch.old.code != div.code and ch.new_code != div.code:
            continue
        new = gazetteer.by_code(ch.new_code)
        if new is None:
            continue
        older = out.node(division_node(ch.old))
        newer = _add_chain(new, out, added, repeats)
        ev = Evidence(gazetteer.CHANGES_EVIDENCE_FILE, ch.start, ch.end, ch.row_text)
        _edge(out, newer, older, EdgeType.SUPERSEDES, ev, rule="places.district_change",
              category="districts", year=ch.year)


def _home(juris: dict[str, str]) -> str | None:
    return juris.get("district") or juris.get("county") or juris.get("city") or juris.get("province")


def extract(doc: ParsedDoc, out: BatchBuilder) -> None:
    """Add District nodes for every place the document names, with MENTIONS/COVERS, PART_OF
    and SUPERSEDES edges."""
    if not doc.plans:
        return
    text = doc.norm.text
    # one parent for the zones of the whole file, so a zone named in two plans is one node
    doc_home = next((_home(p.jurisdictions) for p in doc.plans if _home(p.jurisdictions)), None)
    mentions = find_places(text, doc_home)
    home_div = gazetteer.lookup(doc_home) if doc_home else None
    doc_scope = _scope(home_div) or doc_home
    mentioned_codes = {m.division.code for m in mentions if m.division is not None}
    done_changes: set[str] = set()
    chains: set[str] = set()
    merged_plans: set[int] = set()   # id() of each plan node of doc.plans merged into `out` here
    repeats = _Repeats()
    for m in mentions:
        ev = doc.norm_evidence(m.start, m.end)
        span = doc.plan_at(ev.start)
        if span is None:
            continue
        home = _home(span.jurisdictions or {})
        if m.division is not None:
            _add_chain(m.division, out, chains, repeats)
            node = out.node(division_node(m.division, m.written))
            if m.division.code not in done_changes:
                done_changes.add(m.division.code)
                _supersedes(m.division, out, chains, repeats)
        else:
            parent = m.parent or doc_home
            aliases = [m.written] if _clean(m.written) != m.name else []
            scope = _scope(m.parent_division) or doc_scope
            node = out.node(place_node(m.name, m.level, parent, *aliases, scope=scope))
            _link_parent(node, m, parent, doc_home, doc_scope, ev, mentioned_codes, out, chains, repeats)
        etype = EdgeType.COVERS if node.name == home and m.division is not None else EdgeType.MENTIONS
        if id(span.plan) not in merged_plans:
            merged_plans.add(id(span.plan))
            out.node(span.plan)
        _edge(out, span.plan, node, etype, ev, rule=f"places.{m.rule}", category="districts", repeats=repeats)
    repeats.flush(out)


def _link_parent(node: District, m: Mention, parent: str | None, doc_home: str | None,
                 doc_scope: str | None, ev: Evidence, mentioned_codes: set[str], out: BatchBuilder,
                 chains: set[str] | None = None, repeats: _Repeats | None = None) -> None:
    """PART_OF from a zone or town to its parent, with the mention as evidence. A parent only
    implied by a short name inside the zone's name (岳麓 of 岳麓高新区) is linked only when the
    document names it as a place too: the short form there is part of a name, not a mention."""
    if not parent:
        return
    pdiv = m.parent_division
    if pdiv is None and parent == doc_home:
        pdiv = gazetteer.lookup(parent)
    if pdiv is not None:
        implied = m.parent_start is not None and not m.written.startswith(pdiv.name) \
            and m.level == "zone" and m.rule != "listed"
        if implied and pdiv.code not in mentioned_codes:
            return
        pnode = _add_chain(pdiv, out, chains, repeats)
    else:
        level = "town" if parent.endswith(_TOWN_WORDS) else "zone"
        pnode = out.node(place_node(parent, level, doc_home, scope=doc_scope))
    _edge(out, node, pnode, EdgeType.PART_OF, ev, rule=f"places.{m.rule}.parent", category="districts",
          repeats=repeats)
