"""Period rules."""

from __future__ import annotations

import pytest

from xinzhi.intelligence.periods import find_periods


@pytest.mark.parametrize(
    ("text", "canonical", "target"),
    [
        ("2023年", "2023", False),
        ("2024年一季度", "2024Q1", False),
        ("2024年前三季度", "2024-01~09", False),
        ("2024年上半年", "2024-01~06", False),
        ("2024年1—11月", "2024-01~11", False),
        ("2024年1至11月", "2024-01~11", False),
        ("二〇二三年", "2023", False),
        ("到2027年", "2027", True),
        ("截至2024年6月底", "2024-06", False),
        ("the first three quarters of 2023", "2023-01~09", False),
        ("from January to November 2024", "2024-01~11", False),
        ("the first quarter of 2024", "2024Q1", False),
        ("the first eight months of 2024", "2024-01~08", False),
        ("by 2027", "2027", True),
        ("by the end of June 2024", "2024-06", False),
        ("March 2024", "2024-03", False),
    ],
)
def test_period(text: str, canonical: str, target: bool) -> None:
    (p,) = find_periods(text)
    assert (p.canonical, p.target) == (canonical, target)


def test_range_takes_the_year_written_before() -> None:
    ps = find_periods("2024年11月增长5.2%；1—11月增长6.0%。")
    assert [p.canonical for p in ps] == ["2024-11", "2024-01~11"]


def test_publication_date_is_not_a_period() -> None:
    assert find_periods("1月20日，统计局发布数据") == []
