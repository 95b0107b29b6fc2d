import pytest

from xinzhi.errors import InputError
from xinzhi.units import factor


@pytest.mark.parametrize(
    ("quantity", "unit", "expected"),
    [
        ("money", "元", 1e-4),
        ("money", "万元", 1.0),
        ("money", "亿元", 1e4),
        ("money", "billion yuan", 1e5),
        ("area", "亩", 1.0),
        ("area", "平方米", 0.0015),  # 1 mu = 10000/15 m²
        ("area", "公顷", 15.0),
        ("area", "平方公里", 1500.0),
        ("electricity", "千瓦时", 1e-4),
        ("ratio", "%", 0.01),
    ],
)
def test_factors(quantity: str, unit: str, expected: float) -> None:
    assert factor(quantity, unit) == pytest.approx(expected)


def test_one_mu_in_square_metres() -> None:
    # 1 mu = 666.67 m²: 666.67 m² must convert to 1 mu (to the rounding of the input).
    assert 666.6667 * factor("area", "平方米") == pytest.approx(1.0, rel=1e-6)


def test_unknown_unit_is_named() -> None:
    with pytest.raises(InputError, match="'斤' is not a unit of money"):
        factor("money", "斤")
