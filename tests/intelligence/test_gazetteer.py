"""Gazetteer: names, short forms, English forms, ambiguity."""

from __future__ import annotations

import pandas as pd
import pytest

from xinzhi.intelligence import extract_facts
from xinzhi.intelligence.gazetteer import Gazetteer, reference_gazetteer


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("四川省", "510000"), ("四川", "510000"), ("成都市", "510100"), ("成都", "510100"),
        ("凉山彝族自治州", "513400"), ("凉山州", "513400"), ("凉山", "513400"),
        ("Sichuan Province", "510000"), ("Chengdu", "510100"), ("Jiangsu's", "320000"),
        ("Xi'an", "610100"), ("Inner Mongolia", "150000"), ("Liangshan Yi Autonomous Prefecture", "513400"),
        ("吉林", "220000"), ("Jilin City", "220200"),
        ("Harbin", "230100"), ("Kashgar", "653100"),
    ],
)
def test_names(text: str, code: str) -> None:
    g = reference_gazetteer()
    (m,) = g.find(text)
    sure, province = g.context([m])
    assert g.choose(m, sure=sure, province=province) == code


def test_ambiguous_name_follows_document_province() -> None:
    fj = extract_facts("福建省统计局数据显示，2023年鼓楼区地区生产总值1702.6亿元。")
    js = extract_facts("江苏省南京市统计局数据显示，2023年鼓楼区地区生产总值1500亿元。")
    assert fj[0].region_code == "350102"
    assert js[0].region_code == "320106"
    en = extract_facts("Suzhou in east China's Anhui Province saw its GDP reach 250 billion yuan in 2023.")
    assert en[0].region_code == "341300"


@pytest.mark.parametrize(
    "text",
    [
        "The fiscal revenue reached 52.66 billion yuan, a rise of 11.2%, 3.1% higher than that of the whole Guangxi.",
        "Output grew 8.5%, remaining the same level as that of the whole Guangxi.",
        "GDP grew 7.5 percent, ranking first among all cities and counties in Hainan in terms of growth rate.",
        "It produced 2.54 million cars last year, or 8.7 percent of all the automobiles built in China.",
        "GDP rose 8.2 percent, the second highest among the country's sub-provincial cities.",
    ],
)
def test_yardsticks_are_not_the_subject_en(text: str) -> None:
    """A region named as the base of a comparison, the whole of a share or the field of a rank is
    not what the figure measures: the page's region (here its headline's) is."""
    (f, *_) = extract_facts(text, title="Harbin's economy in 2023")
    assert f.region_code == "230100"


def test_workspace_regions_with_a_park() -> None:
    regions = pd.concat([
        reference_gazetteer_frame(),
        pd.DataFrame({"code": ["P51001"], "name": ["天府新区成都直管区"], "name_en": [""],
                      "level": ["park"], "parent_code": ["510100"]}),
    ])
    g = Gazetteer(regions)
    facts = extract_facts("2023年天府新区成都直管区地区生产总值达到1000亿元。", gazetteer=g)
    assert facts[0].region_code == "P51001"


def reference_gazetteer_frame() -> pd.DataFrame:
    from xinzhi.reference import regions

    return regions("51")


@pytest.mark.parametrize("text", ["2024年，杭州市新增全国重点实验室15家。", "2024年，杭州市地区生产总值21860亿元，稳居全国城市第8。"])
def test_a_national_class_or_rank_is_not_the_country(text: str) -> None:
    assert extract_facts(text)[0].region_code == "330100"


@pytest.mark.parametrize(("text", "code"), [
    ("Yiwu's gross domestic product hit 205.56 billion yuan in 2023.", "330782"),
    ("After verification by the Jiangxi Provincial Bureau of Statistics, the whole city achieved a GDP of "
     "527.467 billion yuan in 2018.", "360100"),
    ("The city of Dongguan, dubbed the \"factory of the world,\" in South China's Guangdong province, reported "
     "a GDP of over 1 trillion yuan in 2021.", "441900"),
    ("The proportion of Nanning's regional GDP to Guangxi's total rose to 21.3 percent in 2020.", "450100"),
    ("Six major industries in Hohhot, North China's Inner Mongolia autonomous region achieved a total output "
     "value of 28.16 billion yuan in the first quarter.", "150100"),
    ("The regional GDP of Shijiazhuang – capital of North China’s Hebei province – registered 174.19 billion "
     "yuan over the first quarter.", "130100"),
])
def test_english_places_the_figure_belongs_to(text: str, code: str) -> None:
    """County-level cities by name; "the whole city"; a province after "in", or after a comma or
    dash and "North China's", locates the city before it; "Guangxi's total" is the whole of a share."""
    (f, *_) = extract_facts(text, title="Nanchang GDP in 2018" if "whole city" in text else None)
    assert f.region_code == code


