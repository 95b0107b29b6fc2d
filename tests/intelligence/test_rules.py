"""Rules of the open-vocabulary extractor on short constructed sentences (one rule per test)."""

from __future__ import annotations

import datetime as dt

import pytest

from xinzhi.intelligence.facts import extract_facts
from xinzhi.intelligence.gazetteer import reference_gazetteer

PUB = dt.date(2020, 10, 20)


def _periods(text: str, **kw: object) -> list[tuple[float, str | None]]:
    return [(round(f.value, 6), f.period) for f in extract_facts(text, published=PUB, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "expected"), [
    ("2013-2017年，全省地区生产总值分别为1.1万亿元、1.2万亿元、1.3万亿元、1.4万亿元和1.5万亿元。",
     [(1.1e12, "2013"), (1.2e12, "2014"), (1.3e12, "2015"), (1.4e12, "2016"), (1.5e12, "2017")]),
    ("前三季度，全省城镇调查失业率分别为6.1%、6.0%及5.7%。",
     [(0.061, "2020Q1"), (0.06, "2020Q2"), (0.057, "2020Q3")]),
    ("2021年、2022年和2023年，四川地区生产总值分别增长5.1%、6.2%和7.3%。",
     [(0.051, "2021"), (0.062, "2022"), (0.073, "2023")]),
    ("Sichuan's GDP grew 5.1 percent, 6.2 percent and 7.3 percent in 2021, 2022 and 2023, respectively.",
     [(0.051, "2021"), (0.062, "2022"), (0.073, "2023")]),
    # two subjects and two years: the values belong to the subjects, the period stays the span
    ("2022-2023年，四川地区生产总值和工业增加值分别年均增长5.1%、6.2%。",
     [(0.051, "2022~2023"), (0.062, "2022~2023")]),
])
def test_respectively_over_periods(text: str, expected: list[tuple[float, str]]) -> None:
    assert _periods(text) == expected


def test_ratio_to_a_base_year_is_growth_over_the_span() -> None:
    (f,) = extract_facts("The main business revenues of Sichuan's industrial enterprises reached 8.4 trillion yuan "
                         "in 2011, 7.7 times the amount in 2002.")[1:]
    assert (f.value, f.unit, f.measure, f.period) == (7.7, "times", "growth", "2002~2011")
    zh = extract_facts("2011年四川工业企业主营业务收入8.4万亿元，是2002年的7.7倍。")
    assert [(f.value, f.unit, f.period) for f in zh][1] == (7.7, "times", "2002~2011")


def test_same_period_of_an_earlier_year_takes_the_months_of_the_text() -> None:
    facts = extract_facts("Sichuan's value-added industrial output expanded 6.9 percent in the first half of 2017. "
                          "The growth rose from the 6-percent increase in the same period of 2016.")
    assert [(f.value, f.period) for f in facts] == [(0.069, "2017-01~06"), (0.06, "2016-01~06")]


def test_text_about_the_country_without_a_region() -> None:
    (f,) = extract_facts("From 2003 to 2011, industrial value-added output grew by an average of 15.4 percent "
                         "annually, the country's statistics bureau said.")
    assert (f.region_code, f.period) == ("CN", "2003~2011")
    (g,) = extract_facts("The firms invested 30 million yuan in research in 2024.")
    assert g.region_code is None  # nothing says where


@pytest.mark.parametrize(("text", "expected"), [
    ("上半年绵阳市产业园区", [("绵阳市", ("510700",), False)]),  # the city's parks together: the city
    ("一季度全市工业园区和高新区", [("全市", (), False)]),  # a period and 全市 are not a zone's name
    ("成都高新区", [("成都高新区", (), True)]),
    ("天府新区", [("天府新区", (), True)]),
])
def test_zone_names(text: str, expected: list[tuple[str, tuple[str, ...], bool]]) -> None:
    assert [(m.text, m.candidates, m.zone) for m in reference_gazetteer().find(text)] == expected


def test_counts_of_one_and_lists_of_counts_in_english() -> None:
    facts = extract_facts("Chengdu had 12 industrial enterprises above designated size and 3 specialized and "
                          "sophisticated SMEs at the end of 2024. It ranks No. 1 in the province.")
    assert [(f.subject, f.value, f.period) for f in facts] == [
        ("industrial enterprises above designated size", 12.0, "2024"),
        ("specialized and sophisticated SMEs", 3.0, "2024")]
    (one,) = extract_facts("At the end of 2024, Sichuan had 1 technology-based SMEs.")
    assert (one.value, one.unit) == (1.0, "count")


def test_dateline_is_not_part_of_the_subject() -> None:
    (f,) = extract_facts("CHENGDU, Jan. 20 (Xinhua) -- Value added of industrial firms in Sichuan grew 6.1 percent "
                         "in 2023.")
    assert f.subject.startswith("Value added") and "Xinhua" not in f.subject


def _facts(text: str, **kw: object) -> list[tuple[object, ...]]:
    return [(f.region_code, round(f.value, 6), f.period, f.kind) for f in extract_facts(text, **kw)]  # type: ignore[arg-type]


def test_bulleted_targets_under_a_heading() -> None:
    text = ("报告提出，今年广东经济社会发展的主要预期目标是：\n◆地区生产总值增长5%；\n"
            "◆规模以上工业增加值增长5%；\n◆粮食产量1270万吨。")
    got = _facts(text, published=dt.date(2024, 1, 23))
    assert got == [("440000", 0.05, "2024", "target"), ("440000", 0.05, "2024", "target"),
                   ("440000", 12.7e6, "2024", "target")]


def test_a_city_named_in_one_bullet_does_not_carry_to_the_next() -> None:
    text = ("●2023年广东地区生产总值达到13.57万亿元；\n●广州经济总量突破3万亿元；\n"
            "●地方一般公共预算收入达1.39万亿元，深圳成为第二个万亿元消费城市。")
    got = _facts(text, source="广东省人民政府")
    assert [g[0] for g in got] == ["440000", "440100", "440000"]


def test_a_list_of_comparisons_is_not_the_region() -> None:
    text = "前三季度甘孜州规模以上工业增加值同比增长17.7%，分别高于全国、全省平均水平11.5、11.4个百分点。"
    assert {g[0] for g in _facts(text)} == {"513300"}


def test_balances_are_stocks_and_new_entries_flows() -> None:
    text = "1-4月，成都市金融机构人民币贷款余额为42195亿元，增长14.0%。"
    assert [g[2] for g in _facts(text, published=dt.date(2021, 5, 26))] == ["2021-04", "2021-04"]
    text = "截至2020年9月末，全省实有民营经济市场主体652.93万户。新增民营经济市场主体92.42万户。"
    assert [g[2] for g in _facts(text, source="四川在线")] == ["2020-09", "2020-01~09"]


def test_a_from_period_holds_only_for_its_own_number() -> None:
    text = "今年1-9月，四川省民营经济增加值增速从上半年-1.3%转正，同比增长1.1%，占GDP的比重为54.2%。"
    got = _facts(text, published=dt.date(2020, 10, 23))
    assert [g[1:3] for g in got] == [(-0.013, "2020-01~06"), (0.011, "2020-01~09"), (0.542, "2020-01~09")]


def test_a_deadline_already_past_is_an_actual_figure() -> None:
    text = "The stock of new energy vehicles in China is the world's largest, with 1.53 million by the end of 2017."
    assert _facts(text, published=dt.date(2018, 3, 2)) == [("CN", 1.53e6, "2017", "actual")]
    assert _facts(text, published=dt.date(2017, 3, 2)) == [("CN", 1.53e6, "2017", "target")]


def test_from_to_after_a_change_verb_and_since() -> None:
    text = ("Since 2020, NEV production in China has soared from 1.456 million to 9.443 million units by 2023, "
            "a 6.5-fold increase.")
    assert _facts(text, published=dt.date(2024, 8, 26)) == [
        ("CN", 1.456e6, "2020", "actual"), ("CN", 9.443e6, "2023", "actual"), ("CN", 6.5, "2020~2023", "actual")]
    (one,) = [f for f in extract_facts("Hefei aims to build an NEV cluster with annual revenue of over one trillion "
                                        "yuan (about 138.91 billion U.S. dollars) by 2027.")]
    assert (one.value, one.unit, one.period, one.kind) == (1e12, "yuan", "2027", "target")


