"""Rules written from the errors of the fourth held-out part (after its one blind run), on short
constructed sentences (one rule per test)."""

from __future__ import annotations

import datetime as dt

from xinzhi.intelligence.facts import extract_facts


def test_ling_opening_a_word_is_not_the_number_zero() -> None:
    text = "重庆聚集1200家规模以上汽车零部件企业，社会消费品零售总额增长5%。"
    facts = extract_facts(text, published=dt.date(2024, 9, 24))
    assert [(f.value, f.unit) for f in facts] == [(1200, "count"), (0.05, "fraction")]


def test_per_mille_is_a_rate_in_thousandths() -> None:
    text = "2022年，福州市人口出生率为6.5‰，人口死亡率为6.1‰。"
    facts = extract_facts(text, published=dt.date(2023, 3, 1))
    assert [(round(f.value, 6), f.unit) for f in facts] == [(0.0065, "fraction"), (0.0061, "fraction")]


def test_quanshi_of_a_county_level_city_is_that_city() -> None:
    text = "年末全市户籍户数为42.99万户，常住人口为141.40万人。"
    facts = extract_facts(text, source="福清市统计局", published=dt.date(2023, 3, 1))
    assert [f.region_code for f in facts] == ["350181", "350181"]
    # a prefecture-level city's 全市 is unchanged
    facts = extract_facts(text, source="福州市统计局", published=dt.date(2023, 3, 1))
    assert [f.region_code for f in facts] == ["350100", "350100"]


def test_a_region_name_inside_an_idiom_is_not_the_region() -> None:
    text = "牢牢扭住社会稳定和长治久安总目标，全年实现地区生产总值1.6万亿元、增长7%。"
    facts = extract_facts(text, title="2022年新疆政府工作报告", published=dt.date(2022, 1, 20))
    assert [f.region_code for f in facts] == ["650000", "650000"]
    facts = extract_facts("长治市地区生产总值增长7%。", published=dt.date(2022, 1, 20))
    assert [f.region_code for f in facts] == ["140400"]


def test_english_names_with_and_without_the_pinyin_apostrophe() -> None:
    from xinzhi.intelligence.gazetteer import reference_gazetteer

    g = reference_gazetteer()
    assert g.places["610100"].name_en == "Xi'an" and g.places["341500"].name_en == "Lu'an"
    for text, code in [("Xi'an", "610100"), ("Xian", "610100"), ("Xi’an", "610100"), ("Ya'an", "511800"),
                       ("Yaan", "511800"), ("Guang'an", "511600"), ("Lu'an", "341500"), ("Tai'an", "370900")]:
        assert g.codes_in(f"The GDP of {text} grew 5 percent.") == [code], text


def test_a_month_after_qizhong_is_an_aside_not_carried_on() -> None:
    text = "上半年，湖南规模工业增加值增长1.9%，其中6月份增长5.4%。从重点行业看，烟草制品业增长3.1%。"
    facts = extract_facts(text, published=dt.date(2020, 7, 17))
    assert [f.period for f in facts] == ["2020-01~06", "2020-06", "2020-01~06"]


def test_the_last_five_years_of_a_work_report() -> None:
    text = "一、过去五年及2022年工作回顾\n这五年，是不平凡的五年。经济总量突破3600亿元，年均增长4.5%。"
    facts = extract_facts(text, title="政府工作报告", published=dt.date(2023, 1, 15))
    # the average annual growth is over the five years (written after the heading's 2022), the level at their end
    assert [f.period for f in facts] == ["2022", "2018~2022"]


def test_a_region_after_than_or_known_as_is_not_the_subject() -> None:
    text = ("Chengdu's GDP grew 8.0%, 1.6 and 0.2 percentage points better than the national average and Sichuan "
            "provincial figure, respectively. The primary sector edged higher by 2.9%.")
    facts = extract_facts(text, published=dt.date(2019, 4, 23))
    assert [f.region_code for f in facts] == ["510100", "510100", "510100", "510100"]
    text = ("Grain production in Heilongjiang province, known as the country's \"grain barn,\" reached about "
            "77.88 billion kilograms in 2023.")
    (f,) = extract_facts(text, published=dt.date(2023, 12, 11))
    assert f.region_code == "230000"


