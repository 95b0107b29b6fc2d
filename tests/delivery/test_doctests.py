"""Run the examples in the delivery docstrings (the repository does not collect doctests)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["periods", "indicators", "rankings", "targets", "projects", "alerts", "regions"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"xinzhi.delivery.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
