"""Agency names: where they are in a text, and which canonical Agency a name as written means.

Three small things over two sourced tables (`ingest/data/agency_abbreviations.csv`,
`ingest/data/agency_renames.csv`):

- `find_mentions(text)` — genre rules over normalised text (Simplified, half-width):
  a prefix (place name from the gazetteer, 省/市/区/县/州/旗/盟, 自治区/自治州/自治县/自治旗,
  中共…委, 国务院/国家/中国, 人民银行) + a core + an organ suffix (委员会 委 局 厅 办公室 办 部
  中心 支队 指挥部 领导小组 人民政府 行政公署 …), or a named body (…领导小组 / …指挥部 /
  …委员会) cut at the verb before it, or a bare organ of the table (人大, 政协, 党中央, 国务院),
  or a state utility (国网X供电公司, 县邮政分公司). Words that only look like names are refused by
  boundary rules (全市, 社区, 市场, 局长, 办法, 建立X中心, 红旗, 联盟 …), not by lists of this corpus.
  A place whose numeral the normalised text writes as a digit (三台县 → 3台县) is still read.
- `canonical_agency(mention, jurisdictions)` — 市环保局 in a 株洲 document → 株洲市环境保护局,
  aliases 市环保局 (as written, always kept), 株洲市环保局, 市环境保护局; 市委 → 中共株洲市委员会;
  区两型办 in a 石峰区 document → 株洲市石峰区两型社会建设办公室; 旗农牧局 in a banner's document
  and 自治区生态环境厅 in a region's resolve the same way; a name already holding its division
  is not prefixed again; 各县市区人民政府, 各苏木乡镇, 各开发区管委会, 各镇街 are collective Agencies
  named as written (各有关部门, 县直有关部门, bare 各乡镇 / 各市县 only where they own work).
  Two names joined by 和 stay two (X人民政府和Y管委会); a bureau's 分局 is one name with it.
  The id is made from the canonical name, so one agency named in two documents is one node.
- `successors(agency)` — the 机构改革 renames of the table (环境保护局 → 生态环境局 …), each
  with the row it came from, for SUPERSEDES edges whose evidence is that row.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policygraph.graph.model import Agency, Label, node_id

from .datatables import evidence_file, read_rows

__all__ = [
    "Mention",
    "Rename",
    "SharedTail",
    "ABBREVIATIONS_FILE",
    "RENAMES_FILE",
    "RENAMES_EVIDENCE_FILE",
    "canonical_agency",
    "clean_name",
    "find_collectives",
    "find_mentions",
    "is_agency_name",
    "is_generic",
    "place_name_at",
    "renames",
    "shared_tail_members",
    "successors",
]

DATA = Path(__file__).resolve().parent / "data"
ABBREVIATIONS_FILE = DATA / "agency_abbreviations.csv"
RENAMES_FILE = DATA / "agency_renames.csv"
RENAMES_EVIDENCE_FILE = evidence_file(RENAMES_FILE.name)  # "policygraph:data/agency_renames.csv"

_CJK = "\u4e00-\u9fff"
_YOUTH_LEAGUE = re.compile(r"(?:共青)?团(?P<lvl>自治区|自治州|自治县|自治旗|[省市县区旗盟])委")
# 旗 (banner) is a county of 内蒙古, 盟 (league) a prefecture: 旗农牧局, 盟行政公署
_LEVEL_CHARS = {"省": "province", "市": "city", "区": "district", "县": "county", "州": "city",
                "旗": "county", "盟": "city"}
# an autonomy word alone names the document's own autonomous division: 自治区生态环境厅 is the
# region's department (never a 区 + 生态环境厅), 自治州人民政府, 自治县交通运输局, 自治旗…
_AUTONOMY_LEVELS = {"自治区": "province", "自治州": "city", "自治县": "county", "自治旗": "county"}


# ---------------------------------------------------------------------------- tables

@dataclass(frozen=True, slots=True)
class _Abbrev:
    short: str
    full: str
    kind: str      # core / vertical / national
    level: str     # any / national / province / city
    source: str


@dataclass(frozen=True, slots=True)
class Rename:
    """One row of agency_renames.csv, with where the row sits in that file."""

    old: str
    new: str
    level: str     # national / province / city / county / local (city+county+district) / any
    year: int
    change: str
    source: str
    start: int     # character offsets of the row (without its newline) in the file
    end: int
    row_text: str


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[_Abbrev, ...]:
    rows = [_Abbrev(r.values["short"], r.values["full"], r.values["kind"], r.values["level"],
                    r.values["source"]) for r in read_rows(ABBREVIATIONS_FILE)]
    return tuple(sorted(rows, key=lambda a: len(a.short), reverse=True))


@lru_cache(maxsize=1)
def renames() -> tuple[Rename, ...]:
    """The rows of agency_renames.csv."""
    out = []
    for row in read_rows(RENAMES_FILE):
        r = row.values
        if r["old"] != r["new"]:
            out.append(Rename(r["old"], r["new"], r["level"], int(r["year"]), r["change"], r["source"],
                              row.start, row.end, row.text))
    return tuple(out)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[_Abbrev, ...]]:
    out: dict[str, list[_Abbrev]] = {}
    for a in _abbreviations():
        out.setdefault(a.short, []).append(a)
    return {k: tuple(v) for k, v in out.items()}


# ---------------------------------------------------------------------------- places

@lru_cache(maxsize=1)
def _place_names() -> tuple[frozenset[str], frozenset[str], int]:
    """(full names, short names, longest) of the gazetteer's divisions; empty without one."""
    try:
        from . import gazetteer

        divs = list(gazetteer.all_divisions())
    except Exception:  # pragma: no cover - the gazetteer package is missing
        return frozenset(), frozenset(), 0
    full = frozenset(d.name for d in divs if len(d.name) >= 2)
    # 峨边 and 峨边县, 鄂伦春 and 鄂伦春旗: an autonomous county or banner by its stem + 县/旗 too
    short = frozenset(f for d in divs for f in gazetteer.short_forms(d) if len(f) >= 2)
    longest = max((len(n) for n in full | short), default=0)
    return full, short, longest


@lru_cache(maxsize=1)
def _place_heads() -> frozenset[str]:
    full, short, _ = _place_names()
    return frozenset(n[:2] for n in full | short)