def test_an_aside_month_does_not_carry_on() -> None:
    text = ("In the first four months of 2023, value added in Jiangsu grew 8.8%, including an increase of 21.5% "
            "in April alone. The automobile industry achieved an increase in added value of 20.3%.")
    assert [g[2] for g in _facts(text)] == ["2023-01~04", "2023-04", "2023-01~04"]


def test_rules_added_after_the_second_held_out_run() -> None:
    # a list of targets under an English heading
    text = ("The report proposes the main projected targets for development in 2024 as follows:\n"
            "-- GDP growth of around 5 percent\n-- over 12 million new urban jobs")
    assert [(g[1], g[2], g[3]) for g in _facts(text, published=dt.date(2024, 3, 13))] == [
        (0.05, "2024", "target"), (12e6, "2024", "target")]
    # "lower than" after the points is a fall
    (_f, g) = extract_facts("China's industrial output grew 10 percent in the first nine months of 2012, "
                           "0.5 percentage point lower than growth in the first half.")
    assert (g.value, g.unit, g.measure) == (pytest.approx(-0.005), "pp", "change")
    # a national statistics bureau's release that names no region is about the country
    (h,) = extract_facts("分三大门类看,采矿业增加值同比增长5.3%。", source="据国家统计局网站消息")
    assert h.region_code == "CN"
    # "January and February", and the universe of "28 out of the 41 industries"
    got = _facts("In January and February, value added in Hunan increased by 7.8%.", published=dt.date(2019, 3, 21))
    assert [g[2] for g in got] == ["2019-01~02"]
    got = extract_facts("28 out of the province's 41 industries saw increases in Anhui in July 2021.")
    assert [f.value for f in got] == [28.0]


def test_a_zone_name_does_not_run_over_an_event() -> None:
    g = reference_gazetteer()
    assert [(m.text, m.zone) for m in g.find("投产投用现场会在恒口示范区，集中开工项目90个")] == [("恒口示范区", True)]
    assert [(m.text, m.zone) for m in g.find("全市工业园区和高新区")] == [("全市", False)]



def _whole(text: str, **kw: object) -> list[tuple[object, ...]]:
    return [(f.region_code, round(f.value, 6), f.unit, f.period, f.kind, f.qualifier)
            for f in extract_facts(text, **kw)]  # type: ignore[arg-type]


def test_traditional_characters_are_read_and_shown_as_written() -> None:
    (growth, share) = extract_facts("2021年，全市規模以上工業增加值同比增長22.9%，占全省比重為5.3%。",
                                    title="綿陽市2021年經濟運行情況")
    assert (growth.region_code, growth.value, growth.measure, growth.period) == ("510700", 0.229, "growth", "2021")
    assert (share.measure, share.value) == ("share", 0.053)
    assert "規模以上工業" in growth.sentence  # the sentence is shown as written


def test_a_zone_without_code_gives_its_province_to_the_document() -> None:
    facts = extract_facts("雄安新区今年以来新增企业1200家。1-8月，全省规模以上工业增加值增长6.9%。",
                          published=dt.date(2023, 9, 20))
    assert [(f.region_code, f.region_text) for f in facts] == [(None, "雄安新区"), ("130000", "全省")]


def test_a_venue_is_not_the_subject_of_the_figures() -> None:
    (f,) = extract_facts("现场会在恒口示范区归雁经济产业园主会场召开。安康市规上工业增加值增长8%。")
    assert f.region_code == "610900"


@pytest.mark.parametrize(("text", "kw", "expected"), [
    ("全省GDP增速目标为5%-6%。", {"title": "四川省2024年目标", "published": dt.date(2024, 1, 1)},
     [("510000", 0.05, "fraction", "2024", "target", "at_least"), ("510000", 0.06, "fraction", "2024", "target", "under")]),
    ("The province aims at keeping GDP growth at around 6.5-7 percent this year.",
     {"title": "Hunan work report", "published": dt.date(2023, 1, 16)},
     [("430000", 0.065, "fraction", "2023", "target", "at_least"), ("430000", 0.07, "fraction", "2023", "target", "under")]),
    # the bounds of a group are not figures; the count of the group is
    ("营业收入处于2000亿-3000亿区间的企业有5家。", {"title": "四川省", "published": dt.date(2024, 1, 1)},
     [("510000", 5.0, "count", None, "actual", None)]),
])
def test_ranges_are_two_facts_bounded_below_and_above(text: str, kw: dict[str, object],
                                                      expected: list[tuple[object, ...]]) -> None:
    assert _whole(text, **kw) == expected


def test_counts_of_clusters_are_policy_structure() -> None:
    assert _whole("到2027年，全省培育4个千亿级产业集群，规上工业企业达到2万家。", title="四川省制造业行动方案",
                  published=dt.date(2023, 5, 1)) == [("510000", 20000.0, "count", "2027", "target", None)]


def test_items_of_a_target_list_ending_in_semicolons_are_targets_of_the_planned_year() -> None:
    facts = _whole("今年主要预期目标是：\n地区生产总值增长6%左右；\n规模以上工业增加值增长7%。",
                   title="2024年四川省政府工作报告", published=dt.date(2024, 1, 28))
    assert facts == [("510000", 0.06, "fraction", "2024", "target", "about"),
                     ("510000", 0.07, "fraction", "2024", "target", None)]


def test_provincial_level_regions_are_not_the_document_province() -> None:
    text = ("Total GDP reached about 29.69 trillion yuan in the first half of this year, up 7 percent, "
            "according to the National Bureau of Statistics. "
            "Out of 31 provincial level regions, 27 posted faster growth. "
            "Southwest China's Chongqing Municipality registered the fastest GDP growth at 11 percent.")
    regions = {f.value: f.region_code for f in extract_facts(text, published=dt.date(2015, 8, 24))}
    assert regions[27.0] == "CN" and regions[0.11] == "500000"


def test_to_reach_after_a_reported_change_is_the_level_reached_not_a_target() -> None:
    facts = _whole("In the first three quarters of the year, the added value of Shanghai's primary industry rose "
                   "5.5 percent to reach 6.1 billion yuan, while that of the tertiary industry increased 5.8 percent "
                   "to reach 2.6 trillion yuan.", published=dt.date(2024, 10, 30))
    assert {f[4] for f in facts} == {"actual"} and len(facts) == 4
    # a goal is still a goal: "aims to reach"
    (goal,) = _whole("Shanghai aims to reach 5 trillion yuan of GDP by 2027.", published=dt.date(2024, 10, 30))
    assert goal[4] == "target"


def test_a_country_after_a_rank_is_not_the_region() -> None:
    facts = extract_facts("Wuhan regained its position as the 10th city in China in terms of GDP in the first quarter "
                          "of 2021, registering 357.41 billion yuan, up 58.4 percent year-on-year.",
                          published=dt.date(2021, 4, 30))
    assert {f.region_code for f in facts} == {"420100"}


def test_out_of_at_a_sentence_start_is_the_universe() -> None:
    facts = extract_facts("Out of 31 provincial level regions, 27 posted faster growth.", published=dt.date(2015, 8, 24))
    assert [f.value for f in facts] == [27.0]


def test_every_number_of_a_dollar_conversion_in_brackets_is_left_out() -> None:
    facts = extract_facts("Shanxi's GDP for the first half of the year reached 1.17 trillion yuan ($162,43 billion), "
                          "a growth of 4.7 percent.", published=dt.date(2023, 7, 24))
    assert sorted(f.value for f in facts) == [0.047, 1.17e12]


def test_during_this_period_dates_a_plan_target_to_the_plan_span() -> None:
    text = ("According to the 13th Five-Year Plan of the city of Shiyan, the city will develop new energy vehicle "
            "production during this period, aiming at an annual sales of 100 thousand new energy commercial vehicles.")
    (f,) = extract_facts(text, published=dt.date(2017, 4, 12))
    assert (f.value, f.kind, f.period) == (100000.0, "target", "2016~2020")
    (f,) = extract_facts("According to the 13th Five-Year Plan of the city of Shiyan, the city will reach annual sales "
                         "of 100 thousand new energy commercial vehicles.", published=dt.date(2017, 4, 12))
    assert f.period == "2020"


