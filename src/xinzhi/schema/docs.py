"""Render the data model (``docs/data-model.md``) from the table specs.

Run ``python -m xinzhi.schema.docs > docs/data-model.md`` after changing a spec; a test checks
that the page matches the specs.
"""

from __future__ import annotations

from xinzhi.schema import TABLES
from xinzhi.units import CANONICAL

INTRO = """# Data model

Generated from the table specs in `src/xinzhi/schema/` by `python -m xinzhi.schema.docs`; do not
edit by hand.

A workspace is a folder. Its catalog (SQLite file `catalog.sqlite`, or PostgreSQL by URL)
records snapshots, the current snapshot of each table, the import history, analysis runs and
metadata; the rows of every table below are Parquet snapshots under `tables/<table>/`. Every
import writes a new immutable snapshot; `xinzhi restore TABLE SNAPSHOT` makes an earlier one
current again.

**Canonical units.** Each numeric column holds one unit; imports convert from the unit named in
the header (`税收（元）`, `land (公顷)`) or given with `--unit COLUMN=UNIT`, and record the conversion.

| quantity | canonical unit |
|---|---|
""" + "\n".join(f"| {q} | {u} |" for q, u in CANONICAL.items()) + """

**Header names.** An import accepts, for each column, its English name, its Chinese label or any
alias listed below, optionally followed by a unit in brackets. Extra columns are ignored and
reported. **Row numbers** in error messages count the header as row 1.

**Checks.** `credit_code`: 18 characters and the GB 32100-2015 check character; `region`,
`industry`: the code exists in the workspace's region or industry table; `year`: 1900–2100;
`fraction`: 0–1. Keys must be unique within a file.
"""


def render() -> str:
    parts = [INTRO]
    domain = None
    for spec in TABLES.values():
        if spec.domain != domain:
            domain = spec.domain
            parts.append(f"\n## {domain.capitalize()}\n")
        parts.append(f"\n### `{spec.name}` — {spec.label_zh}\n\n{spec.description}\n\n"
                     f"Key: {', '.join(f'`{k}`' for k in spec.key)}.\n\n"
                     "| column | type | unit | label | required | checks | also accepted as |\n"
                     "|---|---|---|---|---|---|---|\n")
        for c in spec.columns:
            checks = ", ".join([*c.checks, *(["≥ 0"] if c.nonnegative else [])])
            aliases = ", ".join(a for a in c.aliases if a != c.label_zh)
            desc = f" — {c.description}" if c.description else ""
            parts.append(f"| `{c.name}`{desc} | {c.dtype} | {c.unit or ''} | {c.label_zh} | "
                         f"{'yes' if c.required else ''} | {checks} | {aliases} |\n")
    return "".join(parts)


if __name__ == "__main__":
    print(render(), end="")
