"""Romanised (toneless Hanyu Pinyin) names of the county-level divisions for
``src/xinzhi/reference/data/admin_divisions/region_names_pinyin.csv``.

The province and prefecture rows of that file came with their pinyin (see ``SOURCES.md``); this
script appends one ``county`` row per county-level unit of ``areas.csv`` (as
:func:`xinzhi.reference.divisions.regions` makes them) that has no row yet. Existing rows are kept
byte for byte; county rows written earlier are replaced, so the script can be run again.

Conventions (those of the existing prefecture rows, written down in ``SOURCES.md``):

* one word, first letter capitalised, no tones; ``ü`` kept (吕梁 → Lüliang);
* the generic suffix is dropped: 翠屏区 → Cuiping, 渠县 → Qu*xian* only when the specific part is
  a single syllable (渠县 → Quxian, 城区 → Chengqu, 芒市 → Mangshi); 自治县 / 自治旗 are dropped and
  the ethnic names kept in the word, as in the existing 白沙黎族自治县 → Baishalizu;
* minority-language place names stay Hanyu Pinyin of the Chinese name (乌鲁木齐县 → Wulumuqi, as
  the existing 乌鲁木齐市 → Wulumuqi);
* an apostrophe before a syllable starting with a, o or e inside the word (长安区 → Chang'an);
* statistical pseudo-units that are not GB/T 2260 units (development zones, 管理区 …) keep their
  generic part, written as separate capitalised words after the specific part
  (河北唐山芦台经济开发区 → Hebei Tangshan Lutai Jingji Kaifaqu).

pypinyin's own dictionary reads most polyphonic characters in place names right, but not all
(筠连 comes out as Yunlian, 郫都 as Pidou). ``PLACE_READINGS`` below lists the readings decided for
every place-name fragment where the default was wrong or worth pinning; ``--review`` prints every
occurrence of a polyphonic character (a character pypinyin knows more than one reading of) with
the reading used, for checking by hand.

Usage (needs the ``dev`` extra, which carries pypinyin)::

    python scripts/romanise_divisions.py            # rewrite the county rows of the CSV
    python scripts/romanise_divisions.py --review   # list polyphonic characters and readings
    python scripts/romanise_divisions.py --check    # exit 1 if the CSV is not up to date
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import defaultdict
from pathlib import Path

from pypinyin import Style, lazy_pinyin, pinyin

from xinzhi.reference.divisions import regions

CSV = (Path(__file__).resolve().parents[1] / "src" / "xinzhi" / "reference" / "data" / "admin_divisions"
       / "region_names_pinyin.csv")

# Readings of place-name fragments, decided by hand (toneless syllables separated by spaces).
# Each entry either corrects pypinyin's default for a polyphonic character in a place name or
# pins a reading that the default gets right only by chance (by a phrase it happens to know).
# Sources: the official romanisations (government sites, 地名 standard GB/T 17693 / 《中国地名
# 录》 readings) as found on public pages; 《现代汉语词典》 place-name readings (地名用字).
PLACE_READINGS: dict[str, str] = {
    # Sichuan
    "筠连": "jun lian",  # 筠连县 Junlian (default yun)
    "荥经": "ying jing",  # 荥经县 Yingjing (default xing)
    "郫都": "pi du",  # 郫都区 Pidu (default dou)
    "犍为": "qian wei",  # 犍为县 Qianwei (default right, pinned)
    "阆中": "lang zhong",  # 阆中市 Langzhong (pinned)
    "会理": "hui li",  # 会理市 Huili (pinned; 会 also reads kuai)
    "会东": "hui dong",  # 会东县 Huidong (pinned)
    "什邡": "shi fang",  # 什邡市 Shifang (default shen)
    # other provinces
    "六合": "lu he",  # 南京 六合区 Luhe (default liu)
    "六安": "lu an",  # 六安 Lu'an (a prefecture; for pseudo-units and the tests)
    "乐亭": "lao ting",  # 乐亭县 Laoting (pinned)
    "乐清": "yue qing",  # 乐清市 Yueqing (pinned)
    "长子": "zhang zi",  # 长子县 Zhangzi: the one 长 read zhang (see CHAR_READINGS)
    "涡阳": "guo yang",  # 涡阳县 Guoyang (default wo)
    "单县": "shan xian",  # 单县 Shanxian (default dan)
    "莘县": "shen xian",  # 莘县 Shenxian (pinned)
    "浚县": "xun xian",  # 浚县 Xunxian (default jun)
    "洪洞": "hong tong",  # 洪洞县 Hongtong (default dong)
    "荥阳": "xing yang",  # 荥阳市 Xingyang (pinned: not ying as in 荥经)
    "繁峙": "fan shi",  # 繁峙县 Fanshi (default zhi)
    "泊头": "bo tou",  # 泊头市 Botou (default po)
    "蚌山": "beng shan",  # 蚌埠 蚌山区 Bengshan (default bang)
    "蚌埠": "beng bu",  # 蚌埠 Bengbu (pinned)
    "漯河": "luo he",  # 漯河 Luohe (default ta)
    "曾都": "zeng du",  # 曾都区 Zengdu (default ceng)
    "闵行": "min hang",  # 闵行区 Minhang (default xing)
    "马尾": "ma wei",  # 马尾区 Mawei (default yi)
    "珲春": "hun chun",  # 珲春市 Hunchun (default hui)
    "崆峒": "kong tong",  # 崆峒区 Kongtong (default dong)
    "宕昌": "tan chang",  # 宕昌县 Tanchang (default dang)
    "红寺堡": "hong si bu",  # 红寺堡区 Hongsibu (default bao)
    "吴堡": "wu bu",  # 吴堡县 Wubu (pinned)
    "伽师": "jia shi",  # 伽师县 Jiashi (default ga)
    "浪卡子": "lang ka zi",  # 浪卡子县 Langkazi (default qia)
    "番禺": "pan yu",  # 番禺区 Panyu (pinned)
    "铅山": "yan shan",  # 铅山县 Yanshan (pinned)
    "黄陂": "huang pi",  # 黄陂区 Huangpi (pinned)
    "大埔": "da bu",  # 大埔县 Dabu (pinned; 黄埔 is Huangpu)
    "东阿": "dong e",  # 东阿县 Dong'e (pinned)
    "蔚县": "yu xian",  # 蔚县 Yuxian (pinned)
    "尉犁": "yu li",  # 尉犁县 Yuli (pinned)
    "乐山": "le shan",  # 乐山 Leshan (pinned)
}

# Characters whose place-name reading is the same wherever they occur in a county name (pypinyin's
# default is wrong in some or all of them); a phrase above wins over these.
CHAR_READINGS: dict[str, str] = {
    "长": "chang",  # 长宁 长丰 天长 长垣 子长 … (default often zhang); 长子 above
    "都": "du",  # 新都 郫都 宁都 丰都 都匀 … (default dou)
    "朝": "chao",  # 朝阳 Chaoyang (default zhao)
    "乐": "le",  # 南乐 民乐 (default yue); 乐清 乐亭 above
    "什": "shi",  # 克什克腾 康巴什 乌什 阿图什 塔什库尔干 (default shen)
    "勒": "le",  # 霍林郭勒 库尔勒 策勒 尼勒克 阿勒泰 (default lei)
    "柏": "bai",  # 万柏林 Wanbailin (default bo)
    "棱": "ling",  # 穆棱 绥棱 丹棱 (default leng)
    "佛": "fo",  # 佛冈 佛坪 (default fu)
    "圩": "xu",  # 龙圩 回龙圩 (default wei)
    "卡": "ka",  # 墨竹工卡 卡若 浪卡子 (default qia in one)
}

# Full names that are not "specific part + one administrative suffix" (pseudo-units).
FULL_NAMES: dict[str, str] = {
    "保定白沟新城": "Baoding Baigou Xincheng",
    "乌拉盖管理区管委会": "Wulagai Guanliqu",
    "西沙群岛": "Xisha Qundao",
    "南沙群岛": "Nansha Qundao",
    "中沙群岛的岛礁及其海域": "Zhongsha Qundao",
    "大柴旦行政委员会": "Dachaidan",
    "格尔木藏青工业园区": "Ge'ermu Zangqing Gongye Yuanqu",
}

# Administrative suffixes dropped from ordinary county-level names (longest first).
SUFFIXES = ("自治县", "自治旗", "特区", "新区", "县", "区", "市", "旗")

# Generic parts of statistical pseudo-units, written as words of their own.
GENERICS: dict[str, str] = {
    "高新技术产业开发区": "Gaoxin Jishu Chanye Kaifaqu",
    "高新技术产业园区": "Gaoxin Jishu Chanye Yuanqu",
    "高新技术开发区": "Gaoxin Jishu Kaifaqu",
    "高技术产业开发区": "Gaojishu Chanye Kaifaqu",
    "经济技术开发区": "Jingji Jishu Kaifaqu",
    "经济开发区": "Jingji Kaifaqu",
    "城乡一体化示范区": "Chengxiang Yitihua Shifanqu",
    "转型综合改革示范区": "Zhuanxing Zonghe Gaige Shifanqu",
    "航空港经济综合实验区": "Hangkonggang Jingji Zonghe Shiyanqu",
    "综合物流产业聚集区": "Zonghe Wuliu Chanye Jujiqu",
    "文化旅游创意园区": "Wenhua Lüyou Chuangyi Yuanqu",
    "风景名胜区": "Fengjing Mingshengqu",
    "现代产业园区": "Xiandai Chanye Yuanqu",
    "循环化工园区": "Xunhuan Huagong Yuanqu",
    "中国新加坡食品区": "Zhongguo Xinjiapo Shipinqu",
    "工业园区": "Gongye Yuanqu",
    "管理区": "Guanliqu",
    "示范区": "Shifanqu",
    "开发区": "Kaifaqu",
    "新区": "Xinqu",
    "新城": "Xincheng",
    "火炬": "Huoju",
    "汽车": "Qiche",
}

VOWEL_INITIAL = ("a", "o", "e")



def syllables(text: str) -> list[str]:
    """Toneless syllables of ``text``, one per character (``ü`` kept), with ``CHAR_READINGS``
    and then ``PLACE_READINGS`` applied over pypinyin's reading."""
    out = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors=lambda chars: ["?"] * len(chars))
    if len(out) != len(text):
        raise ValueError(f"cannot read {text!r}: {out}")
    out = [CHAR_READINGS.get(ch, s) for ch, s in zip(text, out, strict=True)]
    for phrase, reading in PLACE_READINGS.items():
        start = text.find(phrase)
        while start >= 0:
            out[start:start + len(phrase)] = reading.split()
            start = text.find(phrase, start + 1)
    if "?" in out:
        raise ValueError(f"cannot read {text!r}: {out}")
    return out


