"""GB 32100-2015 check characters, against codes published in the standard and by registries."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xinzhi.credit_code import (
    ALPHABET,
    check_character,
    credit_code_problem,
    is_valid_credit_code,
    make_credit_code,
)

# Published example of GB 32100-2015 (Appendix) and real registered codes whose check
# characters were issued by the registries.
VALID = [
    "91350100M000100Y43",
    "91110000600037341L",
    "91440300708461136T",
    "9144030071526726XG",
    "914403001922038216",
    "91110108551385082Q",
]


@pytest.mark.parametrize("code", VALID)
def test_published_codes_are_valid(code: str) -> None:
    assert credit_code_problem(code) is None


def test_wrong_check_character_is_named() -> None:
    assert credit_code_problem("91350100M000100Y44") == "credit code check character is '4', expected '3'"


def test_length_and_alphabet() -> None:
    assert "18 characters" in (credit_code_problem("91350100M000100Y4") or "")
    assert "alphabet" in (credit_code_problem("91350100M000100YI3") or "")
    assert "division code" in (credit_code_problem("913501A0M000100Y43") or "")


@given(
    st.text(alphabet=ALPHABET, min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.text(alphabet=ALPHABET, min_size=9, max_size=9),
)
def test_exactly_one_check_character_fits(head: str, division: str, org: str) -> None:
    first17 = head + division + org
    good = check_character(first17)
    assert is_valid_credit_code(first17 + good)
    others = [c for c in ALPHABET if c != good]
    assert not any(is_valid_credit_code(first17 + c) for c in others)


def test_generated_demo_codes_are_valid() -> None:
    code = make_credit_code("510104", 123)
    assert code[2:8] == "510104" and is_valid_credit_code(code)
