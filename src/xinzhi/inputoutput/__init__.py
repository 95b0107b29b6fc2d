"""Input-output analytics on the bundled NBS national tables.

:mod:`~xinzhi.inputoutput.tables` reads a table into matrices; :mod:`~xinzhi.inputoutput.leontief`
holds the pure matrix analytics (technical coefficients, Leontief and Ghosh inverses,
Rasmussen–Hirschman linkages, key sectors, output multipliers, upstreamness). The package is
named ``inputoutput`` (not ``io``) so that it can never be mistaken for the standard library.
"""

from xinzhi.inputoutput.leontief import (
    ghosh_inverse,
    import_dependence,
    leontief_inverse,
    linkages,
    output_coefficients,
    output_multipliers,
    technical_coefficients,
    upstreamness,
)
from xinzhi.inputoutput.summary import sector_linkages
from xinzhi.inputoutput.tables import IOTable, load_io_table, parse_io_table

__all__ = [
    "IOTable",
    "ghosh_inverse",
    "import_dependence",
    "leontief_inverse",
    "linkages",
    "load_io_table",
    "output_coefficients",
    "output_multipliers",
    "parse_io_table",
    "sector_linkages",
    "technical_coefficients",
    "upstreamness",
]
