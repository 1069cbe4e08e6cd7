"""The faster scans give exactly what the plain scans they replace give.

Each fast path (bare 文号 found from their bracketed year, division names found by a two-character
index, the compact view of the targets, the cached character fold) is checked against the plain
scan on short same-genre texts and on random mixes of the characters that make those scans hard.
"""
from __future__ import annotations

import random
import unicodedata

import pytest

from policygraph.ingest.extract import links, meta, places, targets

_DOCNUM_TEXTS = [
    "根据《某市实施方案》(某政发〔2021〕3号)和某政办函[2020]12号文件精神，制定本方案。",
    "某市人民政府办公室\n某政办发〔2022〕 11 号\n关于印发某方案的通知",
    "按照省委 〔2019〕第7号、省政府(2018)45号和 【2017】3号要求",
    "一二三四五六七八九十一二三四五〔2020〕1号",          # issuer longer than 12 characters
    "执行〔2020〕号 和 某发〔1899〕2号 以及 某发〔2020〕12345号",  # not 文号
    "",
]


def _spans(matches) -> list[tuple]:
    return [(m.start(), m.end(), m.groups()) for m in matches]


@pytest.mark.parametrize("text", _DOCNUM_TEXTS)
def test_bare_docnums_match_the_plain_docnum_scan(text):
    assert _spans(links._docnums(text)) == _spans(meta.DOCNUM.finditer(text))


def test_bare_docnums_match_the_plain_scan_on_random_mixes():
    rng = random.Random(7)
    cjk = list("某政办发函文号第年市")
    other = list(" \u3000\n〔〕[]［］()（）【】号,") + ["2014", "19", "20", "7", "12345", "第3"]
    for _ in range(3000):
        text = "".join("".join(rng.choice(cjk) for _ in range(rng.randint(0, 16))) if rng.random() < 0.5
                       else rng.choice(other) for _ in range(rng.randint(0, 12)))
        assert _spans(links._docnums(text)) == _spans(meta.DOCNUM.finditer(text)), text


@pytest.mark.parametrize("text", [
    "加快推进九江市濂溪区、柴桑区和江西省南昌市建设，支持湖口、彭泽发展。",
    "株洲市芦淞区白关镇与湘潭市、长沙县联动",
    "市", "",
])
def test_division_keys_match_the_automaton(text):
    assert list(places._division_keys(text)) == list(places._automaton().iter(text))


def test_division_keys_match_the_automaton_on_random_mixes():
    rng = random.Random(11)
    keys = sorted(places._division_table())
    for _ in range(500):
        text = "".join(rng.choice(keys) if rng.random() < 0.5 else rng.choice("的和市县区省在、，\n ")
                       for _ in range(rng.randint(0, 30)))[rng.randint(0, 3):]
        assert list(places._division_keys(text)) == list(places._automaton().iter(text)), text


def _plain_match_view(text: str) -> str:
    """match_view as a per-character loop (the code the folding table replaced)."""
    def fold(c: str) -> str:
        n = unicodedata.normalize("NFKC", c)
        return n if len(n) == 1 else c

    folded = "".join(fold(c) for c in text)
    conv = meta._t2s()(folded)
    if len(conv) == len(folded):
        return conv
    return "".join(c2 if len(c2 := meta._t2s()(c)) == 1 else c for c in folded)


@pytest.mark.parametrize("text", ["１２３ＡＢＣ，。", "發展規劃綱要（２０２１—２０２５年）", "㎡ ﬁ ① ⅷ 〇", ""])
def test_match_view_folds_each_character_as_the_plain_loop(text):
    assert meta.match_view(text) == _plain_match_view(text)


def _plain_compact(norm: str) -> tuple[str, tuple[int, ...]]:
    """targets' compact view as a per-character loop (the code the table replaced)."""
    convert = targets._t2s()
    chars, index, pos = [], [], 0
    for line in norm.splitlines(keepends=True):
        simp = convert(line)
        if len(simp) != len(line):
            simp = "".join(s if len(s := convert(c)) == 1 else c for c in line)
        for i, c in enumerate(simp):
            if c != "\n" and (c.isspace() or c in "\u200b\ufeff"):
                continue
            k = unicodedata.normalize("NFKC", c)
            chars.append(k if len(k) == 1 else c)
            index.append(pos + i)
        pos += len(line)
    index.append(len(norm))
    return "".join(chars), tuple(index)


@pytest.mark.parametrize("norm", [
    "到2025年，全市 新建\u200b5G基站1000个。\n二、主要目标\r\n",
    "發展目標：森林覆蓋率達到６５％\n\n",
    "\ufeff  \t\n\x0b\u2028㎡",
    "",
])
def test_compact_view_is_the_plain_loop(norm):
    view = targets._compact(norm)
    assert (view.text, view.to_norm) == _plain_compact(norm)


@pytest.mark.parametrize("text", ["推动长株潭三市融合，厦漳泉三地、长株潭两市长", "株洲三个市级", "长株潭三", ""])
def test_counted_regions_match_the_plain_scan(text):
    assert _spans(places._counted_regions(text)) == _spans(places._REGION_COUNTED.finditer(text))


def test_counted_regions_match_the_plain_scan_on_random_mixes():
    rng = random.Random(5)
    alpha = list("长株潭厦漳泉三两四个市地城州县区级委的和,、 \n")
    for _ in range(5000):
        text = "".join(rng.choice(alpha) for _ in range(rng.randint(0, 25)))
        assert _spans(places._counted_regions(text)) == _spans(places._REGION_COUNTED.finditer(text)), text


def test_characters_taken_as_stable_do_not_fold():
    for lo, hi in ((0x00, 0x7F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF)):
        assert all(meta._char_fold(chr(c)) == chr(c) for c in range(lo, hi + 1))


def test_fold_chars_is_the_per_character_fold_on_random_mixes():
    rng = random.Random(3)
    alpha = [chr(c) for c in (*range(0x20, 0x7F), *range(0x3000, 0x3040), *range(0xFF00, 0xFF70),
                              0x2460, 0x2167, 0x33A1, 0xFB01, 0x00A0, 0x2F00, 0xF900, 0x20000, 0x4E00)]
    for _ in range(300):
        text = "".join(rng.choice(alpha) for _ in range(rng.randint(0, 40)))
        assert meta.fold_chars(text) == "".join(meta._char_fold(c) for c in text)
