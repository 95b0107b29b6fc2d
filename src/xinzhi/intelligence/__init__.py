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
    """Facts and priority items of one document (see :func:`extract_facts`)."""
    facts = extract_facts(doc.text, document_id=doc.document_id, gazetteer=gazetteer, lexicon=lexicon,
                          default_region=default_region, default_year=default_year)
    prios = extract_priorities(doc.text, document_id=doc.document_id, gazetteer=gazetteer)
    return facts, prios