@pytest.mark.parametrize(("text", "values"), [
    ("成都已形成2个万亿级产业集群、13条千亿级产业链和14个千亿级园区，规上工业企业达到5000家。", [5000.0]),
    ("成都以17条重点产业链的链主企业带动发展，全市13条制造业产业链总产值同比增长12.1%。", [0.121]),
    ("工信部公布了中小企业特色产业集群名单，成都共有3个集群新入选。", []),
    ("纲要草案细化提出20项主要指标，围绕创新投入提出3项指标。", []),
    ("眉山全年地区生产总值达2008.72亿元，成功跨入“2000亿俱乐部”。", [2.00872e11]),
    # a size class after 超 / 过: the count is the figure, the bound is not
    ("其中，过1亿元项目19个，超10亿元投资项目3个。", [19.0, 3.0]),
    ("超10亿元项目完成投资25亿元。", [2.5e9]),
])
def test_parks_chains_plan_indicators_and_clubs_are_not_figures(text: str, values: list[float]) -> None:
    facts = extract_facts(text, published=dt.date(2026, 2, 25))
    assert [round(f.value, 6) for f in facts] == values


def test_a_pair_of_regions_then_a_pair_of_figures_without_fenbie_pair_in_order() -> None:
    facts = extract_facts("2025年成都都市圈经济稳步增长。德阳与资阳稳步前行，预计实现3400亿元和1150.8亿元。",
                          published=dt.date(2026, 1, 27))
    assert [(f.region_code, round(f.value)) for f in facts] == [("510600", 340000000000), ("512000", 115080000000)]


def test_a_period_closing_an_english_sentence_dates_all_its_figures() -> None:
    text = ("By 2025, the region will generate 300 billion kWh of electricity from new energy. The region further aims "
            "to raise its installed new energy capacity to exceed 300 million kilowatts and its annual new energy "
            "power generation to nearly 600 billion kWh as of 2030.")
    periods = [f.period for f in extract_facts(text, published=dt.date(2023, 11, 20))]
    assert periods == ["2025", "2030", "2030"]


def test_spelled_out_counts_and_the_universe_after_them() -> None:
    facts = extract_facts("Thirty-one of the 39 major industries in Hunan maintained a year-on-year increase in value added.",
                          published=dt.date(2018, 9, 29))
    assert [(f.value, f.unit) for f in facts] == [(31.0, "count")]
    facts = extract_facts("Among the province's 39 major industries, 31 achieved year-on-year growth.",
                          title="Guizhou industrial economy", published=dt.date(2022, 3, 28))
    assert [f.value for f in facts] == [31.0]


@pytest.mark.parametrize("text", [
    "Industrial firms with annual turnover over 20 million yuan in Anhui province posted an increase of 9.7 percent.",
    "Guizhou's value-added of industrial enterprises with annual revenue from principal business of 20 million yuan "
    "and above grew 9.7 percent.",
    "The first session of the Zhejiang Provincial People's Congress commenced; there are 626 deputies in attendance. "
    "Zhejiang's GDP grew 9.7 percent.",
    "The added value of manufacturers above designated size – those with annual sales of 20 million yuan or more -- "
    "rose 9.7 percent.",
    "Changsha's GDP grew 9.7 percent, ranking at the forefront among the cities with GDP exceeding 1 trillion yuan.",
    "Crossing the GDP threshold of 1 trillion yuan, Dongguan's GDP grew 9.7 percent.",
])
def test_turnover_lines_and_deputies_are_not_figures(text: str) -> None:
    assert [f.value for f in extract_facts(text, published=dt.date(2021, 8, 23))] == [0.097]


def test_the_base_after_from_in_a_projection_is_actual() -> None:
    facts = extract_facts("Wuhan's electronic information production value is projected to rise to 380 billion yuan "
                          "in 2015 from 114 billion yuan in 2010.", published=dt.date(2012, 11, 28))
    assert [(f.value, f.period, f.kind) for f in facts] == [(3.8e11, "2015", "forecast"), (1.14e11, "2010", "actual")]


def test_over_the_n_years_is_a_span_of_n_years() -> None:
    facts = extract_facts("Shaanxi's urbanization rate rose 13.9 percentage points over the 10 years.",
                          published=dt.date(2022, 9, 1))
    assert [f.period for f in facts] == ["2012~2021"]


def test_a_base_year_does_not_date_the_periods_after_it() -> None:
    text = ("2017年，全省规模以上工业增加值同比增长8.5%。2017年实现了在2015、2016年触底基础上的增长加速。\n"
            "分季度看，全省规上工业增加值一季度同比增长8.5%，上半年增长8.6%。")
    facts = extract_facts(text, title="四川工业", published=dt.date(2018, 1, 25))
    assert [f.period for f in facts] == ["2017", "2017Q1", "2017-01~06"]


def test_size_classes_of_clusters_and_ranges_of_champion_industries_are_structure() -> None:
    text = ("到2027年，提升一批百亿级特色产业集群，年营业收入超1000亿元的2个，超500亿元的5个；"
            "争创3-5个在全国具有一定影响力的领军型县域冠军产业，规上工业企业达到2万家。")
    facts = extract_facts(text, title="湖北省特色产业集群工作方案", published=dt.date(2025, 4, 2))
    assert [f.value for f in facts] == [20000.0]


def test_a_list_of_base_periods_and_of_points_after_fenbie() -> None:
    text = "2023年全年，全市规上工业增加值同比增长6.6%，较一季度、上半年和前三季度分别提高7.9个、3.4个和1.7个百分点。"
    facts = extract_facts(text, title="淮北市工业", published=dt.date(2024, 1, 20))
    assert [(round(f.value, 6), f.unit, f.period) for f in facts] == [
        (0.066, "fraction", "2023"), (0.079, "pp", "2023"), (0.034, "pp", "2023"), (0.017, "pp", "2023")]


def test_equal_figures_of_different_subjects_in_one_sentence_are_two_facts() -> None:
    facts = extract_facts("1至8月，河北省第二产业投资同比增长6.8%，第三产业投资同比增长6.8%。", published=dt.date(2023, 9, 20))
    assert [f.subject for f in facts] == ["第二产业投资", "第三产业投资"]


@pytest.mark.parametrize(("text", "value"), [
    ("1-8月份，内蒙古规上工业增加值同比增长7.5%，累计增速高于全国(3.9%)3.6个百分点。", 0.039),
    ("Most provinces recorded GDP growth rates higher than the national average of 6.4 percent in Q1, "
     "and Guizhou grew 9.8 percent.", 0.064),
    ("Of the provinces, Hubei saw its GDP exceed the national average growth rate of 12.7 percent, growing "
     "28.5 percent.", 0.127),
    ("今年上半年，河南省GDP同比增长5.7%，高于全国平均5.3%的水平。", 0.053),
])
def test_the_national_figure_in_a_comparison_is_the_country_s(text: str, value: float) -> None:
    facts = {round(f.value, 6): f.region_code for f in extract_facts(text, published=dt.date(2023, 9, 27))}
    assert facts[value] == "CN" and [c for v, c in facts.items() if v != value and c == "CN"] == []


def test_a_target_exceeded_and_an_expectations_index_are_actual() -> None:
    facts = extract_facts("2017年，四川规模以上工业增加值同比增长8.5%，超年度预期目标0.5个百分点。"
                          "8月份，全国企业生产经营活动预期指数为52.3%。", published=dt.date(2018, 1, 25))
    assert [f.kind for f in facts] == ["actual", "actual", "actual"]


def test_points_joined_by_he_take_the_unit_of_the_last() -> None:
    facts = extract_facts("全国高技术产业和装备制造业增加值同比分别增长11.8%和10.3%，增速分别比规模以上工业快4.8和3.3个百分点。",
                          published=dt.date(2023, 9, 15))
    assert [(round(f.value, 6), f.unit) for f in facts][2:] == [(0.048, "pp"), (0.033, "pp")]


def test_equal_figures_of_half_matching_subjects_in_two_paragraphs_are_two_facts() -> None:
    text = "1—7月份，天津市汽车制造业同比增长11.6%。\n从细分领域看，汽车产业同比增长11.6%。"
    assert [f.subject for f in extract_facts(text, published=dt.date(2025, 8, 20))] == ["汽车制造业", "汽车产业"]
    # a headline repeated in the text is one figure
    assert len(extract_facts("规上工业增加值增长16%。全市规模以上工业增加值同比增长16.0%。")) == 1


