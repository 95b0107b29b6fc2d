"""Run the examples in the support docstrings (the repository does not collect doctests)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["matching", "stage", "warning", "services", "resources", "loans"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"xinzhi.support.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