def _place_at(text: str, i: int) -> tuple[int, bool] | None:
    """(end, is_full_name) of the longest gazetteer name starting at text[i], or None."""
    if text[i:i + 2] not in _place_heads():
        return None
    full, short, longest = _place_names()
    for k in range(min(longest, len(text) - i), 1, -1):
        piece = text[i:i + k]
        if piece in full:
            return i + k, True
        if piece in short:
            return i + k, False
    return None


def place_name_at(text: str, i: int = 0) -> tuple[int, bool] | None:
    """(end, is_full_name) of the longest gazetteer place name starting at text[i], or None."""
    return _place_at(text, i) if i < len(text) else None


def _division(name: str, jurisdictions: Mapping[str, str]):
    try:
        from . import gazetteer
    except Exception:  # pragma: no cover
        return None
    within = next((jurisdictions.get(k) for k in ("district", "county", "city", "province")
                   if jurisdictions.get(k)), None)
    return gazetteer.lookup(name, within=within)


def _chain(div) -> list:
    from . import gazetteer

    return gazetteer.chain(div)


def _qualified_place(div) -> str:
    """株洲市 for a city, 株洲市石峰区 for a district or county, 湖南省 for a province."""
    from . import gazetteer

    if div.level in ("district", "county"):
        city = next((d for d in gazetteer.chain(div) if d.level == "city"), None)
        if city is not None and city.name != div.name:
            return city.name + div.name
    return div.name


# ---------------------------------------------------------------------------- text helpers

@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s").convert


def clean_name(name: str) -> str:
    """A name as written → Simplified, half-width, no spaces, no trailing 等 or punctuation."""
    s = unicodedata.normalize("NFKC", name)
    s = _t2s()(s)
    s = re.sub(r"\s+", "", s)
    s = s.strip("、,，;；:：。.()（）[]【】〔〕《》 ")
    if s.endswith("等") and len(s) > 2:
        s = s[:-1]
    return s


_GENERIC = re.compile(
    r"^(?:各|有关|相关|其他|其它|各有关|各相关|其他有关|市直其他)?"
    r"(?:部门|单位|机关|机构|方面|地区|地方|部门和单位|单位和部门|责任单位|成员单位|职能部门|企事业单位)$")
_NOT_GENERIC = re.compile(r"^各(?:有关|相关)(?:部门|单位)$")   # an owner where it owns work


def is_generic(name: str) -> bool:
    """各部门, 有关单位, 相关部门 …: words for "whoever it concerns", not agencies (各有关部门 and
    各相关单位 are the collective owners of a task where they own one)."""
    s = clean_name(name)
    return bool(_GENERIC.match(s)) and not _NOT_GENERIC.match(s)


_COLLECTIVE = re.compile(
    r"(?:^各|各(?:县|市|区|乡|镇|级|设区)|有关各|有关|相关|[省市区县旗盟]直|县市区|市州|市县|区县|旗县|盟市|"
    r"[二三四五六七八九十两0-9]+(?:个)?(?:市|县|区|州|省)(?:人民政府|政府|党委|委|$))")


def _is_collective(s: str) -> bool:
    return bool(_COLLECTIVE.search(s))


# ---------------------------------------------------------------------------- canonical names

def _table_expand(rest: str, level: str | None) -> str:
    """Expand a table abbreviation at the end of `rest` (环保局 → 环境保护局)."""
    if not rest:
        return rest
    lex = _lexicon()
    for a in _abbreviations():
        if a.kind != "core" or not rest.endswith(a.short) or rest.endswith(a.full):
            continue
        options = lex[a.short]
        pick = next((o for o in options if o.level == level), None) \
            or next((o for o in options if o.level == "any"), None) \
            or next((o for o in options if o.level == "city" and level in ("district", "county", None)), None)
        if pick is None:
            continue
        head, full = rest[: -len(a.short)], pick.full
        for k in range(len(full) - 1, 1, -1):   # 公安局 + 交警支队 → 公安局交通警察支队, not 公安局公安局…
            if head.endswith(full[:k]):
                full = full[k:]
                break
        return head + full
    return rest


def _expand(rest: str, level: str | None) -> str:
    """The full form of what follows the place: 政府法制办 → 人民政府法制办公室."""
    if rest.startswith("人民政府"):
        return "人民政府" + _expand(rest[4:], level)
    if rest.startswith("政府"):
        return "人民政府" + _expand(rest[2:], level)
    if rest.startswith("行署") and len(rest) > 2:    # 盟行署督查室 → 行政公署督查室
        return "行政公署" + _expand(rest[2:], level)
    if rest in ("", "人民政府"):
        return rest
    if rest == "办":                              # 市委办, 市政府办: the office
        return "办公室"
    out = _table_expand(rest, level)
    if out.endswith("委") and len(out) >= 3:      # 卫生健康委 → 卫生健康委员会
        out += "员会"
    return out


def _agency(name: str, aliases: list[str], level: str | None, jurisdiction: str | None,
            collective: bool = False) -> Agency:
    seen = [a for a in dict.fromkeys(aliases) if a and a != name]
    return Agency(id=node_id(Label.AGENCY, name), name=name, aliases=tuple(seen), level=level,
                  jurisdiction=jurisdiction, collective=collective)


def _deepest(jurisdictions: Mapping[str, str]) -> tuple[str | None, str | None]:
    for level in ("district", "county", "city", "province"):
        if jurisdictions.get(level):
            return level, jurisdictions[level]
    return None, None


def _qualify(level: str | None, place: str | None, jurisdictions: Mapping[str, str]) -> str:
    """The place prefix a level-prefixed name gets: 株洲市, 湖南省, 株洲市石峰区."""
    if not place:
        return ""
    if level in ("district", "county"):
        city = jurisdictions.get("city")
        if city and city != place:
            return city + place
    return place


def _level_prefix(s: str) -> str:
    """The level prefix `s` opens with (自治区, 旗, 市 …), or ""."""
    for word in _AUTONOMY_LEVELS:
        if s.startswith(word):
            return word
    return s[0] if s[:1] in _LEVEL_CHARS else ""


