"""Structure analytics: specialisation, concentration, shift-share, economic complexity,
opportunities and strong clusters, as pure functions over region × industry data."""

from xinzhi.analytics.complexity import Complexity, ComplexityYear, complexity
from xinzhi.analytics.complexity_core import eci_pci, presence, rca_matrix, rpop_matrix
from xinzhi.analytics.panel import InputReport, YearMatrix, year_matrices
from xinzhi.analytics.relatedness import coi_cog, density, proximity

__all__ = [
    "Complexity",
    "ComplexityYear",
    "InputReport",
    "YearMatrix",
    "coi_cog",
    "complexity",
    "density",
    "eci_pci",
    "presence",
    "proximity",
    "rca_matrix",
    "rpop_matrix",
    "year_matrices",
]