def test_cluster_group_sizes_quoted_numeral_names_and_money_without_yuan() -> None:
    facts = extract_facts("全市46个特色产业集群1—9月实现营业收入3620.4亿元，同比增长15.05%。", title="邢台市产业集群",
                          published=dt.date(2022, 11, 15))
    assert [round(f.value, 6) for f in facts] == [3.6204e11, 0.1505]
    facts = extract_facts("围绕“八个第一方阵”目标，到2026年，全市工业产值突破1万亿。", title="临沂市实施意见",
                          published=dt.date(2022, 6, 1))
    assert [(f.value, f.unit) for f in facts] == [(1e12, "yuan")]


def test_a_region_in_a_closed_bracket_is_not_the_region_of_later_figures() -> None:
    text = "宣城市规模以上工业增加值10年年均增长10.3%(全省平均水平9.9%)，规模以上工业企业1933户。"
    facts = {f.value: (f.region_code, f.period) for f in extract_facts(text, published=dt.date(2022, 10, 25))}
    assert facts[0.103] == ("341800", "2012~2021") and facts[1933.0][0] == "341800"
    assert facts[0.099][0] == "340000"


def test_a_page_that_gives_its_period_further_down_dates_its_opening_figures() -> None:
    text = "实现地区生产总值744.94亿元，同比增长6.3%\n农业生产形势较好。初步统计，前三季度蔬菜产量增长4.5%。"
    facts = extract_facts(text, source="雅安日报", published=dt.date(2024, 10, 26))
    assert [f.period for f in facts] == ["2024-01~09"] * 3


def test_figures_of_many_regions_at_once_and_the_universe_after_first_of() -> None:
    text = ("The people's congresses of Shandong, Sichuan and Gansu opened. All localities generally set the growth "
            "target at more than 5%, and many major economic provinces have set the target at about 5.5%. "
            "Gansu's GDP grew 6.4 percent.")
    assert [f.value for f in extract_facts(text, published=dt.date(2025, 1, 21))] == [0.064]
    text = "Sichuan is the first of China's 30 some provincial regions to publicize its goals, with 81 million residents."
    assert [f.value for f in extract_facts(text, published=dt.date(2015, 12, 16))] == [81e6]


def test_amounts_in_brackets_after_regions_are_not_conversions() -> None:
    text = "前三季度，排名前三的城市为成都(7386.79亿元)、绵阳(1375.04亿元)、宜宾(1292.92亿元)。"
    facts = extract_facts(text, published=dt.date(2021, 11, 5))
    assert [(f.region_code, round(f.value)) for f in facts] == [
        ("510100", 738679000000), ("510700", 137504000000), ("511500", 129292000000)]
    (f, *rest) = extract_facts("Exports reached 120 billion yuan (about 17.4 billion US dollars) in 2022.")
    assert f.value == 1.2e11 and not rest


def test_a_bracketed_comparison_region_and_ranks_and_bases_after_cong() -> None:
    text = ("宣城市积极推进产业聚集发展。\n规模以上工业增加值10年年均增长10.3%(全省平均水平9.9%)；规模以上工业增加值占全省比重"
            "由2012年的3.9%提升到5.3%，从全省第11位跃升至第7位。规模以上工业企业1933户。")
    facts = {f.value: (f.region_code, f.period) for f in extract_facts(text, published=dt.date(2022, 10, 25))}
    assert facts[0.103][0] == "341800" and facts[0.099][0] == "340000"
    assert facts[1933.0][0] == "341800" and facts[1933.0][1] != "2012"


def test_a_count_of_cities_after_a_list_of_cities_is_the_province_s() -> None:
    text = "2017年，四川全省规上工业增加值增长8.5%，其中，甘孜(21.5%)、泸州(10.9%)、南充(10.2%)3个市(州)累计增速在10%以上。"
    facts = {f.value: f.region_code for f in extract_facts(text, published=dt.date(2018, 1, 25))}
    assert facts[3.0] == "510000" and facts[0.215] == "513300"


def test_average_growth_in_a_plan_is_over_the_plan_s_years_and_a_goal() -> None:
    text = ("国务院编制了《十五五规划纲要》草案。纲要草案提出，到2035年人均国内生产总值比2020年翻一翻。"
            "创新驱动方面，提出全社会研发经费投入年均增长7%以上。")
    facts = [(f.value, f.unit, f.period, f.kind) for f in extract_facts(text, published=dt.date(2026, 3, 5))]
    assert facts == [(2.0, "times", "2035", "target"), (0.07, "fraction", "2026~2030", "target")]


def test_elliptical_growth_joint_stock_and_jin() -> None:
    text = ("In H1, Anhui's industrial added value grew by 6.9 percent year-on-year. By economic type, the added value of "
            "state-controlled enterprises grew by 4.1 percent; joint-stock enterprises by 8.5 percent. Summer grain "
            "output was 34.82 billion jin.")
    facts = [(round(f.value, 6), f.unit, f.measure, f.period) for f in extract_facts(text, published=dt.date(2023, 7, 31))]
    assert facts[2] == (0.085, "fraction", "growth", "2023-01~06")
    assert facts[3] == (34820000000.0, "斤", "level", "2023-01~06")


def test_this_year_carried_in_a_monthly_release_is_the_month_reported() -> None:
    text = ("Hunan industry's added value in August increased by 7.4% year on year. The growth rate was the highest "
            "this year. Thirty-one of the 39 major industries maintained a year-on-year increase in value added.")
    facts = extract_facts(text, published=dt.date(2018, 9, 29))
    assert [f.period for f in facts] == ["2018-08", "2018-08"]


def test_jiang_tisheng_is_a_goal_dated_by_the_deadline_before_it() -> None:
    text = "这条生产线预计2026年10月实现量产。届时，“成都造”高端柔性屏全球市场占有率将提升至50%。"
    (f,) = extract_facts(text, title="成都已有5个国家级先进制造业集群", published=dt.date(2025, 3, 1))
    assert (f.value, f.kind, f.period) == (0.5, "target", "2026-10")


@pytest.mark.parametrize("text", ["2025年，成都都市圈地区生产总值达到3.1万亿元。",
                                  "In 2025, the Chengdu metropolitan area had a GDP of 3.1 trillion yuan."])
def test_a_metropolitan_area_is_a_zone_not_its_core_city(text: str) -> None:
    (f,) = extract_facts(text, published=dt.date(2026, 1, 27))
    assert f.region_code is None and f.region_text in ("成都都市圈", "Chengdu metropolitan area")


def test_the_month_after_from_a_year_earlier_is_the_figure_s_and_by_the_end_of_a_month() -> None:
    text = "China's heavy industry output rose 9.3 percent from a year earlier in September."
    assert [f.period for f in extract_facts(text, published=dt.date(2012, 10, 18))] == ["2012-09"]
    text = "Output rose 5 percent compared with the same period in 2021."
    assert [f.period for f in extract_facts(text, published=dt.date(2012, 10, 18))] != ["2021"]
    text = "By the end of June, the country had a total of 10.01 million NEVs on its roads."
    assert [f.period for f in extract_facts(text, published=dt.date(2022, 7, 10))] == ["2022-06"]


def test_a_region_above_the_headline_s_does_not_carry_to_the_next_sentence() -> None:
    text = ("2021年遵义市生产总值4169.9亿元，比上年增长10.3%，是贵州省经济发展的重要引擎。"
            "其中，酒饮料和精制茶制造业增长49.3%。")
    facts = extract_facts(text, title="遵义经济运行情况", published=dt.date(2022, 2, 1))
    assert [f.region_code for f in facts] == ["520300"] * 3
    # the publisher's home region does not say what a page is about: a national figure stays national
    text = "前三季度，全国新设经营主体2480.8万户。其中，新设企业751.8万户，同比增长15.4%。"
    facts = extract_facts(text, source="大众日报", published=dt.date(2023, 11, 7))
    assert {f.region_code for f in facts} == {"CN"}


def test_the_second_of_two_yardsticks_without_a_separator_is_not_the_subject() -> None:
    text = "2021年遵义市生产总值比上年增长10.3%，增速高于全国全省2.2百分点。"
    facts = extract_facts(text, published=dt.date(2022, 2, 1))
    assert [f.region_code for f in facts] == ["520300", "520300"]