@pytest.mark.parametrize(("text", "code"), [
    ("Pudong's GDP exceeded 1.5 trillion yuan in 2021.", "310115"),
    ("In 2023, Baiyun District of Guiyang saw its industrial output value reach 22.6 billion yuan.", "520113"),
    ("Yiwu's GDP hit 205.56 billion yuan in 2023.", "330782"),
    ("Pudong New Area in East China's Shanghai reported an estimated GDP of 1.45 trillion yuan in 2021.", "310115"),
])
def test_english_districts_and_counties(text: str, code: str) -> None:
    """A district or county name no other unit has stands alone; a shared one (Baiyun) needs its
    "District" and the page's city; a county-level city keeps the bare name (Yiwu, not 伊吾县); a
    新区 is a district with its "New Area" (Pudong New Area), not a zone without a code."""
    (f, *_) = extract_facts(text)
    assert f.region_code == code


@pytest.mark.parametrize(("text", "code"), [
    # the place an honour is named after, or the place that won it, is not the figures' subject
    ("2023年，高港区泰州金融广场获评江苏省现代服务业集聚示范区，服务业增加值增长7.6%。", "321203"),
    ("2023年，高港区的泰州港经济开发区入选省两业融合试点，社会消费品零售总额增长6%。", "321203"),
    # a zone and, in brackets, the district it is
    ("2023年，泰州医药高新区(高港区)大健康产业规模突破1200亿元。", "321203"),
    # a count of zones is not a zone's name
    ("岳阳现有临湘工业园等两个专业化工园区，218家规模以上石化工业企业。", "430600"),
])
def test_places_named_for_something_else(text: str, code: str) -> None:
    (f,) = extract_facts(text)
    assert f.region_code == code


@pytest.mark.parametrize(("text", "code"), [
    # "Chinese" before a product, or before a group located elsewhere, is an adjective
    ("In 2021, 294 Chinese Baijiu enterprises above designated size in Sichuan produced 3.641 million kiloliters of "
     "Chinese Baijiu; the operating revenue totaled 324.76 billion yuan.", "510000"),
    # before the economy it is the country
    ("The Chinese economy grew 5.2 percent in 2023.", "CN"),
])
def test_chinese_as_an_adjective(text: str, code: str) -> None:
    assert extract_facts(text)[-1].region_code == code


def test_a_county_name_after_a_surname_is_a_person() -> None:
    (f,) = extract_facts("“We will achieve a 10 percent GDP growth rate in the next five years,” said Yao Yongfeng, "
                         "secretary of the prefectural Party committee of Kashi.")
    assert f.region_code == "653100"


def test_a_total_in_the_city_is_a_subject_not_a_denominator() -> None:
    facts = extract_facts("Jiangmen is the rice bag of Guangdong Province. In 2019, the total area of crop sowing in the "
                          "whole city was 4.59 million mu.")
    assert [f.region_code for f in facts] == ["440700"]
    (share,) = extract_facts("Its output accounted for 12 percent of the total output in Guangdong in 2019.",
                             default_region="440700")
    assert share.region_code == "440700"  # the whole of a share is not its subject


@pytest.mark.parametrize("text", [
    "The converter is used on the Lhasa-Nyingchi Railway and the Jakarta-Bandung High-Speed Railway.",
    "It can meet the production requirements of 200 Fuxing trains every year.",
])
def test_routes_and_train_names_are_not_places(text: str) -> None:
    assert reference_gazetteer().find(text) == []


def test_the_place_a_figure_ranks_after_is_not_its_region() -> None:
    facts = extract_facts("Data shows the volume of Linyi's logistics in 2017 totaled 2.8 trillion yuan, ranking the second "
                          "after Qingdao City in Shandong with a year-on-year rise of 7.7 percent.")
    assert [f.region_code for f in facts] == ["371300", "371300"]


def test_a_rank_in_the_province_and_the_provincial_average_are_not_the_subject() -> None:
    text = ("Yueyang's regional GDP was 400.155 billion yuan in 2020, ranking 2nd in Hunan. The growth rate was 4.2%, "
            "respectively 1.9 and 0.4 percentage points higher than the national and provincial average. The added "
            "value of the primary industry was 45.991 billion yuan.")
    assert {f.region_code for f in extract_facts(text)} == {"430600"}


def test_the_country_after_percent_of_is_the_whole_of_a_share() -> None:
    facts = extract_facts("Anshan boasts 80 percent of China's magnesite storage and 40 percent of China's talc content.")
    assert [f.region_code for f in facts] == ["210300", "210300"]


def test_the_places_a_city_is_behind_are_not_its_region() -> None:
    found = reference_gazetteer().find("Yancheng's economy ranked 7th in the province, and was behind Nantong and Xuzhou cities.")
    assert [m.candidates for m in found if not m.anaphor] == [("320900",)]
