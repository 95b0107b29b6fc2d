"""Documents: read a file (plain text, Markdown or HTML), strip it to text, hash its content, and
find its metadata — title, publication date, publisher and tables.

The publication date is taken, in this order, from HTML ``<meta>`` values (``PubDate``,
``article:published_time``, ``datePublished`` …), a labelled date near the top of the text
(``发布时间：2024-11-19``, ``日期:2024-11-19 05:31``, ``Pub Date:23-10-12``, ``Updated: 2023-07-18``,
``2023年10月19日10:18 | 来源``), a date in the file name (``2024-11-19-release.html``,
``20241119.txt``), and finally the first full date in the first lines. Dates after today or
before 1990 are ignored. The publisher comes from ``og:site_name`` / ``SiteName`` or a
``来源：`` / ``Source:`` line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from xinzhi.errors import InputError
from xinzhi.intelligence.text import (
    detect_language,
    markdown_to_text,
    parse_html,
    render_row,
    to_text,
)

__all__ = ["Document", "Table", "document_from_text", "find_published", "read_document"]

_FORMATS = {".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html", ".md": "markdown",
            ".markdown": "markdown", ".txt": "text", "": "text"}
_META_DATE = ("pubdate", "publishdate", "publish_date", "publish-date", "article:published_time",
              "og:published_time", "og:article:published_time", "datepublished", "dc.date", "dcterms.created",
              "dc.date.issued", "firstpublishedtime", "publishtime", "ptime", "createdate", "date", "sailthru.date",
              "parsely-pub-date")
_META_SITE = ("og:site_name", "sitename", "site_name", "site", "application-name", "publisher", "columnname")
_MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                            "nov", "dec"])}
_ISO = r"(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>1[0-2]|0?[1-9])\s*[-/.月]\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日?"
_EN_DATE = (r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d2>3[01]|[12]\d|0?[1-9])"
            r"(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)")
_DATE = re.compile(rf"{_ISO}|{_EN_DATE}|(?P<d3>3[01]|[12]\d|0?[1-9])\s+(?P<mon3>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
                   rf"Oct|Nov|Dec)[a-z]*\.?,?\s+(?P<y3>(?:19|20)\d\d)")
_LABELLED = re.compile(
    r"(?:发布时间|发布日期|发稿时间|日期|时间|更新时间|Pub(?:lished|lication)?\s*Date|Published(?:\s+on)?|Updated|"
    r"Release\s+time|Date|Posted)\s*[:：]?\s*", re.IGNORECASE)
_SHORT_LABELLED = re.compile(r"Pub\s*Date\s*[:：]\s*(?P<y>\d\d)-(?P<m>\d\d)-(?P<d>\d\d)", re.IGNORECASE)
_DATE_THEN_SOURCE = re.compile(rf"{_ISO}\s*(?:\d{{1,2}}:\d\d(?::\d\d)?)?\s*[|｜]?\s*(?:来源|Source)")
_SOURCE = re.compile(r"(?:来源|稿源|Source)\s*[:：]\s*(?P<s>[^\s|｜/,，;；]{2,30}(?:\s[A-Z][A-Za-z.]+){0,3})")


@dataclass(frozen=True)
class Table:
    """A table of an HTML document: its rows of cell texts, and the offset in the document's text
    where its rows begin (each row is one line, cells joined by `` | ``)."""

    start: int
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Document:
    """A source document reduced to plain text, with its metadata.

    ``document_id`` is the first 16 hex digits of the SHA-256 of the plain text, so the same
    article saved twice (or as HTML and as text) is stored once.
    """

    document_id: str
    title: str
    text: str
    language: str
    url: str | None = None
    path: str | None = None
    published: dt.date | None = None
    source: str | None = None
    tables: tuple[Table, ...] = field(default=())


def content_hash(text: str) -> str:
    """First 16 hex digits of the SHA-256 of ``text`` (UTF-8, whitespace runs collapsed)."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def _date(y: int, m: int, d: int, *, today: dt.date) -> dt.date | None:
    try:
        when = dt.date(y, m, d)
    except ValueError:
        return None
    return when if dt.date(1990, 1, 1) <= when <= today else None


