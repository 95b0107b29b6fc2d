"""Bundled reference data: divisions, GB/T 4754-2017, province boundaries, NBS IO tables.

Files live in ``xinzhi/reference/data`` with their origin and licence in ``data/SOURCES.md``.
Nothing here touches the network or any folder outside the installed package.
"""

from xinzhi.reference.boundaries import province_boundaries
from xinzhi.reference.divisions import regions
from xinzhi.reference.industries import industries
from xinzhi.reference.io_tables import available_io_tables, io_table_path
from xinzhi.reference.taxonomies import bundled_taxonomies, taxonomy

__all__ = [
    "available_io_tables",
    "bundled_taxonomies",
    "industries",
    "io_table_path",
    "province_boundaries",
    "regions",
    "taxonomy",
]
