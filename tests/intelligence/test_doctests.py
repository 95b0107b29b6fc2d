"""Run the examples in the intelligence docstrings (the repository does not collect doctests)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["numbers", "periods", "text", "documents", "facts", "tables", "merge", "store", "vocabulary",
           "gazetteer", "evaluation"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"xinzhi.intelligence.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