def test_a_work_report_s_review_reports_what_was_done() -> None:
    text = ("一、2024年工作回顾\n"
            "全市地区生产总值增长4.8%。全力扩大有效投资，争取超长期特别国债等各类政策资金超过300亿元，"
            "实施投资5000万元以上项目1381个。\n"
            "二、2025年工作安排\n"
            "全市地区生产总值增长5.5%左右。")
    facts = extract_facts(text, title="长春市政府工作报告", published=dt.date(2025, 1, 8))
    assert [(f.value, f.kind, f.period) for f in facts] == [
        (0.048, "actual", "2024"), (3e10, "actual", "2024"), (1381, "actual", "2024"), (0.055, "target", "2025")]


def test_a_new_step_is_passed_over() -> None:
    (f,) = extract_facts("2018年，长春市经济总量迈上7000亿元台阶。", published=dt.date(2019, 1, 14))
    assert (f.value, f.qualifier) == (7e11, "over")


def test_a_plan_s_dashed_goals_take_the_deadline_before_them() -> None:
    text = ("6月15日，上海市印发《三年行动计划（2023-2025年）》，其中提到，到2025年，工业增加值超过1.3万亿元。\n"
            "——高端制造引领功能大幅提升。工业战略性新兴产业产值占规模以上工业总产值比重达45%。\n"
            "——自主创新策源水平显著增强。重点制造业企业研发投入强度达2.5%以上。\n"
            "2022年，全市工业增加值1.07万亿元。")
    facts = extract_facts(text, published=dt.date(2023, 6, 15))
    assert [(f.value, f.kind, f.period) for f in facts] == [
        (1.3e12, "target", "2025"), (0.45, "target", "2025"), (0.025, "target", "2025"), (1.07e12, "actual", "2022")]


def test_a_figure_each_of_several_subjects_reached_is_one_fact_per_subject() -> None:
    facts = extract_facts("2024年，潍坊市工业产值、营收均超过1.2万亿元。", published=dt.date(2025, 2, 1))
    assert [(f.subject, f.value, f.qualifier) for f in facts] == [("工业产值", 1.2e12, "over"), ("营收", 1.2e12, "over")]


@pytest.mark.parametrize(("text", "unit"), [
    ("More than 90 million domestic and overseas tourists visited Hainan in 2023.", "person_time"),
    ("In 2023 the passenger throughput of Sanya airport was 6.2 million.", "person_time"),
    ("Permanent residents of Ningbo: 8.542 million (2019).", "person"),
    ("The GDP in Ningbo in 2013 amounted to 712.89 billion, up by 8.1%.", "yuan"),
    ("In 2022, the NEV output and sales reached 2.66 million and 2.6 million units, respectively.", "count"),
    ("In 2023, Hefei had 44 projects with investments exceeding 10 billion yuan.", "count"),
])
def test_the_unit_of_an_english_count_comes_from_its_noun_or_subject(text: str, unit: str) -> None:
    assert extract_facts(text, published=dt.date(2024, 3, 1))[0].unit == unit


def test_hectares_are_square_kilometres_and_a_conversion_in_brackets_is_not_a_fact() -> None:
    text = ("China's grain sown area was 118,332 thousand hectares (1,774.98 million mu) in 2022, an increase of "
            "701 thousand hectares (10.52 million mu).")
    facts = extract_facts(text, published=dt.date(2022, 12, 12))
    assert [(round(f.value), f.unit) for f in facts] == [(1183320, "km2"), (7010, "km2")]


def test_a_number_in_a_name_after_a_hyphen_is_not_a_fact() -> None:
    text = "It responded to Covid-19 and its GDP reached 187.55 billion yuan in the first quarter of 2022."
    assert [f.value for f in extract_facts(text, published=dt.date(2022, 4, 26))] == [187.55e9]


def test_what_a_project_yields_once_running_is_a_forecast_without_period() -> None:
    text = "今年长沙工程机械产业新建、续建项目达29个，全年计划投资额达42.62亿元，达产后将新增产值603.9亿元，新增利税近10亿元。"
    facts = extract_facts(text, published=dt.date(2012, 9, 19))
    assert [(f.value, f.kind, f.period) for f in facts] == [
        (29, "actual", "2012"), (42.62e8, "actual", "2012"), (603.9e8, "forecast", None), (1e9, "forecast", None)]


def test_a_dateline_does_not_date_the_figures_and_now_stays_in_its_sentence() -> None:
    text = "人民网银川7月26日电 上半年，银川市地区生产总值1267.24亿元，同比增长7.5%。"
    assert [f.period for f in extract_facts(text, published=dt.date(2023, 7, 26))] == ["2023-01~06", "2023-01~06"]
    text = "人民网银川7月26日电 地区生产总值1267.24亿元，同比增长7.5%。上半年，全市经济稳中向好。"
    assert [f.period for f in extract_facts(text, published=dt.date(2023, 7, 26))] == ["2023-01~06", "2023-01~06"]
    text = "一季度，安徽省农业生产基本稳定。目前小麦一、二类苗占86.7%。主要肉类产量86.2万吨，下降2.6%。"
    facts = extract_facts(text, published=dt.date(2019, 4, 20))
    assert [f.period for f in facts] == ["2019-04", "2019Q1", "2019Q1"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The province is eyeing GDP growth of around 8 percent for 2024.", [(0.08, "target")]),
    ("In 2020, 500 class-A logistics enterprises will be established.", [(500, "target")]),
    ("On 29 January, the bureau said Nanjing's GDP grew by 2.1 percent in 2022.", [(0.021, "actual")]),
    ("Yantai topped the list of 16 cities in Shandong province in 2022.", []),
    ("Fujian will turn the petrochemical industry into a trillion-yuan ($143 billion) industry by 2025.", []),
])
def test_english_goals_dates_lists_and_conversions(text: str, expected: list[tuple[float, str]]) -> None:
    facts = extract_facts(text, published=dt.date(2020, 2, 21))
    assert [(f.value, f.kind) for f in facts] == expected


def test_steel_capacity_within_a_cap_in_metric_tons() -> None:
    (f,) = extract_facts("In 2021, Hebei kept its steelmaking capacity within 200 million mt.", published=dt.date(2022, 3, 14))
    assert (f.value, f.unit, f.qualifier) == (2e8, "tonne", "under")


def test_a_month_and_its_figure_in_a_series() -> None:
    text = "从运行走势看，一季度增长6.7%，4月份5.8%，5月份6.6%，6月份6.7%，工业运行态势逐步趋稳。"
    facts = extract_facts(text, published=dt.date(2016, 8, 24))
    assert [f.period for f in facts] == ["2016Q1", "2016-04", "2016-05", "2016-06"]


@pytest.mark.parametrize(("text", "title", "published", "code"), [
    ("五年来，我们高质量发展建设共同富裕示范区。地区生产总值由1.31万亿元增加到1.87万亿元。",
     "宁波市政府工作报告", dt.date(2026, 1, 27), "330200"),
    ("三明市加快建设革命老区高质量发展示范区。2025年，地方一般公共预算收入120.12亿元，增长2.5%。",
     "2026年三明市政府工作报告出炉", dt.date(2026, 1, 14), "350400"),
])
def test_a_zone_being_built_or_a_policy_s_zone_is_not_the_subject(text: str, title: str, published: dt.date,
                                                                     code: str) -> None:
    facts = extract_facts(text, title=title, published=published)
    assert {f.region_code for f in facts} == {code}


def test_from_one_level_to_another_over_five_years() -> None:
    text = "五年来，地区生产总值由1.31万亿元增加到1.87万亿元，年均增长5.9%。"
    facts = extract_facts(text, title="宁波市政府工作报告", published=dt.date(2026, 1, 27))
    assert [(f.value, f.period) for f in facts] == [(1.31e12, "2020"), (1.87e12, "2025"), (0.059, "2021~2025")]


def test_a_fold_written_in_words_is_growth_in_times() -> None:
    text = "In the first five months of this year, Hefei's NEV output surged more than fourfold from a year earlier."
    (f,) = extract_facts(text, published=dt.date(2023, 7, 7))
    assert (f.value, f.unit, f.measure, f.qualifier, f.period) == (4.0, "times", "growth", "over", "2023-01~05")


def test_quan_qu_on_a_district_s_page_is_the_district() -> None:
    text = "2023年，全区共上报市入统招商项目40个，总投资100.2亿元。"
    facts = extract_facts(text, source="云浮市云城区人民政府", published=dt.date(2024, 1, 10))
    assert {f.region_code for f in facts} == {"445302"}


