""""By/到 YEAR" marks a deadline, unless the sentence reports a stock already reached."""

import pytest

from xinzhi.intelligence import extract_facts


@pytest.mark.parametrize(
    ("sentence", "region", "value", "period", "kind"),
    [
        ("By the end of 2024, Chengdu had 1,200 high-tech enterprises.", "510100", 1200.0, "2024", "actual"),
        ("By 2027, Sichuan will have 12,000 high-tech enterprises.", "510000", 12000.0, "2027", "target"),
        ("到2024年底，成都市共有高新技术企业1200家。", "510100", 1200.0, "2024", "actual"),
        ("到2027年，四川省高新技术企业将达到12000家。", "510000", 12000.0, "2027", "target"),
    ],
)
def test_stock_or_deadline(sentence: str, region: str, value: float, period: str, kind: str) -> None:
    facts = extract_facts(sentence)
    assert [(f.region_code, f.indicator, f.value, f.period, f.kind) for f in facts] == [
        (region, "high_tech_enterprises", value, period, kind)
    ]