def _level_place(char: str, jurisdictions: Mapping[str, str], dept: bool = False) -> tuple[str, str | None]:
    """(level, the document's division of that level) for a level prefix; the division is None
    when the document has none of that kind (自治区… in a province, 旗… outside a banner).
    `dept`: the name is a department (…厅), which only a province-level body has, so 区X厅 in
    any paper of a region is the region's (区生态环境厅 in a 银川 paper)."""
    if char in _AUTONOMY_LEVELS or char in ("旗", "盟"):
        level = _AUTONOMY_LEVELS.get(char) or _LEVEL_CHARS[char]
        place = jurisdictions.get(level)
        return level, place if place and place.endswith(char) else None
    level = _LEVEL_CHARS[char]
    if (char == "区" and (not any(jurisdictions.get(k) for k in ("city", "district", "county")) or dept)
            and (jurisdictions.get("province") or "").endswith("自治区")):
        return "province", jurisdictions["province"]   # 区直 / 区党委 of a region's own paper
    place = jurisdictions.get(level)
    if place is None and level == "district":
        level, place = "county", jurisdictions.get("county")
    elif place is None and level == "county":
        level, place = "district", jurisdictions.get("district")
    return level, place


_PARTY = re.compile(rf"^中共(?P<place>[{_CJK}]{{1,12}}?(?:省|市|区|县|州))委(?:员会)?(?P<rest>.*)$")
_LEVEL_PARTY = re.compile(r"^(?P<lvl>自治区|自治州|自治县|自治旗|[省市区县州旗盟])党?委(?!员)(?P<rest>.*)$")


def canonical_agency(mention: str, jurisdictions: Mapping[str, str] | None = None) -> Agency:
    """The Agency a mention names, resolved against the document's jurisdiction.

    >>> canonical_agency("市环保局", {"province": "湖南省", "city": "株洲市"}).name
    '株洲市环境保护局'

    The name as written (and its Simplified form) is always among the aliases. A collective
    (县直有关部门, 各镇街) keeps its name as written, never prefixed with the jurisdiction; its id
    is still the jurisdiction's (two counties' 县直有关部门 are two nodes)."""
    agency = _canonical_agency(mention, jurisdictions)
    written = mention.strip()
    if agency.collective:
        s = clean_name(written) or agency.name
        if s.count("(") > s.count(")"):      # 各镇(街道): the bracket `clean_name` took off
            s += ")"
        aliases = tuple(dict.fromkeys([written, s]))
        return dataclasses.replace(agency, name=s, aliases=aliases)
    return agency


def _canonical_agency(mention: str, jurisdictions: Mapping[str, str] | None = None) -> Agency:
    """The Agency a mention names, resolved against the document's jurisdiction.

    >>> canonical_agency("市环保局", {"province": "湖南省", "city": "株洲市"}).name
    '株洲市环境保护局'

    The name as written (and its Simplified form) is always among the aliases."""
    jur = dict(jurisdictions or {})
    written = mention.strip()
    s = clean_name(written)
    if not s:
        s = written or "?"
    aliases = [written, s]
    lex = _lexicon()

    # a state utility under its group's name (国网甘肃省电力公司, 中国移动…分公司): as written
    if _COMPANY_HEAD.match(s) and _COMPANY_END.search(s):
        return _agency(s, aliases, None, None)

    # national organs named as such (党中央, 国务院) or with a national prefix
    if s in lex and lex[s][0].kind == "national":
        return _agency(lex[s][0].full, aliases, "national", None)
    for head in ("国务院", "中共中央", "党中央", "国家", "中国", "全国", "中央"):
        if s.startswith(head) and len(s) > len(head):
            return _agency(head + _expand(s[len(head):], "national"), aliases, "national", None)

    # the Youth League's committees: 团市委 → 共青团株洲市委员会
    m = _YOUTH_LEAGUE.fullmatch(s)
    if m:
        level, place = _level_place(m["lvl"], jur)
        name = f"共青团{_qualify(level, place, jur)}委员会" if place else f"共青团{m['lvl']}委员会"
        return _agency(name, aliases + ([f"共青团{place}委"] if place else []), level, place)

    # party committees: 中共株洲市委(宣传部), 市委(组织部)
    m = _PARTY.match(s)
    if m:
        div = _division(m["place"], jur)
        place = _qualified_place(div) if div else m["place"]
        rest = _expand(m["rest"], div.level if div else None)
        aliases += [f"{m['place']}委{m['rest']}", f"中共{m['place']}委{m['rest']}"]
        return _agency(f"中共{place}委员会{rest}", aliases, div.level if div else None,
                       div.name if div else m["place"])
    m = _LEVEL_PARTY.match(s)
    if m:
        level, place = _level_place(m["lvl"], jur)
        rest = _expand(m["rest"], level)
        if not place:
            return _agency(s, aliases, level, None)
        q = _qualify(level, place, jur)
        aliases += [f"{place}委{m['rest']}", f"中共{place}委{m['rest']}"]
        return _agency(f"中共{q}委员会{rest}", aliases, level, place)

    collective = _is_collective(s)

    # a place name first: 株洲市环保局, 石峰区政府, 湖南银监局, 长沙海关
    hit = _place_at(s, 0)
    if hit and not hit[1] and s[0] in _LEVEL_CHARS:
        hit = None          # 市中级人民法院 is 市 + 中级人民法院, not the 市中 district
    if hit and hit[0] < len(s):
        end, full = hit
        place_text, rest = s[:end], s[end:]
        vertical = any(rest.endswith(a.short) for a in _abbreviations() if a.kind == "vertical")
        div = _division(place_text, jur)
        inner = _place_at(rest, 0) if div is not None and full else None
        while inner and inner[1] and inner[0] < len(rest):   # 株洲市石峰区人民政府: the district
            sub = _division(rest[:inner[0]], {div.level: div.name})
            if sub is None or div.code not in {d.code for d in _chain(sub)}:
                break
            place_text, rest, div = place_text + rest[:inner[0]], rest[inner[0]:], sub
            inner = _place_at(rest, 0)
        if div is not None and full and re.match(r"委(?!员)", rest):    # 株洲市委(宣传部)
            aliases += [f"中共{div.name}{rest}"]
            return _agency(f"中共{_qualified_place(div)}委员会{_expand(rest[1:], div.level)}", aliases,
                           div.level, div.name)
        # a short form of the document's own division (峨边县住建局 in 峨边彝族自治县) is that division
        own = (div is not None and not full and not vertical and div.name in jur.values()
               and place_text != div.short)
        if div is not None and (full or own) and not vertical:
            name = _qualified_place(div) + _expand(rest, div.level)
            aliases.append(div.name + rest)
            return _agency(name, aliases, div.level, div.name, collective)
        level = div.level if div else None
        return _agency(place_text + _expand(rest, level), aliases, level, div.name if div else None, collective)

    # a level prefix: 市环保局, 省财政厅, 区两型办, 省直相关部门, 旗农牧局, 自治区生态环境厅
    prefix = _level_prefix(s)
    if prefix and len(s) > len(prefix):
        rest = s[len(prefix):]
        level, place = _level_place(prefix, jur, dept=rest.endswith("厅") and not rest.startswith("政府"))
        expanded = _expand(rest, level)
        aliases.append(prefix + expanded)
        if not place:
            return _agency(prefix + expanded, aliases, level, None, collective)
        aliases.append(place + rest)
        return _agency(_join(_qualify(level, place, jur), expanded), aliases, level, place, collective)

    # no prefix: 人大, 政务中心, 农村工作领导小组, 有关各市人民政府 — the document's own place
    level, place = _deepest(jur)
    expanded = _expand(s, level)
    if not place:
        return _agency(expanded, aliases, level, None, collective)
    return _agency(_join(_qualify(level, place, jur), expanded), aliases, level, place, collective)


