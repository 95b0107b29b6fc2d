"""Registry of every workspace table, collected from the domain modules."""

from __future__ import annotations

from xinzhi.errors import NotFoundError
from xinzhi.schema import chains, clusters, core, delivery, evaluation, intelligence, support
from xinzhi.schema.base import Column, TableSpec

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for module in (core, clusters, chains, delivery, evaluation, intelligence, support)
    for spec in module.TABLES
}


def get_spec(name: str) -> TableSpec:
    """Return the spec of table ``name``; raise :class:`NotFoundError` naming the known tables."""
    try:
        return TABLES[name]
    except KeyError:
        raise NotFoundError(
            f"unknown table {name!r}; known tables: {', '.join(sorted(TABLES))}"
        ) from None


__all__ = ["TABLES", "Column", "TableSpec", "get_spec"]