def test_a_sentence_ends_at_a_full_stop_without_its_space() -> None:
    from xinzhi.intelligence.text import split_sentences

    text = "up 0.2 points on 2018.The rate was 3.7 percent.In 2020, GDP is expected to grow 6 percent. U.S. firms."
    assert [s.text for s in split_sentences(text)] == [
        "up 0.2 points on 2018.", "The rate was 3.7 percent.", "In 2020, GDP is expected to grow 6 percent.", "U.S. firms."]
    text = "The region created 263,000 urban jobs last year, with an unemployment rate of 3.7 percent.In 2020, the GDP is expected to grow 6 percent."
    facts = extract_facts(text, published=dt.date(2020, 1, 12))
    assert [f.period for f in facts] == ["2019", "2019", "2020"]


def test_a_founding_day_and_a_release_day_are_not_the_period() -> None:
    text = ("Ningxia Hui Autonomous Region was established on Oct. 25, 1958.\n"
            "The region covers an area of 66,400 sq km.")
    (f,) = extract_facts(text, title="Backgrounder: Ningxia Hui Autonomous Region", published=dt.date(2018, 9, 19))
    assert f.period is None
    text = ("Figures released on July 26 show that the added value of Suzhou's primary industry was 6.47 billion yuan, "
            "an uptick of 1.9 percent year-on-year, in the first six months of this year.")
    facts = extract_facts(text, published=dt.date(2022, 7, 27))
    assert [f.period for f in facts] == ["2022-01~06", "2022-01~06"]


def test_year_before_an_industry_and_the_half_year_as_a_comparison_base() -> None:
    text = ("去年全市地区生产总值增长3.3%，也较半年度和前三季度分别提高3.9个和1.4个百分点。"
            "分产业看，2020年第一产业实现增加值338.4亿元，增长2.1%。")
    facts = extract_facts(text, published=dt.date(2021, 1, 27), source="宁波日报")
    assert [f.period for f in facts] == ["2020"] * 5


def test_a_sentence_opening_with_qizhong_keeps_the_deadline_before() -> None:
    text = "《规划》明确，到2025年，成都汽车产业整体规模力争达到3000亿元。其中，新能源汽车保有量达80万辆，产量达25万辆。"
    facts = extract_facts(text, published=dt.date(2023, 6, 27))
    assert [(f.period, f.kind) for f in facts] == [("2025", "target")] * 3


def test_english_kind_growth_of_to_reach_and_will_be_created() -> None:
    text = ("Heilongjiang Province reported a year-on-year GDP growth of 4.3 percent in the first three quarters "
            "to reach 1.03 trillion yuan.")
    assert [f.kind for f in extract_facts(text, published=dt.date(2019, 10, 24))] == ["actual", "actual"]
    text = "Meanwhile, about 350,000 new jobs will be created in 2023."
    (f,) = extract_facts(text, published=dt.date(2023, 1, 12))
    assert (f.kind, f.period) == ("target", "2023")
    text = "About 350,000 new jobs were created in 2022."
    assert [f.kind for f in extract_facts(text, published=dt.date(2023, 1, 12))] == ["actual"]


def test_of_those_recorded_in_the_same_period_is_a_comparison_base() -> None:
    text = ("In January-September Hainan received more than 36.4 million tourists. These figures amounted to 65.2% "
            "of those recorded in the same period in 2019.")
    facts = extract_facts(text, published=dt.date(2020, 10, 22))
    assert [f.period for f in facts] == ["2020-01~09", "2020-01~09"]


def test_tourists_received_are_visits() -> None:
    text = "In January-September Hainan received more than 36.4 million tourists."
    (f,) = extract_facts(text, published=dt.date(2020, 10, 22))
    assert (f.value, f.unit) == (36.4e6, "person_time")


def test_the_aspects_of_a_text_are_not_a_count() -> None:
    facts = extract_facts("经济运行平稳向好主要体现在三个方面。贵州地区生产总值增长2.5%。", published=dt.date(2023, 4, 27))
    assert [(f.value, f.unit) for f in facts] == [(0.025, "fraction")]


def test_an_english_population_is_of_persons() -> None:
    text = "Ningxia has a population of more than 6.81 million."
    (f,) = extract_facts(text, published=dt.date(2018, 9, 19))
    assert (f.value, f.unit, f.qualifier) == (6.81e6, "person", "over")