def _join(place: str, name: str) -> str:
    """place + name, without writing twice what the name already opens with: a name cut inside
    its county (台县水污染防治工作领导小组 in 天台县) or written with it (天台县…) is not
    prefixed again. Only an overlap of two characters or more counts (市 + 市场… stays)."""
    for k in range(min(len(place), len(name) - 1), 1, -1):
        if place.endswith(name[:k]):
            return place + name[k:]
    return place + name


# ---------------------------------------------------------------------------- renames

_RENAME_LEVELS = {
    "national": ("national",),
    "province": ("province",),
    "city": ("city",),
    "county": ("county", "district"),
    "local": ("city", "county", "district"),
}


def _rename_for(name: str, level: str | None) -> Rename | None:
    best: Rename | None = None
    for r in renames():
        if not name.endswith(r.old) or name.endswith(r.new):
            continue
        if r.level == "any" or level in _RENAME_LEVELS.get(r.level, ()):
            # a level-specific row beats an "any" row; a longer old name beats a shorter one
            rank = (r.level != "any", len(r.old))
            if best is None or rank > (best.level != "any", len(best.old)):
                best = r
    return best


def successors(agency: Agency, *, depth: int = 3) -> list[tuple[Agency, Agency, Rename]]:
    """(newer, older, row) for each rename of the table that applies to `agency`, following a
    chain (卫生局 → 卫生和计划生育委员会 → 卫生健康委员会) up to `depth` steps."""
    out: list[tuple[Agency, Agency, Rename]] = []
    if agency.collective:
        return out
    current = agency
    for _ in range(depth):
        row = _rename_for(current.name, current.level)
        if row is None:
            break
        newer_name = current.name[: -len(row.old)] + row.new
        newer = _agency(newer_name, [], current.level, current.jurisdiction)
        out.append((newer, current, row))
        current = newer
    return out


# ---------------------------------------------------------------------------- recognising

_STOP_CHARS = set("的了是在对把将要由从向以等各所其并也都已被与及或之这该全每我级个些次、,;:。\"《》()")
_VERBS = re.compile(
    r"制定|制订|建设|推进|打造|实施|开展|加强|加快|推动|提升|建立|完善|支持|实现|落实|促进|"
    r"率先|坚持|探索|深化|培育|构建|形成|提高|引导|鼓励|争取|创建|组织|开发|保护|治理|服务于|"
    r"成立|设立|组建|发挥|健全|强化|优化|统筹|协调|负责|牵头|配合|参与|围绕|依托|利用|申报|"
    r"纳入|列入|提出|批准|同意|印发|转发|发布|评价|考核|监督|检查|规划建设")
# two characters that are a word, not a prefix + name: 全市, 社区, 城市 …
_NUMERALS = set("一二三四五六七八九十两几多0123456789")   # 八市, 两区: a set of places
_GLUED = {
    "市": set("全本各我该都超上门股楼城县省分跨同设区团") | _NUMERALS,
    "区": set("社城园景街新片辖山湖库矿牧灾老苏特本全各我该县市分校营厂小团治") | _NUMERALS,
    "县": set("全本各我该郡市区省团治") | _NUMERALS,
    "省": set("全本各我该外分跨兄团") | _NUMERALS,
    "州": set("全本各我该神治") | _NUMERALS,
    # 红旗, 国旗, 升旗 …; 左旗/前旗/联合旗 stay prefixes (阿左旗农牧局 → 旗农牧局)
    "旗": set("全本各我该红国党队团彩军锦战令会校升降挂插举护扛竖帅大小白黄蓝绿县市区盟治") | _NUMERALS,
    "盟": set("全本各我该联同加结会缔民") | _NUMERALS,
}
# what may not follow the prefix char (市场, 市级, 区域, 县城 …)
_NOT_AFTER_PREFIX = {
    "市": set("场级域内外里县州区属直辖"),
    "区": set("域级内外间块位县别划"),
    "县": set("域级城市区乡内里"),
    "省": set("级内外市部会份直际里"),
    "州": set("级域内"),
    "旗": set("帜舰下袍手号杆语鼓开胜级域内外里县市区"),
    "盟": set("友约主员国军誓级域内外里旗县"),
}
_ALLOWED_LEVEL_WORDS = ("城市", "市场", "都市", "城乡", "社区", "园区", "城区", "示范区", "片区", "新区",
                        "景区", "开发区", "高新区", "经开区", "保护区", "试验区", "自治州", "自治县")
# what may not follow a suffix (局长, 办法, 委员, 厅级 …)
_NOT_AFTER_SUFFIX = {
    "局": set("长面部势限"),
    "委": set("员托屈婉书常"),
    "办": set("法理事学好成结案实公"),
    "厅": set("长级局"),
    "部": set("长署门分位级队委"),
    "中心": set("城区镇"),
    "政府": set("性债采购投"),
    "人民政府": set("性债"),
    "支队": set("长"),
    "大队": set("长"),
    "组": set("长织员"),
    "领导组": set("长员"),
}
_PERSON_AFTER = ("书记", "局长", "主任", "厅长", "部长", "领导", "干部", "常委", "委员", "副")