def _from_match(m: re.Match[str], today: dt.date) -> dt.date | None:
    g = m.groupdict()
    if g.get("y"):
        return _date(int(g["y"]), int(g["m"]), int(g["d"]), today=today)
    if g.get("y2"):
        return _date(int(g["y2"]), _MONTHS[g["mon"][:3].lower()], int(g["d2"]), today=today)
    if g.get("y3"):
        return _date(int(g["y3"]), _MONTHS[g["mon3"][:3].lower()], int(g["d3"]), today=today)
    return None


def find_published(text: str, *, meta: dict[str, str] | None = None, filename: str | None = None,
                   today: dt.date | None = None) -> dt.date | None:
    """Publication date of a document (see the module docstring for the order of sources).

    >>> find_published("日期:2024-11-19 05:31 来源:工业处\\n10月份,四川规模以上工业增加值同比增长7.8%")
    datetime.date(2024, 11, 19)
    >>> find_published("Pub Date:23-10-12 15:21 Source:english.anhuinews.com")
    datetime.date(2023, 10, 12)
    >>> find_published("GDP grew.", meta={"article:published_time": "2024-01-23T09:45:00+08:00"})
    datetime.date(2024, 1, 23)
    """
    today = today or dt.date.today()
    for key in _META_DATE:
        value = (meta or {}).get(key)
        if value:
            m = _DATE.search(value) or re.search(r"(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)", value)
            if m and (when := _from_match(m, today)):
                return when
    head = text[:800]
    m = _SHORT_LABELLED.search(head)
    if m and (when := _date(2000 + int(m.group("y")), int(m.group("m")), int(m.group("d")), today=today)):
        return when
    for lab in _LABELLED.finditer(head):
        m = _DATE.match(head, lab.end())
        if m and (when := _from_match(m, today)):
            return when
    m = _DATE_THEN_SOURCE.search(head)
    if m and (when := _from_match(m, today)):
        return when
    if filename:
        name = Path(filename).name
        m = re.search(r"(?P<y>(?:19|20)\d\d)[-_.]?(?P<m>[01]\d)[-_.]?(?P<d>[0-3]\d)", name)
        if m and (when := _date(int(m.group("y")), int(m.group("m")), int(m.group("d")), today=today)):
            return when
    m = _DATE.search(text[:300])
    if m and (when := _from_match(m, today)):
        return when
    return None


def find_source(text: str, *, meta: dict[str, str] | None = None) -> str | None:
    """Publisher of a document: ``og:site_name`` / ``SiteName`` meta, else a ``来源：`` line.

    >>> find_source("2023年10月19日10:18 | 来源:人民网-四川频道")
    '人民网-四川频道'
    """
    for key in _META_SITE:
        value = (meta or {}).get(key)
        if value:
            return value.strip()
    m = _SOURCE.search(text[:800])
    return m.group("s").strip() if m else None


def _tables(text: str, tables: list[list[list[str]]]) -> tuple[Table, ...]:
    out = []
    pos = 0
    for rows in tables:
        block = "\n".join(render_row(r) for r in rows)
        i = text.find(block, pos)
        if i < 0:
            continue
        out.append(Table(i, tuple(tuple(r) for r in rows)))
        pos = i + len(block)
    return tuple(out)


def document_from_text(content: str, *, fmt: str = "text", url: str | None = None,
                       path: str | None = None, published: dt.date | None = None,
                       source: str | None = None) -> Document:
    """Build a :class:`Document` from a string in ``fmt`` (``text``, ``markdown`` or ``html``).

    ``published`` and ``source``, when given, win over what the document says of itself.

    >>> d = document_from_text("<p>四川省GDP增长6%</p>", fmt="html")
    >>> d.text, d.language, len(d.document_id)
    ('四川省GDP增长6%', 'zh', 16)
    """
    if fmt not in ("text", "markdown", "html"):
        raise InputError(f"document format must be text, markdown or html, got {fmt!r}")
    meta: dict[str, str] = {}
    tables: tuple[Table, ...] = ()
    if fmt == "html":
        page = parse_html(content)
        text, title, meta = page.text, page.title, page.meta
        tables = _tables(text, page.tables)
    else:
        text, title = to_text(content, fmt=fmt)
        if fmt == "markdown" and not text:
            text = markdown_to_text(content)
    when = published or find_published(text, meta=meta, filename=path)
    who = source or find_source(text, meta=meta)
    return Document(content_hash(text), title, text, detect_language(text), url, path, when, who, tables)


def read_document(path: str | Path, *, fmt: str | None = None, published: dt.date | None = None) -> Document:
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
    return document_from_text(content, fmt=kind, path=str(p), published=published)
