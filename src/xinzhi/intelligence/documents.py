"""Documents: read a file (plain text, Markdown or HTML), strip it to text, hash its content."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from xinzhi.errors import InputError
from xinzhi.intelligence.text import detect_language, to_text

__all__ = ["Document", "document_from_text", "read_document"]

_FORMATS = {".html": "html", ".htm": "html", ".xhtml": "html", ".md": "markdown",
            ".markdown": "markdown", ".txt": "text", "": "text"}


@dataclass(frozen=True)
class Document:
    """A source document reduced to plain text.

    ``document_id`` is the first 16 hex digits of the SHA-256 of the plain text, so the same
    article saved twice (or as HTML and as text) is stored once.
    """

    document_id: str
    title: str
    text: str
    language: str
    url: str | None = None
    path: str | None = None


def content_hash(text: str) -> str:
    """First 16 hex digits of the SHA-256 of ``text`` (UTF-8, whitespace runs collapsed)."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def document_from_text(content: str, *, fmt: str = "text", url: str | None = None,
                       path: str | None = None) -> Document:
    """Build a :class:`Document` from a string in ``fmt`` (``text``, ``markdown`` or ``html``).

    >>> d = document_from_text("<p>四川省GDP增长6%</p>", fmt="html")
    >>> d.text, d.language, len(d.document_id)
    ('四川省GDP增长6%', 'zh', 16)
    """
    if fmt not in ("text", "markdown", "html"):
        raise InputError(f"document format must be text, markdown or html, got {fmt!r}")
    text, title = to_text(content, fmt=fmt)
    return Document(content_hash(text), title, text, detect_language(text), url, path)


def read_document(path: str | Path, *, fmt: str | None = None) -> Document:
    """Read a UTF-8 (or GB18030) file; the format follows the suffix unless ``fmt`` is given."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    raw = p.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            content = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{p}: not UTF-8 or GB18030 text")
    kind = fmt or _FORMATS.get(p.suffix.lower())
    if kind is None:
        head = content.lstrip()[:200].lower()
        kind = "html" if head.startswith(("<!doctype html", "<html")) else "text"
    return document_from_text(content, fmt=kind, path=str(p))
