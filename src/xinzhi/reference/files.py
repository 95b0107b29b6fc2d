"""Location of the bundled data files inside the installed package."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def data_path(*parts: str) -> Path:
    """Path of a bundled reference file, e.g. ``data_path("gbt4754", "gbt4754_2017.csv")``."""
    return Path(str(files("xinzhi.reference").joinpath("data", *parts)))
