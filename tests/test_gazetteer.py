"""The administrative-division gazetteer: names, short names, duplicates, ancestry, changes."""
from __future__ import annotations

import time

import pytest

from policygraph.ingest import gazetteer
from policygraph.ingest.gazetteer import CHANGES_FILE, chain, jurisdictions, lookup, short_name


@pytest.mark.parametrize(
    ("name", "code", "level"),
    [
        ("株洲市", "430200", "city"),
        ("株洲", "430200", "city"),
        ("醴陵市", "430281", "county"),
        ("醴陵", "430281", "county"),
        ("茶陵", "430224", "county"),
        ("石峰区", "430204", "district"),
        ("石峰", "430204", "district"),
        ("攸县", "430223", "county"),
        ("湖南省", "430000", "province"),
        ("湖南", "430000", "province"),
        ("渌口区", "430212", "district"),
    ],
)
def test_lookup_full_and_short_names(name, code, level):
    d = lookup(name)
    assert d is not None and d.code == code and d.level == level


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("株洲市", "株洲"), ("醴陵市", "醴陵"), ("茶陵县", "茶陵"), ("石峰区", "石峰"),
        ("攸县", None),                        # one character would be left
        ("城区", None),
        ("湘西土家族苗族自治州", "湘西"),        # ethnic names go with the autonomy word
        ("城步苗族自治县", "城步"),
        ("广西壮族自治区", "广西"),
        ("中村瑶族乡", "中村"),
        ("浦东新区", "浦东"),
        ("新疆维吾尔自治区", "新疆"),           # autonomy names write the group without 族
        ("伊犁哈萨克自治州", "伊犁"),
        ("内蒙古自治区", "内蒙古"),             # 蒙古 is not stripped: one character would be left
    ],
)
def test_short_name_strips_status_and_ethnic_words(name, short):
    assert short_name(name) == short


def test_full_name_beats_short_name_and_city_beats_county():
    assert lookup("长沙县").code == "430121"
    assert lookup("长沙市").code == "430100"
    assert lookup("长沙").code == "430100"


@pytest.mark.parametrize(
    ("within", "code"),
    [("福州市", "350102"), ("南京市", "320106"), ("徐州市", "320302"), ("开封市", "410204")],
)
def test_duplicate_names_are_disambiguated_by_within(within, code):
    assert lookup("鼓楼区", within=within).code == code


def test_duplicate_name_without_a_deciding_within_is_none():
    assert lookup("鼓楼区") is None
    assert lookup("鼓楼区", within="江苏省") is None   # 南京 and 徐州 both have one


def test_within_accepts_a_division():
    assert lookup("朝阳区", within=lookup("北京市")).code == "110105"
    assert lookup("朝阳区", within=lookup("长春市")).code == "220104"


def test_chain_goes_up_to_the_province():
    assert [d.name for d in chain(lookup("石峰区"))] == ["石峰区", "株洲市", "湖南省"]
    assert [d.name for d in chain(lookup("湖南省"))] == ["湖南省"]


def test_jurisdictions_by_level():
    assert jurisdictions(lookup("石峰区")) == {"province": "湖南省", "city": "株洲市", "district": "石峰区"}
    assert jurisdictions(lookup("茶陵县")) == {"province": "湖南省", "city": "株洲市", "county": "茶陵县"}
    # a 直辖市 governs at both levels, so 市X局 in a 北京 district plan resolves to 北京市
    assert jurisdictions(lookup("东城区")) == {"province": "北京市", "city": "北京市", "district": "东城区"}


def test_traditional_names_are_found():
    assert lookup("株洲縣").code == "430221"
    assert lookup("長沙").code == "430100"


def test_ended_division_comes_from_the_changes_table():
    d = lookup("株洲县")
    assert d.code == "430221" and d.ended == 2018 and d.parent_code == "430200"
    row = next(c for c in gazetteer.changes() if c.old.name == "株洲县")
    assert row.new_name == "渌口区" and row.year == 2018
    text = CHANGES_FILE.read_text(encoding="utf-8")
    assert text[row.start:row.end] == row.row_text and row.row_text.startswith("株洲县,")
    assert row.source


def test_every_change_row_has_a_source_and_a_current_successor():
    for c in gazetteer.changes():
        assert c.source.strip()
        assert gazetteer.by_code(c.new_code) is not None and gazetteer.by_code(c.new_code).name == c.new_name


def test_unknown_name_is_none():
    assert lookup("清水塘") is None
    assert lookup("") is None


def test_loads_fast():
    gazetteer._index.cache_clear()
    t = time.perf_counter()
    gazetteer._index()
    assert time.perf_counter() - t < 0.5   # < 0.1 s on a dev machine; loose for slow CI


@pytest.mark.parametrize(("written", "name"), [
    ("楚雄州", "楚雄彝族自治州"),
    ("黔东南州", "黔东南苗族侗族自治州"),
    ("恩施州", "恩施土家族苗族自治州"),
])
def test_autonomous_prefecture_short_form_with_zhou(written, name):
    found = lookup(written)
    assert found is not None and found.name == name


def test_a_division_the_package_lacks_comes_from_the_sourced_supplement():
    from policygraph.ingest.gazetteer import MISSING_FILE
    from policygraph.ingest.datatables import read_rows

    rows = list(read_rows(MISSING_FILE))
    assert rows and all(r.values["source"].strip() for r in rows)
    for r in rows:
        div = gazetteer.lookup(r.values["name"])
        assert div is not None and div.code == r.values["code"]
    yubei = gazetteer.lookup("渝北区")
    assert [d.name for d in gazetteer.chain(yubei)] == ["渝北区", "重庆市"]
