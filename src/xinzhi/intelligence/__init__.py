"""Text intelligence: quantitative facts and priority lists from news and policy text.

Rule-based, without models: a gazetteer built from the region table, an indicator lexicon
(data, extensible), number parsing with Chinese numerals (cn2an) and period rules. See
``docs/extraction.md``.
"""

from __future__ import annotations

from xinzhi.intelligence.documents import Document, document_from_text, read_document
from xinzhi.intelligence.evaluation import score_facts
from xinzhi.intelligence.facts import Fact, extract_facts, facts_frame
from xinzhi.intelligence.gazetteer import Gazetteer, reference_gazetteer
from xinzhi.intelligence.lexicon import Lexicon, load_lexicon
from xinzhi.intelligence.priorities import (
    Priority,
    extract_priorities,
    map_priorities,
    priorities_frame,
)

__all__ = [
    "Document",
    "Fact",
    "Gazetteer",
    "Lexicon",
    "Priority",
    "document_from_text",
    "extract_document",
    "extract_facts",
    "extract_priorities",
    "facts_frame",
    "load_lexicon",
    "map_priorities",
    "priorities_frame",
    "read_document",
    "reference_gazetteer",
    "score_facts",
]


def extract_document(
    doc: Document,
    *,
    gazetteer: Gazetteer | None = None,
    lexicon: Lexicon | None = None,
    default_region: str | None = None,
    default_year: int | None = None,
) -> tuple[list[Fact], list[Priority]]:
    """Facts (of the text and of its tables) and priority items of one document; the document's
    title, publication date and publisher are its metadata (see :func:`extract_facts` and
    :func:`~xinzhi.intelligence.tables.table_facts`)."""
    from xinzhi.intelligence.facts import dedupe, document_defaults
    from xinzhi.intelligence.tables import table_facts

    gaz = gazetteer or reference_gazetteer()
    spans = tuple((t.start, t.start + sum(len(" | ".join(c if c else "-" for c in r)) + 1 for r in t.rows))
                  for t in doc.tables)
    facts = extract_facts(doc.text, document_id=doc.document_id, gazetteer=gaz, lexicon=lexicon,
                          default_region=default_region, default_year=default_year, published=doc.published,
                          title=doc.title, source=doc.source, skip_spans=spans)
    if doc.tables:
        d = document_defaults(doc.text, gaz, title=doc.title, source=doc.source, published=doc.published,
                              default_year=default_year, default_region=default_region)
        region = d.region or next((c for c in gaz.codes_in(doc.text[:300])), None)
        for t in doc.tables:
            facts += table_facts(t, document_id=doc.document_id, region_code=region, period=d.period,
                                 published=doc.published, lexicon=lexicon)
        facts = dedupe(facts)
    prios = extract_priorities(doc.text, document_id=doc.document_id, gazetteer=gazetteer)
    return facts, prios
