"""The 18-character unified social credit code (统一社会信用代码) of GB 32100-2015.

Layout: 1 registration-authority code, 1 organisation-type code, 6 digits of the registering
administrative division (GB/T 2260), 9 characters of the organisation code (GB 11714, with its own
check character), and 1 check character over the first 17.

Check character (GB 32100-2015, clause 5.2): with the 31-character alphabet
``0123456789ABCDEFGHJKLMNPQRTUWXY`` (no I, O, S, V, Z) mapping characters to values 0..30 and
weights ``w_i = 3^(i-1) mod 31`` for positions i = 1..17,

    C_18 = 31 - (sum_i value(c_i) * w_i mod 31),   with 31 written as "0".

The embedded GB 11714 organisation code (positions 9..17) carries its own check character
(GB 11714-1997): weights 3,7,9,10,5,8,4,2 over the first 8, C_9 = 11 - (sum mod 11),
10 written as "X" and 11 as "0".
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def check_character(first17: str) -> str:
    """Return the 18th (check) character for the first 17 characters of a credit code.

    >>> check_character("91350100M000100Y4")
    '3'
    """
    if len(first17) != 17 or any(c not in _VALUE for c in first17):
        raise ValueError(f"expected 17 characters from {ALPHABET!r}, got {first17!r}")
    total = sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def organisation_check_character(first8: str) -> str:
    """Return the GB 11714 check character for the first 8 characters of an organisation code."""
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def credit_code_problem(code: str) -> str | None:
    """Return why ``code`` is not a valid credit code, or ``None`` if it is valid.

    Checks length, alphabet, that positions 3-8 are digits (a division code) and the GB 32100
    check character. The embedded GB 11714 check is not enforced: real registries contain
    codes issued before it was applied consistently.
    """
    if len(code) != 18:
        return f"credit code must have 18 characters, got {len(code)}"
    bad = sorted({c for c in code if c not in _VALUE})
    if bad:
        return f"credit code has characters outside the GB 32100 alphabet: {''.join(bad)}"
    if not code[2:8].isdigit():
        return "credit code positions 3-8 must be a 6-digit division code"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"credit code check character is {code[17]!r}, expected {expected!r}"
    return None


def is_valid_credit_code(code: str) -> bool:
    """True if ``code`` passes :func:`credit_code_problem`.

    >>> is_valid_credit_code("91350100M000100Y43")
    True
    >>> is_valid_credit_code("91350100M000100Y44")
    False
    """
    return credit_code_problem(code) is None


def make_credit_code(region_code: str, serial: int, *, authority: str = "9", kind: str = "1") -> str:
    """Build a syntactically valid credit code (used by the synthetic demo only).

    The organisation-code part is the serial in base 10, zero-padded to 8 digits, with its
    GB 11714 check character; the final character is the GB 32100 check character.
    """
    body8 = f"{serial:08d}"[-8:]
    org = body8 + organisation_check_character(body8)
    first17 = authority + kind + region_code[:6] + org
    return first17 + check_character(first17)