def word(text: str) -> str:
    """``text`` as one capitalised pinyin word, apostrophes before inner a/o/e syllables."""
    out = ""
    for i, s in enumerate(syllables(text)):
        out += ("'" if i and s.startswith(VOWEL_INITIAL) else "") + s
    return out[:1].upper() + out[1:]


def stem(name: str) -> str:
    """The specific part of an ordinary county-level name: one administrative suffix dropped,
    unless that would leave a single character (单县 stays 单县 → Shanxian)."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def is_pseudo(code: str) -> bool:
    """Whether ``code`` is a statistical pseudo-unit (NBS codes xxxx71–xxxx80: development zones,
    管理区 …), not a GB/T 2260 county-level unit."""
    return 71 <= int(code[4:]) <= 80


def _place_stems() -> list[str]:
    """Specific names of provinces and prefectures, to split pseudo-unit names into words."""
    r = regions()
    out = set()
    for n in r.loc[r["level"] != "county", "name"]:
        for s in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
            if n.endswith(s) and len(n) - len(s) >= 2:
                n = n[: -len(s)]
                break
        out.add(n)
    return sorted((s for s in out if len(s) >= 2), key=len, reverse=True)


def pseudo_unit(name: str, stems: list[str]) -> str:
    """Words of a pseudo-unit name: known place names and generic parts each a word, the rest
    between them one word; a 市 after a place name is dropped (唐山市汉沽管理区 → Tangshan Hangu
    Guanliqu)."""
    words: list[str] = []
    rest = ""
    i = 0
    while i < len(name):
        hit = next((g for g in GENERICS if name.startswith(g, i)), None)
        place = None if hit else next((s for s in stems if name.startswith(s, i)), None)
        if hit or place:
            if rest:
                words.append(word(rest))
                rest = ""
            words.append(GENERICS[hit] if hit else word(place or ""))
            i += len(hit or place or "")
            if place and name.startswith("市", i):
                i += 1
        else:
            rest += name[i]
            i += 1
    if rest:
        words.append(word(rest))
    return " ".join(words)


def romanise(name: str, code: str = "", stems: list[str] | None = None) -> str:
    """The romanised name of a county-level unit ``name`` (code ``code``, which tells
    statistical pseudo-units apart; see the module's conventions)."""
    if name in FULL_NAMES:
        return FULL_NAMES[name]
    if code and is_pseudo(code):
        return pseudo_unit(name, stems if stems is not None else _place_stems())
    return word(stem(name))


def counties() -> list[tuple[str, str, str]]:
    """``(code, name, province code)`` of the county rows of the region table."""
    r = regions()
    c = r[r["level"] == "county"]
    return [(code, n, code[:2] + "0000") for code, n in zip(c["code"], c["name"], strict=True)]


def rendered() -> str:
    """The whole CSV: existing non-county lines unchanged, then the county rows."""
    lines = CSV.read_bytes().decode("utf-8").splitlines(keepends=True)
    kept = [ln for ln in lines if not ln.startswith("county,")]
    known = {ln.split(",")[1] for ln in kept[1:]}
    stems = _place_stems()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")  # the file's own line ends
    for code, n, prov in counties():
        if code not in known:
            w.writerow(["county", code, n, romanise(n, code, stems), prov])
    return "".join(kept) + buf.getvalue()


def review() -> None:
    """Every polyphonic character in the county names, with each name and the reading used."""
    seen: dict[str, list[str]] = defaultdict(list)
    for _, n, _ in counties():
        text = stem(n)
        readings = syllables(text)
        for ch, used in zip(text, readings, strict=True):
            options = {s for s in pinyin(ch, style=Style.NORMAL, heteronym=True, v_to_u=True)[0]}
            if len(options) > 1:
                seen[ch].append(f"{n}:{used}")
    for ch in sorted(seen, key=lambda c: -len(seen[c])):
        options = sorted(set(pinyin(ch, style=Style.NORMAL, heteronym=True, v_to_u=True)[0]))
        print(f"{ch} ({'/'.join(options)}) {len(seen[ch])}: {' '.join(seen[ch])}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--review", action="store_true", help="list polyphonic characters and their readings")
    ap.add_argument("--check", action="store_true", help="exit 1 if the CSV is not up to date")
    args = ap.parse_args()
    if args.review:
        review()
        return 0
    text = rendered()
    if args.check:
        return 0 if CSV.read_bytes().decode("utf-8") == text else 1
    CSV.write_bytes(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