def test_the_start_of_a_trend_does_not_date_the_next_sentence() -> None:
    text = ("1—2月份，全省规模以上工业增加值完成1509亿元，同比增长3.6%，延续了去年下半年以来的低位运行态势。"
            "全省小型企业完成工业增加值492.2亿元，增长12.5%。")
    facts = extract_facts(text, published=dt.date(2014, 3, 27))
    assert [f.period for f in facts] == ["2014-01~02"] * 4


def test_a_base_period_is_not_carried_and_this_year_means_the_months_reported() -> None:
    text = ("今年上半年，全市规模以上工业增加值较上年同期增长8.5%。\n"
            "今年以来，我市坚定不移做强工业。在一季度良好开局的基础上，全市工业经济展现较强韧性。\n"
            "分三大门类看，全市规模以上采矿业增加值增长17.2%。")
    facts = extract_facts(text, title=None, published=dt.date(2025, 7, 28))
    assert [f.period for f in facts] == ["2025-01~06", "2025-01~06"]


def test_average_growth_from_one_year_to_another() -> None:
    text = "全州地区生产总值由2010年的77亿元增加到2015年的182亿元，年均增长13.8%。"
    facts = extract_facts(text, title="迪庆州政府工作报告", published=dt.date(2016, 2, 26))
    assert [(f.value, f.period) for f in facts] == [(77e8, "2010"), (182e8, "2015"), (0.138, "2011~2015")]


def test_english_decline_in_ing_and_a_ratio_between_two_years() -> None:
    (_, g) = extract_facts("In 2018, Dalian's crude oil output was 22.34 million tons, dropping by 14.5 percent "
                           "year-on-year.", published=dt.date(2019, 3, 1))
    assert (g.value, g.measure) == (-0.145, "growth")
    facts = extract_facts("In 1949, Lanzhou's GDP was 33 million yuan, but by 2018 the figure had grown to "
                          "273.294 billion yuan, up 8,000-times.", published=dt.date(2019, 11, 26))
    assert [(f.value, f.period) for f in facts] == [(33e6, "1949"), (273.294e9, "2018"), (8000, "1949~2018")]


def test_an_english_page_of_a_county_s_government_is_about_the_county() -> None:
    text = "In 2014, the county achieved a GDP of RMB 19,154.4 million yuan, up 8.30% from 2013."
    facts = extract_facts(text, source="Chun'an County People's Government (qdh.gov.cn)", published=dt.date(2015, 9, 28))
    assert {f.region_code for f in facts} == {"330127"}
    # a province's English site reprinting Xinhua keeps a national story national
    text = "More than 60 percent of these firms are rooted in industrial fundamentals, China's data show."
    (f,) = extract_facts(text, source="Henan Provincial People's Government (English), from Xinhua")
    assert f.region_code != "410000"


def test_a_region_after_zhan_is_the_whole_of_a_share() -> None:
    text = "滁州的光伏电池、组件产能分别占安徽省的50%、60%。"
    facts = extract_facts(text, published=dt.date(2022, 12, 1))
    assert [(f.region_code, f.value) for f in facts] == [("341100", 0.5), ("341100", 0.6)]


@pytest.mark.parametrize(("text", "expected"), [
    # a base year after a growth does not date the figures after it
    ("In 2014, the county's GDP was 19.15 billion yuan, increased by 8.3% from 2013, of which the added value of "
     "the primary industry was 3.01 billion yuan.",
     [(1.915e10, "2014"), (0.083, "2014"), (3.01e9, "2014")]),
    # the figure of the base year, in brackets or after its possessive, is of the base year
    ("Its per capita GDP reached 85,114 yuan in 2018, an increase of 1,024 times than that of 1949 (83 yuan).",
     [(85114.0, "2018"), (1024.0, "1949~2018"), (83.0, "1949")]),
    ("The province will keep its GDP growth at around 7 percent this year, a slight increase over last year's "
     "6.5 percent.", [(0.07, "2020"), (0.065, "2019")]),
    # "from A in 2015 to B in 2020": 2020 is the end, and dates what the sentence says next
    ("The city's share of the province's GDP increased from 20.3 percent in 2015 to 21.3 percent in 2020, while its "
     "fiscal revenue accounted for 28.4 percent of the province's total.",
     [(0.203, "2015"), (0.213, "2020"), (0.284, "2020")]),
    # "than" bound to another year is no comparison with the year after it
    ("The mayor waited no more than a day into 2020 to announce that in 2019, the city's GDP exceeded 1 trillion yuan.",
     [(1e12, "2019")]),
])
def test_an_english_base_year_dates_only_its_own_figure(text: str, expected: list[tuple[float, str]]) -> None:
    assert _periods(text) == expected


def test_a_short_name_is_the_region_just_named_by_it() -> None:
    facts = extract_facts("上半年，吉林市突出骨干扩产，吉林石化完成原油加工量484.2万吨；吉林化纤化学纤维产量增长11.4%。",
                          published=PUB)
    assert [f.region_code for f in facts] == ["220200", "220200"]
    (f,) = extract_facts("上半年，吉林工业增加值增长5%。", published=PUB)
    assert f.region_code == "220000"  # named alone, 吉林 is the province


def test_a_level_after_you_without_a_year_is_of_the_first_year() -> None:
    text = ("全州地区生产总值由2010年的77亿元跃升到2015年的161.1亿元；社会消费品零售总额由21亿元提高到41.5亿元。")
    assert _periods(text) == [(7.7e9, "2010"), (1.611e10, "2015"), (2.1e9, "2010"), (4.15e9, "2015")]
    five = extract_facts("五年来，综合经济实力实现跨越。地区生产总值由1.31万亿元增加到1.87万亿元。",
                         published=dt.date(2026, 1, 27), title="宁波市政府工作报告")
    assert [(f.value, f.period) for f in five] == [(1.31e12, "2020"), (1.87e12, "2025")]


def test_an_average_annual_growth_dated_by_one_year_runs_over_its_span() -> None:
    review = ("“十三五”时期，全县经济社会全面发展。\n2020年，全县地区生产总值达到273.4亿元，年均增长8.4%。")
    assert _periods(review, title="三门县国民经济和社会发展第十四个五年规划") == [(2.734e10, "2020"), (0.084, "2016~2020")]
    goal = "到2022年，全省数字经济增加值年均增速26%以上，达到1.5万亿元以上。"
    facts = extract_facts(goal, published=dt.date(2020, 4, 16))
    assert [(f.value, f.period, f.kind) for f in facts] == [(0.26, "2020~2022", "target"), (1.5e12, "2022", "target")]


def test_an_english_average_annual_growth_runs_from_the_earlier_year_written_before_it() -> None:
    text = ("The total retail sales of consumer goods increased from 232.36 billion yuan in 2012 to 512.61 billion "
            "yuan in 2021, with an average annual growth rate of 9.2 percent.")
    assert _periods(text) == [(2.3236e11, "2012"), (5.1261e11, "2021"), (0.092, "2012~2021")]
    plain = "In 2021, the city's GDP grew at an average annual rate of 7.7 percent."
    assert _periods(plain) == [(0.077, "2021")]  # no earlier year written: the year stays


@pytest.mark.parametrize(("text", "published", "expected"), [
    # the base's own figure, right after it, is of the same months a year earlier
    ("1—2月份，全市煤炭行业增加值同比增长11.9%，较去年同期(-2.2%)上升14.1个百分点。", dt.date(2025, 3, 20),
     [(0.119, "2025-01~02"), (-0.022, "2024-01~02"), (0.141, "2025-01~02")]),
    ("一季度，生猪价格降幅较大，每公斤从去年同期的30元回落到14元。", dt.date(2022, 4, 20),
     [(30.0, "2021Q1"), (14.0, "2022Q1")]),
    # every base of a list is a base: 全年 does not date the differences
    ("上半年，全省规模以上工业增加值同比增长6.6%，比去年同期和全年分别低0.8个和0.9个百分点。", dt.date(2016, 7, 20),
     [(0.066, "2016-01~06"), (-0.008, "2016-01~06"), (-0.009, "2016-01~06")]),
])
def test_a_chinese_base_dates_its_own_figure_only(text: str, published: dt.date,
                                                  expected: list[tuple[float, str]]) -> None:
    assert [(round(f.value, 6), f.period) for f in extract_facts(text, published=published)] == expected