@dataclass(frozen=True, slots=True)
class Mention:
    """An agency name found in a text: [start, end) into that text, and the name."""

    start: int
    end: int
    name: str
    rule: str


_INNER_ORGAN = re.compile(r"领导小组|指挥部|委员会|人民政府|政府")


# what a unit named …中心 does: 县环境监控中心, 市应急指挥中心, 区农业技术推广服务中心 (a
# place's 物流中心 / 商贸中心 is a hub it builds, no agency)
_CENTRE_WORK = ("监测", "监控", "检测", "检验", "服务", "指挥", "调度", "管理", "保障", "推广", "事务")

# 布局, 格局, 大局 …: a word ending in 局 that is no bureau
_NOT_BEFORE_JU = set("布格开结大全当时残变新定出僵败胜棋饭骗赌终")


def _core_ok(core: str, long_suffix: bool, places_allowed: bool = False) -> bool:
    for head in ("人民政府", "政府", "行政公署", "行署", "委"):   # 市政府经济金融办, 市委组织部, 盟行署督查室
        if core.startswith(head):
            core = core[len(head):]
            if core[:1] in ("和", "及", "与"):   # 大连市人民政府和X管委会: two names
                return False
            break
    # 全 stops 全市…, but 安全 is a word of organ names (安全生产监督管理局)
    if any(c in _STOP_CHARS for c in core.replace("安全", "")) or _INNER_ORGAN.search(core):
        return False
    scrubbed = core
    for w in _ALLOWED_LEVEL_WORDS:
        scrubbed = scrubbed.replace(w, "")
    if not places_allowed and any(c in "省市县" for c in scrubbed):
        return False
    if not long_suffix and len(core) > 2 and _VERBS.match(core):
        return False
    return True


def _suffix_ok(rest: str, text: str, end: int, prefix_kind: str) -> bool:
    """Is `rest` (the part after the prefix) an organ name ending at text[end]?"""
    nxt = text[end:end + 2]
    if any(nxt.startswith(p) for p in _PERSON_AFTER):
        return False
    lex = _lexicon()
    if prefix_kind == "level_table":
        if rest not in lex or lex[rest][0].kind != "core" or rest in ("政府", "财政"):
            return False
        prefix_kind = "level"
    if rest in lex and lex[rest][0].kind in ("core", "vertical"):
        tail = next((k for k in _NOT_AFTER_SUFFIX if rest.endswith(k)), None)
        return not (tail and nxt[:1] in _NOT_AFTER_SUFFIX[tail])
    for suffix, max_core, long_suffix in _SUFFIX_RULES:
        if not rest.endswith(suffix):
            continue
        core = rest[: -len(suffix)]
        if suffix in ("人民法院", "人民检察院"):           # 市中级人民法院, 区人民检察院
            return prefix_kind in ("level", "place") and core in ("", "中级", "高级")
        # a short place name takes a short core only (武汉东湖…), but a place's unit of a national
        # system is named so (武夷山国家公园管理局: not the national 国家公园管理局 inside it)
        if prefix_kind == "short_place" and (long_suffix or len(core) > 4) \
                and not (core.startswith("国家") and len(core) <= 10 and not long_suffix):
            return False
        if nxt[:1] in _NOT_AFTER_SUFFIX.get(suffix, ()) and not _place_at(text, end):
            return False            # 局长 / 办法 …, but 国家统计局长沙调查队 is 局 + 长沙
        if suffix == "局" and core[-1:] in _NOT_BEFORE_JU:
            return False
        if suffix == "局" and core == "分" and prefix_kind in ("place", "short_place"):
            return False            # 渝北区分局 alone: whose branch? (its head's: `_branch_after`)
        if prefix_kind == "national" and len(core) < 2 and suffix not in ("委员会", "领导小组"):
            return False
        if len(core) > max_core or not _core_ok(core, long_suffix, places_allowed=prefix_kind == "bank"):
            return False
        if suffix in ("人民政府", "政府", "行政公署"):
            return core == "" and prefix_kind in ("level", "place")
        if suffix == "委":
            return core == "" or (len(core) <= 5 and prefix_kind != "national")
        if suffix == "部":
            if prefix_kind == "national" and text[end - len(rest) - 2:end - len(rest)] == "中央":
                return 2 <= len(core) <= 4                    # 中央组织部, 中央宣传部
            return core.startswith("委") and len(core) >= 3   # 市委组织部, 省委宣传部
        if suffix == "中心":   # a table centre, or a service / monitoring unit (县环境监控中心)
            return any(rest.endswith(k) for k, v in lex.items() if k.endswith("中心")) \
                or (prefix_kind in ("level", "place") and len(core) >= 3 and core.endswith(_CENTRE_WORK))
        if suffix == "室":                                   # 市政府督查室, 市委政研室, 盟行署督查室
            return core.startswith(("政府", "人民政府", "行政公署", "行署", "委")) and len(core) >= 3
        if suffix == "组":
            return core.endswith(("督查", "巡视", "工作", "督导", "检查"))
        if suffix in ("海关",):
            return prefix_kind in ("place", "short_place")
        if suffix in ("支行", "分行"):
            return prefix_kind == "bank"
        return len(core) >= (0 if suffix in ("委员会", "指挥部", "领导小组") else 1)
    return False


# (suffix, longest core, may the core hold verbs) — longest suffix first
_SUFFIX_RULES = (
    ("领导小组办公室", 20, True), ("领导小组", 20, True), ("领导组办公室", 20, True), ("领导组", 20, True),
    ("常务委员会", 12, True),
    ("委员会", 16, True),
    ("指挥部", 16, True), ("管委会", 10, False), ("办事处", 10, False), ("人民政府", 0, False), ("办公室", 10, False), ("政府", 0, False),
    ("支队", 8, False), ("大队", 8, False), ("调查队", 12, False), ("海关", 0, False), ("支行", 12, False), ("分行", 12, False),
    ("中心", 10, False), ("委", 6, False), ("局", 10, False), ("厅", 10, False), ("办", 10, False),
    ("部", 8, False), ("组", 6, False), ("室", 8, False),
    ("人民法院", 2, False), ("人民检察院", 0, False), ("行政公署", 0, False),
)