def test_a_level_reached_over_a_span_is_of_its_last_year() -> None:
    reached = "“十四五”期间，吉林省地区生产总值跨越3个千亿元台阶，达到1.5万亿元。"
    assert _periods(reached) == [(1.5e12, "2025")]
    summed = "“十三五”期间，全州规模以上固定资产投资累计完成1008亿元。"
    assert _periods(summed) == [(1.008e11, "2016~2020")]  # a sum over the span is the span's


@pytest.mark.parametrize(("text", "expected"), [
    # an estimate is a forecast, also for the figures after "will" that continue it
    ("This year, the output of sorghum in Renhuai is estimated to reach 78,000 metric tons, and the total output "
     "value will exceed 717 million yuan.", [(78000.0, "tonne", "forecast"), (7.17e8, "yuan", "forecast")]),
    ("By 2025, Wudang's GDP is anticipated to exceed 32.5 billion yuan.", [(3.25e10, "yuan", "forecast")]),
    # the goal a figure is compared with is a target, although its year is past
    ("In 2021, Tianjin's GDP went up 6.6 percent year-on-year, topping the goal of 6.5 percent set at the beginning "
     "of the year.", [(0.066, "fraction", "actual"), (0.065, "fraction", "target")]),
    # kiloliters are cubic meters
    ("Guizhou targets an annual output of baijiu to reach 600,000 kiloliters by 2025.", [(600000.0, "m3", "target")]),
])
def test_english_estimates_goals_and_kiloliters(text: str, expected: list[tuple[float, str, str]]) -> None:
    facts = extract_facts(text, published=dt.date(2022, 1, 20))
    assert [(round(f.value, 6), f.unit, f.kind) for f in facts] == expected


def test_a_region_given_with_its_own_figure_is_compared_with_and_does_not_carry_over() -> None:
    text = ("上半年，山东省规模以上工业增加值同比增长6.6%，低于江苏(7.8%)、广东(6.7%)和浙江(6.7%)。"
            "从运行走势看，一季度增长6.7%，4月份5.8%。")
    facts = extract_facts(text, published=dt.date(2016, 7, 25))
    assert [(round(f.value, 6), f.region_code) for f in facts] == [
        (0.066, "370000"), (0.078, "320000"), (0.067, "440000"), (0.067, "330000"), (0.067, "370000"), (0.058, "370000")]


def test_jiang_after_an_estimate_continues_it() -> None:
    estimate = extract_facts("一季度，初步预计，全市生产总值将达到103.22亿元左右，增长14%以上。", published=dt.date(2012, 3, 20))
    assert [f.kind for f in estimate] == ["forecast", "forecast"]
    (goal,) = extract_facts("到2025年，全市生产总值将达到1000亿元。", published=dt.date(2012, 3, 20))
    assert goal.kind == "target"


@pytest.mark.parametrize(("text", "expected"), [
    ("China's GDP grew 6.1 percent in 2019, down from 6.6 percent in 2018.", [(0.061, "2019"), (0.066, "2018")]),
    ("The city said its 2017 GDP growth was 3.6 percent, down from the high of 9 percent seen in 2016.",
     [(0.036, "2017"), (0.09, "2016")]),
])
def test_the_rate_a_growth_is_down_from_is_no_fall(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(round(f.value, 6), f.period) for f in extract_facts(text, published=dt.date(2020, 3, 20))] == expected


def test_an_english_annual_figure_after_a_part_of_the_year_is_the_year() -> None:
    text = ("Xi'an's GDP reached 588.43 billion yuan over the first three quarters of the year. The annual GDP is "
            "expected to exceed 800 billion yuan.")
    assert _periods(text.replace("the year", "2018")) == [(5.8843e11, "2018-01~09"), (8e11, "2018")]


def test_growing_annually_on_average_is_an_average_annual_growth() -> None:
    text = ("Fujian's GDP rose from 2.19 trillion yuan in 2012 to 4.88 trillion yuan in 2021, and its general public "
            "budget revenue reached 574.4 billion yuan, growing 7.4 percent annually on average.")
    assert _periods(text)[-1] == (0.074, "2012~2021")


def test_a_narrowing_from_an_earlier_quarter_is_a_comparison() -> None:
    text = ("In the first half of 2020, Zhanjiang's GDP saw a year-on-year decline of 4.4 percent to 138.26 billion "
            "yuan, with the rate of decline narrowing 3.4 percent from that of the first quarter of the year. "
            "The added value of the primary industry in Zhanjiang was 25.64 billion yuan.")
    assert [p for _, p in _periods(text)] == ["2020-01~06"] * 4


def test_english_declines_written_after_the_figure_and_a_glued_unit() -> None:
    text = ("In 2015, the main business income stood at 183,268 million yuan, 4.69% lower than the previous year, with "
            "3,717 million yuan of profits and taxes realized, 34.48% lower, and its revenue grew to 25.68 billionyuan.")
    facts = extract_facts(text, published=dt.date(2016, 3, 1))
    assert [(round(f.value, 6), f.unit, f.measure) for f in facts] == [
        (1.83268e11, "yuan", "level"), (-0.0469, "fraction", "growth"), (3.717e9, "yuan", "level"),
        (-0.3448, "fraction", "growth"), (2.568e10, "yuan", "level")]


@pytest.mark.parametrize(("text", "kinds"), [
    ("全年签约优势项目45个；争取到位上级资金34.3亿元，较上年增长10.1%。", ["actual", "actual", "actual"]),
    ("争取增发国债项目69个，获得国债资金97.4亿元。", ["actual", "actual"]),
    ("争取到2027年，全市数字经济核心产业增加值突破1000亿元。", ["target"]),
])
def test_zhengqu_is_a_goal_only_before_what_a_goal_says(text: str, kinds: list[str]) -> None:
    assert [f.kind for f in extract_facts(text, published=dt.date(2025, 1, 20))] == kinds


@pytest.mark.parametrize(("text", "kinds"), [
    # 预计 after an item's subject governs that item only
    ("2024年末，地区生产总值预计完成230.6亿元，增长4%；规上工业增加值增长6.5%；固定资产投资预计完成38.7亿元，增长-18.9%。",
     ["forecast", "forecast", "actual", "forecast", "forecast"]),
    ("第二产业占比预计提高5个百分点以上，工业税收占比超50%。", ["forecast", "actual"]),
    # 预计 opening the sentence governs all of it
    ("预计2012年全市生产总值完成3440亿元左右，增长15%；地方财政总收入完成326.8亿元。", ["forecast", "forecast", "forecast"]),
])
def test_an_estimate_after_its_subject_governs_its_item_only(text: str, kinds: list[str]) -> None:
    assert [f.kind for f in extract_facts(text, published=dt.date(2025, 1, 20))] == kinds


def test_an_estimated_ratio_to_a_base_year_runs_over_the_years_between() -> None:
    facts = extract_facts("2012年，全市生产总值预计达到3440亿元，是2007年的2.1倍。", published=dt.date(2013, 1, 20))
    assert [(f.value, f.period, f.kind) for f in facts] == [(3.44e11, "2012", "forecast"), (2.1, "2007~2012", "forecast")]


def test_the_province_a_gap_is_measured_to_is_not_the_subject() -> None:
    facts = extract_facts("1-7月，嘉兴市规上工业增加值同比增长3.1%，与全省差距由上月的2.8个百分点缩小至2.1个百分点；"
                          "增速较1-6月回升0.4个百分点。", published=dt.date(2022, 9, 9))
    assert {f.region_code for f in facts} == {"330400"}


def test_teus_and_gbps_are_units_of_their_own() -> None:
    facts = extract_facts("The accumulated containers amounted to 35.177 million TEUs, and the outbound bandwidth "
                          "reached 17,000 Gbps in 2020.", published=dt.date(2020, 4, 15))
    assert [(f.value, f.unit) for f in facts] == [(35177000.0, "number"), (17000.0, "number")]


def test_the_month_of_an_event_does_not_date_later_figures() -> None:
    text = ("The Jingdezhen ceramic trading market was approved in September 2022. "
            "Jingdezhen has a permanent resident population of more than 1.6 million.")
    assert _periods(text) == [(1.6e6, None)]


def test_what_the_years_looked_back_on_achieved_is_of_the_span() -> None:
    text = ("这五年，我们加快构建现代产业体系。全力推动项目建设，推进固定资产投资5000万元以上产业项目947个，"
            "完成投资832.6亿元。经济总量突破3600亿元。")
    facts = extract_facts(text, published=dt.date(2022, 3, 15))
    assert [(f.value, f.period) for f in facts] == [(947.0, "2017~2021"), (8.326e10, "2017~2021"), (3.6e11, "2021")]


def test_english_tourists_compared_and_the_country_s_growth_target() -> None:
    (f,) = extract_facts("In Guilin, the number of the tourists was 140,500 more than the record high in January-June 2002.",
                         published=dt.date(2005, 7, 20))
    assert f.unit == "person_time"
    (g,) = extract_facts("This year, China's GDP growth target has been set at around 5 percent, he said in Haikou.",
                         published=dt.date(2023, 3, 6))
    assert (g.region_code, g.kind) == ("CN", "target")


def test_an_english_base_s_figure_in_a_relative_clause_and_a_bracketed_population() -> None:
    text = ("The regional GDP of the province achieved growth of 8.9 percent year-on-year in 2018. The growth rate fell "
            "compared with that in 2017 which reached 9.5 percent.")
    assert _periods(text) == [(0.089, "2018"), (0.095, "2017")]
    (f,) = extract_facts("Zhuzhou, a small city (population: 4.05 million) in central China's Hunan province, grew fast.")
    assert (f.value, f.unit) == (4.05e6, "person")


def test_a_target_set_by_the_province_and_met_is_actual() -> None:
    facts = extract_facts("2017年，实施投资1.97亿元的三江源二期工程，完成省定目标的100%；实施完成投资5230万元的退耕还林工程。",
                          published=dt.date(2018, 2, 1))
    assert [f.kind for f in facts] == ["actual", "actual", "actual"]


def test_a_base_span_is_not_the_first_year_of_a_from_to_figure() -> None:
    text = ("全州地区生产总值由2010年的77亿元跃升到2015年的161.1亿元；规模以上固定资产投资比“十一五”增长2.5倍；"
            "一般公共预算收入由5.9亿元增加到12.3亿元。")
    assert [p for v, p in _periods(text) if v in (5.9e8, 1.23e9)] == ["2010", "2015"]


def test_listed_subjects_keep_the_period_of_a_month_range() -> None:
    text = "1-2月份，河北省规模以上工业增加值增长5%。数据显示，生铁、粗钢产量分别为3072.6万吨和3263.6万吨，同比下降4.9%、5.7%。"
    facts = extract_facts(text, published=dt.date(2014, 3, 20))
    assert [(round(f.value, 6), f.period) for f in facts] == [
        (0.05, "2014-01~02"), (3.0726e7, "2014-01~02"), (3.2636e7, "2014-01~02"),
        (-0.049, "2014-01~02"), (-0.057, "2014-01~02")]  # the decline word before the first is the list's
    months = extract_facts("1-2月份，全省工业增加值分别增长5.1%和6.3%。", published=dt.date(2014, 3, 20))
    assert [f.period for f in months] == ["2014-01", "2014-02"]  # no subjects listed: the months


def test_the_investment_of_the_projects_counted_is_a_figure() -> None:
    facts = extract_facts("12月27日，宜昌市重点项目集中签约仪式举行，协议总投资93.57亿元的27个项目集中签约。",
                          published=dt.date(2018, 12, 28))
    assert [f.value for f in facts] == [9.357e9, 27.0]
    bound = extract_facts("全市年营业收入超1000亿元的2个，超500亿元的5个。", published=dt.date(2018, 12, 28))
    assert 1e11 not in [f.value for f in bound]  # a size class's bound stays no figure


def test_a_task_s_amount_is_a_goal_written_without_yuan() -> None:
    facts = extract_facts("2023年，全区完成市下达任务100亿的100.2%；提前完成区200亿招商引资任务。", published=dt.date(2024, 1, 20))
    assert [(f.value, f.unit, f.kind) for f in facts] == [
        (1e10, "yuan", "target"), (1.002, "fraction", "actual"), (2e10, "yuan", "target")]


def test_over_a_span_is_the_span_of_a_growth_and_dropped_by_is_a_fall() -> None:
    text = "Yunnan increased its GDP by 220 percent over the past years (2012-2020), with its ranking changed."
    assert _periods(text) == [(2.2, "2012~2020")]
    (f,) = extract_facts("The energy consumption per unit of GDP dropped by 43 percent over the period, Ni added.")
    assert (round(f.value, 6), f.measure) == (-0.43, "growth")
    (g,) = extract_facts("Exports rose 5 percent over the same period last year.", published=dt.date(2021, 3, 1))
    assert g.period is None  # the same period last year is a base, not the figure's period


def test_the_year_of_a_ranking_does_not_date_the_figures() -> None:
    facts = extract_facts("在2021年全球光伏组件出货量前十的企业中，有六家落户滁州，全市光伏产业重点项目总投资近三千亿元。")
    assert [f.period for f in facts] == [None, None]


def test_a_reprinted_work_report_is_read_at_its_own_date() -> None:
    text = "过去的一年，我们坚持稳中求进。——经济运行稳中向好。地区生产总值增长4%；完成公共财政预算收入501亿元。"
    facts = extract_facts(text, published=dt.date(2022, 7, 18), title="2020年鄂尔多斯市人民政府工作报告(全文)")
    assert [(f.value, f.period, f.published) for f in facts] == [(0.04, "2019", "2022-07-18"), (5.01e10, "2019", "2022-07-18")]


def test_the_year_a_doubling_is_based_on_is_a_base() -> None:
    text = ("2019年，全市经济社会持续健康发展。年初确定的在2012年基础上“七个翻番”目标基本实现，生产总值比2012年翻了一番。"
            "三次产业结构优化为14.7:42.8:42.5。")
    assert [p for _, p in _periods(text)] == ["2012~2019", "2019", "2019", "2019"]


def test_the_province_a_contribution_is_to_is_not_the_subject() -> None:
    text = "今年1-6月，曲靖市实现地区生产总值1773.83亿元，对全省经济增长的贡献率达19.7%；规上工业增加值增长9%。"
    assert {f.region_code for f in extract_facts(text, published=dt.date(2023, 7, 20))} == {"530300"}


def test_a_structure_changed_from_a_year_s_is_of_the_sentence_s_year() -> None:
    text = "2020年，全市完成地区生产总值963.6亿元；三次产业结构由2015年的10.2:52.1:37.7优化为7.9:43.6:48.5。"
    assert [p for _, p in _periods(text)] == ["2020", "2015", "2015", "2015", "2020", "2020", "2020"]


def test_a_past_verb_makes_by_the_end_of_a_stock_date() -> None:
    (f, *_) = extract_facts("In Ji'an, existing farmland covered 337,100 hectares by the end of 2009.")
    assert (f.period, f.kind) == ("2009", "actual")


@pytest.mark.parametrize("verb", ["reduced by", "dipped", "slumped", "plunged", "tumbled", "shrunk by"])
def test_more_english_words_of_decline(verb: str) -> None:
    (f, *_) = extract_facts(f"The total retail sales of consumer goods {verb} 2.3% over last year.", published=dt.date(2021, 2, 1))
    assert (round(f.value, 6), f.measure) == (-0.023, "growth")


def test_target_enterprises_and_a_meeting_s_attendance() -> None:
    facts = extract_facts("2024年，拜访目标企业150家，签约亿元以上项目27个，投资规模112亿元。大会应到代表304人，实到代表296人。",
                          published=dt.date(2025, 1, 20))
    assert [(f.value, f.kind) for f in facts] == [(150.0, "actual"), (27.0, "actual"), (1.12e10, "actual")]


def test_outside_the_province_is_not_the_figure_s_region() -> None:
    text = ("In 2009, Ji'an's rural population was 3.7937 million. There are 916,600 migrant workers, including 690,100 "
            "worked outside the province. The rice output was 3,735,500 tons.")
    assert {f.region_code for f in extract_facts(text, published=dt.date(2010, 3, 1))} == {"360800"}


def test_an_estimate_noted_after_the_first_figure_governs_the_list() -> None:
    text = "全市实现地区生产总值4800亿元左右(预计数,下同),增长6%;一般公共预算收入414.3亿元,增长6.6%。"
    assert [f.kind for f in extract_facts(text, published=dt.date(2024, 2, 21))] == ["forecast"] * 4