@lru_cache(maxsize=1)
def _tail_chars() -> frozenset[str]:
    """Last characters an organ name can end with (suffixes and table names)."""
    return frozenset({s[-1] for s, _, _ in _SUFFIX_RULES} | {a.short[-1] for a in _abbreviations()})


_NATIONAL_HEADS = ("党中央", "中共中央", "国务院", "全国人大常委会", "全国人大", "全国政协", "中央军委",
                   "国家", "中国", "中央")
_BANK_HEADS = ("中国人民银行", "人民银行")


def _prefixes(text: str, i: int) -> list[tuple[int, str]]:
    """(end, kind) of each prefix that starts at text[i]."""
    out: list[tuple[int, str]] = []
    for head in _BANK_HEADS:
        if text.startswith(head, i):
            out.append((i + len(head), "bank"))
            break
    for head in _NATIONAL_HEADS:
        if text.startswith(head, i):
            out.append((i + len(head), "national"))
            break
    if text.startswith("中共", i):
        out.append((i + 2, "party"))
    hit = _place_at(text, i)
    if hit and text.startswith("会同", i) and i > 0 and text[i - 1] in "要应须需并将也还":
        hit = None          # 要会同县财政局: the verb 会同, not 会同县
    if hit and text.startswith("和县", i) and i > 0 and text[i - 1] in _tail_chars():
        hit = None          # 县委宣传部和县文旅局: the conjunction 和, not 和县
    if hit and (hit[1] or i == 0 or not re.match(rf"[{_CJK}]", text[i - 1]) or text[i - 1] in "在对由和与及向经为被将把"):
        out.append((hit[0], "place" if hit[1] else "short_place"))
    c = text[i]
    word = text[i:i + 3]
    if word in _AUTONOMY_LEVELS and text[i - 1:i] != "族":   # 自治区生态环境厅, not 回族自治区…
        nxt = text[i + 3:i + 4]
        out.append((i + 3, "level" if nxt not in _NOT_AFTER_PREFIX[word[-1]] else "level_table"))
    if c in _LEVEL_CHARS:
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if prev not in _GLUED[c] or text[max(0, i - 2):i] in ("会同", "协同", "连同"):   # 会同市财政局
            # 县城 is a word, but 县城管局 is 县 + 城管局: then only a table name may follow
            out.append((i + 1, "level" if nxt not in _NOT_AFTER_PREFIX[c] else "level_table"))
    return out


_CORE_RUN = re.compile(rf"[{_CJK}“”\"+0-9]{{1,22}}")


def _match_at(text: str, i: int) -> tuple[int, str] | None:
    """The longest agency name starting at text[i]: (end, rule)."""
    best: tuple[int, str] | None = None
    for p_end, kind in _prefixes(text, i):
        if kind == "party":
            inner = _match_at(text, p_end)
            # 中共株洲市委(宣传部) / 中共中央: a place and 委…, or 中央
            if inner is not None and "委" in text[p_end:inner[0]]:
                end = inner[0]
            elif text.startswith("中央", p_end):
                end = p_end + 2
            else:
                continue
            if best is None or end > best[0]:
                best = (end, "party")
            continue
        run = _CORE_RUN.match(text, p_end)
        limit = run.end() if run else p_end
        if kind == "national" and text[i:p_end] in ("党中央", "中共中央", "国务院", "全国人大", "全国政协",
                                                      "全国人大常委会", "中央军委"):
            if best is None or p_end > best[0]:
                best = (p_end, "national")
        tails = _tail_chars()
        for end in range(limit, p_end, -1):
            if text[end - 1] not in tails:
                continue
            rest = text[p_end:end]
            if "“" in rest or "”" in rest or '"' in rest or "+" in rest:
                continue
            if _suffix_ok(rest, text, end, kind) and not _second_name_after_he(text, p_end, end):
                if best is None or end > best[0]:
                    best = (end, kind)
                break
    return best


def _second_name_after_he(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is two names joined by 和: a whole name with a prefix of its own
    starts after a 和 inside it and ends at `end` (中央经济工作会议和中央财经委员会, 县委宣传部和
    县文旅局); 住房和城乡建设局 holds no such name after its 和."""
    k = text.find("和", start, end)
    while k != -1:
        hit = _match_at(text, k + 1)
        if hit is not None and hit[0] == end:
            return True
        k = text.find("和", k + 1, end)
    return False


_NAMED_BODY = re.compile(r"(?:领导小组办公室|领导小组|领导组办公室|领导组|领导协调委员会|工作委员会|管理委员会|管委会|指挥部)")
# a zone's board is named by the zone (沈抚示范区管委会); 园区管委会 / 工业园区管委会 alone is
# "the park's board", no name
_ZONE_WORD = re.compile(r"(?:示范区|开发区|高新区|经开区|产业园区|工业园区|园区|新区|试验区|合作区|自贸区|"
                        r"保税区|功能区|集聚区|产业园|工业园)$")
_GENERIC_ZONE_HEADS = ("工业", "产业", "经济", "经济技术", "高新技术", "高新", "科技", "物流", "现代", "综合")
_LEFT_STOP = re.compile(r"(?:发挥|成立|建立|组建|设立|健全|完善|调整|充分|强化|加强|通过|经过|按照|根据|"
                        r"关于|依托|报请|提请|报送|经|由|和|与|及|的|在|对|向|为|是|把|将|按|请|报|据|各|被|从|等)$")


def _place_across_break(text: str, k: int, j: int) -> int:
    """Where a body's name starts when a line break (text[k:j]) cuts the place opening it
    (天\n台县…领导小组: 天台县): the start of that place before the break, else `j`."""
    for s in range(max(0, k - 8), k):
        if not re.fullmatch(rf"[{_CJK}]+", text[s:k]):
            continue
        joined = text[s:k] + text[j:j + 12]
        hit = _place_at(joined, 0)
        if hit and hit[1] and hit[0] > k - s:
            return s
    return j


def _named_bodies(text: str) -> list[Mention]:
    """…领导小组 / …指挥部 / …委员会 without a prefix: cut on the left at punctuation or a verb."""
    out = []
    for m in _NAMED_BODY.finditer(text):
        end = m.end()
        if text[end:end + 2].startswith(("成员", "组长", "主任", "副")):
            continue
        j = m.start()
        while j > 0 and j > m.start() - 40:
            if text[j - 1] in "\n \t":
                # a title cut over lines: continue only inside an open 《
                k = j
                while k > 0 and text[k - 1] in "\n \t":
                    k -= 1
                before = text[max(0, k - 60):k]
                if k > 0 and before.rfind("《") > before.rfind("》") and re.match(rf"[{_CJK}”\"]", text[k - 1]):
                    j = k
                    continue
                j = _place_across_break(text, k, j)
                break
            if not re.match(rf"[{_CJK}“”\"]", text[j - 1]):
                break
            if _LEFT_STOP.search(text[max(0, j - 2):j]) and not text[j - 1] in "“\"" \
                    and text[j - 1:j + 1] != "经济":     # 经 (by way of) stops, 经济 does not
                break
            j -= 1
        core = re.sub(r"\s+", "", text[j:m.start()])
        if len(core.strip("“”\"")) < 2:
            continue
        if _is_collective(core) or core.startswith(("各", "全")):
            continue
        if m.group() == "管委会":
            zone = _ZONE_WORD.search(core)
            head = core[:zone.start()] if zone else core
            if zone is None or len(head) < 2 or head in _GENERIC_ZONE_HEADS:
                continue
        out.append(Mention(j, end, text[j:end], "named_body"))
    return out


@lru_cache(maxsize=1)
def _bare_words() -> dict[str, tuple[str, ...]]:
    """Table organs that may be named bare (人大, 政协, 疾控中心), by first character."""
    out: dict[str, list[str]] = {}
    for a in _abbreviations():
        if a.kind == "core" and (a.short in ("人大", "政协", "人大常委会") or a.short.endswith("中心")
                                 or _YOUTH_LEAGUE.fullmatch(a.short)) \
                or a.kind == "national" and len(a.short) >= 3:
            out.setdefault(a.short[0], []).append(a.short)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _bare_at(text: str, i: int) -> int | None:
    """End of a table organ named bare (人大, 政协, 政务中心) at text[i]."""
    for word in _bare_words().get(text[i], ()):
        if not text.startswith(word, i):
            continue
        end = i + len(word)
        tail = next((k for k in _NOT_AFTER_SUFFIX if word.endswith(k)), None)
        if tail and text[end:end + 1] in _NOT_AFTER_SUFFIX[tail]:
            return None
        if text[i - 1:i] in ("级", "性", "型", "的", "个", "大", "小"):
            return None
        return end
    return None


# State-owned utilities that own work in the genre's lists of units: the grid (国网甘肃省电力公司,
# 国网X供电公司, 县供电公司), post, carriers, tower, gas and water. Found by a utility word
# before 公司; the name starts at a group head (国网, 中国移动 …), else at the place or level
# prefix right before it (三台县供电公司, 县邮政分公司). Whether one is an agency of the
# document depends on where it stands (see extract/agencies.py): not every company named is.
_COMPANY_HEAD = re.compile(r"国网|国家电网|(?:中国)?南方电网|中国移动|中国电信|中国联通|中国联合网络通信|中国铁塔|"
                           r"中国邮政|中国广电|中国石油|中国石化|中石油|中石化")
_COMPANY_END = re.compile(r"(?:分公司|有限责任公司|有限公司|公司|供电局)$")
_UTILITY = re.compile(rf"(?:电力|供电|电网|邮政|移动|电信|联通|铁塔|广电|燃气|供水|自来水|石油|石化)"
                      rf"[{_CJK}]{{0,8}}?(?:分公司|有限责任公司|有限公司|公司)"
                      rf"(?:[{_CJK}]{{1,10}}?(?:分公司|供电公司|电力公司|供电局))?")
_NOT_IN_COMPANY = set("的了是在对把将要由从向以等各所其并也都已被与及或之这该全每我和")


def _company_start(text: str, m: re.Match) -> int | None:
    """Where the company name whose utility word is `m` starts, or None (no head, no place)."""
    lo = max(0, m.start() - 14)
    for s in range(lo, m.start() + 1):          # a group head, leftmost first
        between = text[s:m.start()]
        if _COMPANY_HEAD.match(text, s) and re.fullmatch(rf"[{_CJK}]*", between) \
                and not any(c in _NOT_IN_COMPANY for c in between):
            return s
    start = None
    pos = m.start()
    while True:                                  # places right before it (绵阳市三台县), then 县/市 …
        for k in range(min(8, pos - lo), 1, -1):
            hit = _place_at(text, pos - k)
            if hit and hit[0] == pos:
                start = pos = pos - k
                break
        else:
            break
    if start is None and pos > 0 and text[pos - 1] in _LEVEL_CHARS and text[pos - 2:pos - 1] not in _GLUED[text[pos - 1]]:
        start = pos - 1
    return start


def _companies(text: str) -> list[Mention]:
    out = []
    for m in _UTILITY.finditer(text):
        start = _company_start(text, m)
        if start is not None and not any(c in _NOT_IN_COMPANY for c in text[m.start():m.end()]):
            out.append(Mention(start, m.end(), text[start:m.end()], "company"))
    return out


def _branch_after(text: str, end: int) -> int:
    """End of a bureau's branch written right after it (市规划自然资源局 + 渝北区分局: one name),
    else `end`."""
    if text[end - 1:end] not in ("局", "厅"):
        return end
    hit = _place_at(text, end)
    if hit and text.startswith("分局", hit[0]):
        return hit[0] + 2
    return end


def find_mentions(text: str) -> list[Mention]:
    """Agency names in `text` (normalised: Simplified, half-width), left to right, not overlapping.
    Whole documents and short clauses are cached apart, so clauses never push a document out and
    at most a few documents stay in memory."""
    return list(_mentions_long(text) if len(text) > 2000 else _mentions_short(text))


def _find_mentions(text: str) -> tuple[Mention, ...]:
    out: list[Mention] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if not ("\u4e00" <= c <= "\u9fff"):
            i += 1
            continue
        hit = _match_at(text, i)
        if hit:
            end, rule = hit
            end = _branch_after(text, end)
            out.append(Mention(i, end, text[i:end], rule))
            i = end
            continue
        bare = _bare_at(text, i)
        if bare:
            out.append(Mention(i, bare, text[i:bare], "bare"))
            i = bare
            continue
        i += 1
    for body in _named_bodies(text) + _companies(text):
        # a named body may swallow a prefixed match that ends inside it (株洲市推动…领导小组)
        out = [m for m in out if not (body.start <= m.start and m.end <= body.end)]
        if not any(m.start < body.end and body.start < m.end for m in out):
            out.append(body)
    return tuple(sorted(out, key=lambda m: m.start))


_mentions_long = lru_cache(maxsize=4)(_find_mentions)
_mentions_short = lru_cache(maxsize=4096)(_find_mentions)


# 各县(市、区), 各镇(街道), 各市(地) and 各区县(自治县) of the provinces that write them so
_ASIDE = r"(?:\((?:市|区|县|街道|镇|乡镇|旗|地|地区|自治县)(?:、(?:市|区|县|旗|自治县))*\))?"
# development zones: 各开发区管委会, 各园区管委会, 各开发区、园区管委会
_ZONE = r"(?:国家级|省级)?(?:经济技术开发区|高新技术产业开发区|产业集聚区|工业集中区|工业园区|产业园区|开发区|园区|经开区|高新区|功能区)"
_COLLECTIVE_GOVERNMENTS = (
    r"(?:各|有关各?|相关)(?:设区的?市|县市区|县市|市县|市州|区县|县区|旗县市区|旗县区|旗县市|旗县|旗市区|旗区|"
    r"盟市|地州市|地州|地市|州市|苏木乡镇|苏木镇|县|市|区|旗|州|盟|乡镇|镇|乡|苏木|街道)" + _ASIDE
    + r"(?:[、,]?(?:县|市|区|旗|州|盟|乡镇|苏木|街道)" + _ASIDE + r")*(?:党委和|党委、)?(?:人民政府|政府|党委|办事处)"
    r"|(?:各|有关各?)(?:乡镇|镇)\(街道\)|(?:各|有关各?)街道\((?:乡镇|镇)\)"
    # the townships of a banner (苏木 = 乡), named bare: 各苏木乡镇, 相关苏木(乡镇)
    r"|(?:各|有关各?|相关)苏木(?:乡镇|镇|\(乡镇\)|\(镇\))(?:\(街道\))?"
    r"|(?:各|有关各?|相关)" + _ZONE + r"(?:[、和]" + _ZONE + r")*(?:党工委和|党工委、)?(?:管委会|管理委员会)"
    # the towns and subdistricts together (镇街 = 镇、街道): 各镇街, 各相关镇街
    r"|(?:各|有关各?|相关)(?:相关|有关)?镇街(?!道)")
_GOVERNMENTS = re.compile(_COLLECTIVE_GOVERNMENTS)
# "every unit it concerns" and the units of a level (省直有关部门, 县直相关单位, 市直各部门): an
# owner where it owns work (县直有关部门负责 …, 责任单位:…、各相关单位), a word in passing
# elsewhere (纳入各有关部门考核, 市直部门要加强配合); kept as written
_OWNER_WORDS = (r"各(?:有关|相关)(?:部门|单位)|(?<![城社园])[省市区县旗盟]直(?:各|有关|相关)?(?:部门|单位)"
                # the towns and subdistricts named bare: 各乡镇, 各镇、街道, 各乡镇街道
                r"|各(?:乡镇|镇|乡|街道)(?:、?(?:街道|乡镇|镇))?(?!\()"
                # the governments below named bare: 各市县负责落实, 各县(市、区)配合
                r"|(?:各|有关各?)(?:设区的?市|县市区|县市|市县|市州|区县|县区|旗县市区|旗县区|旗县|盟市|地州市|地市|"
                r"县|市|区|旗|州|盟)" + _ASIDE + r"(?:[、,]?(?:县|市|区|旗|州|盟)" + _ASIDE + r")*")
_OWNER_COLLECTIVE = re.compile(_OWNER_WORDS + r"(?![和及与、]?(?:部门|单位))")
# in a responsibility list these count as units too
COLLECTIVE_NAME = re.compile(_COLLECTIVE_GOVERNMENTS + "|" + _OWNER_WORDS)


def find_collectives(text: str) -> list[Mention]:
    """Collective governments named in `text`: 各县(区)人民政府, 有关各市人民政府, 各镇(街道),
    各镇街, 县直有关部门; and 各有关部门 / 各相关单位 (rule "collective_owner": an agency only
    where it owns work, see extract/agencies.py)."""
    out = [Mention(m.start(), m.end(), m.group(), "collective") for m in _GOVERNMENTS.finditer(text)]
    taken = [(m.start, m.end) for m in out]
    out += [Mention(m.start(), m.end(), m.group(), "collective_owner") for m in _OWNER_COLLECTIVE.finditer(text)
            if not any(s <= m.start() < e for s, e in taken)]
    return sorted(out, key=lambda m: m.start)


@dataclass(frozen=True, slots=True)
class SharedTail:
    """A place of a list sharing the organ written after the last one: 鞍山、本溪、营口市政府 →
    鞍山 at [start, end) names 鞍山市政府 (`name`)."""

    start: int
    end: int
    name: str


def shared_tail_members(text: str, mentions: list[Mention] | None = None) -> list[SharedTail]:
    """The places listed with 、 before a place-prefixed name that share its level and organ
    (鞍山、本溪、营口、丹东市政府 → 鞍山市政府, 本溪市政府, 营口市政府; 丹东市政府 is a mention
    of its own). A member must be a short form whose full name is the short + the level
    character (鞍山 + 市)."""
    full_names, _, _ = _place_names()
    out: list[SharedTail] = []
    for m in find_mentions(text) if mentions is None else mentions:
        if m.rule != "place" or text[m.start - 1:m.start] != "、":
            continue
        hit = _place_at(text, m.start)
        if not hit or not hit[1]:
            continue
        place = text[m.start:hit[0]]
        level = place[-1]
        if level not in "市县区" or len(place) < 3:
            continue
        tail = text[m.start + len(place) - 1:m.end]    # 市政府, 县人民政府, 区生态环境局
        j = m.start - 1
        members = []
        while text[j:j + 1] == "、":
            for k in range(2, 8):
                piece = text[j - k:j]
                if piece + level in full_names and _place_at(piece, 0) == (k, False):
                    members.append(SharedTail(j - k, j, piece + tail))
                    j -= k + 1
                    break
            else:
                break
        out.extend(reversed(members))
    return out


def is_agency_name(name: str) -> bool:
    """Does this whole string read as one agency name?"""
    s = clean_name(name)
    if not s:
        return False
    found = find_mentions(s)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(s)
