"""Plain text from HTML or Markdown, boilerplate removed; sentences with character offsets.

HTML is read with the standard library's :class:`html.parser.HTMLParser`. Dropped: ``script``,
``style``, ``nav``, ``header``, ``footer``, ``aside``, ``form``, ``noscript``, ``iframe``,
``button``, ``select`` and ``template`` elements, and any element whose ``id``, ``class`` or
``role`` names navigation, menus, cookie or consent banners, comments, sharing widgets,
breadcrumbs, sidebars, adverts or related-article lists. Block elements end a line. When an
``article`` or ``main`` element is present, only its text is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = [
    "HtmlPage",
    "Sentence",
    "detect_language",
    "html_to_text",
    "markdown_to_text",
    "parse_html",
    "render_row",
    "split_sentences",
    "to_text",
]

_SKIP_TAGS = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe",
              "button", "select", "template", "svg", "textarea", "label"}
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
              "track", "wbr"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
               "table", "section", "article", "main", "blockquote", "pre", "dd", "dt", "figcaption",
               "td", "th"}
_BOILERPLATE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|cookie|cookies|consent|gdpr|banner|comment|comments|"
    r"share|sharing|social|breadcrumb|breadcrumbs|sidebar|footer|header|advert|ads|ad|related|"
    r"recommend|subscribe|newsletter|login|popup|modal|toolbar|pagination|copyright)(?:$|[-_\s])",
    re.IGNORECASE,
)



def _grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Cells placed on a grid: a ``colspan`` cell repeated across its columns, a ``rowspan`` cell
    repeated down its rows.

    >>> _grid([[("指标", 1, 2), ("10月", 2, 1)], [("绝对量", 1, 1), ("增长", 1, 1)]])
    [['指标', '10月', '10月'], ['指标', '绝对量', '增长']]
    """
    pending: dict[int, tuple[str, int]] = {}  # column → (text, rows still to fill)
    out: list[list[str]] = []
    for cells in rows:
        row: list[str] = []
        queue = list(cells)
        col = 0
        while queue or any(c >= col for c in pending):
            if col in pending:
                text, left = pending[col]
                row.append(text)
                if left <= 1:
                    del pending[col]
                else:
                    pending[col] = (text, left - 1)
                col += 1
                continue
            if not queue:
                col += 1
                row.append("")
                continue
            text, cspan, rspan = queue.pop(0)
            for _ in range(cspan):
                if rspan > 1:
                    pending[col] = (text, rspan - 1)
                row.append(text)
                col += 1
        while row and row[-1] == "" and len(row) > len(cells):
            row.pop()
        out.append(row)
    return out

class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipping)
        self.parts: list[str] = []
        self.main_parts: list[str] = []
        self.main_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.meta: dict[str, str] = {}
        self.h1: list[str] = []
        self.in_h1 = False
        self.tables: list[list[list[str]]] = []
        self._table_stack: list[list[list[tuple[str, int, int]]]] = []
        self._cell: list[str] | None = None

    _colspan = 1
    _rowspan = 1

    def _skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("name") or a.get("property") or a.get("itemprop") or a.get("http-equiv") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"].strip())
        if tag == "h1":
            self.in_h1 = True
        if tag == "table":
            self._table_stack.append([])
        elif tag == "tr" and self._table_stack:
            self._table_stack[-1].append([])
        elif tag in ("td", "th") and self._table_stack:
            if not self._table_stack[-1]:
                self._table_stack[-1].append([])
            self._cell = []
            a = {k: v or "" for k, v in attrs}
            cspan, rspan = a.get("colspan"), a.get("rowspan")
            self._colspan = min(int(cspan), 50) if cspan and cspan.isdigit() else 1
            self._rowspan = min(int(rspan), 200) if rspan and rspan.isdigit() else 1
        if tag in _VOID_TAGS:
            if tag == "br":
                self._emit("\n")
            return
        marker = " ".join(v or "" for k, v in attrs if k in ("id", "class", "role"))
        skip = self._skipping() or tag in _SKIP_TAGS or bool(_BOILERPLATE.search(marker))
        self.stack.append((tag, skip))
        if tag in ("article", "main") and not skip:
            self.main_depth += 1
        if tag in _BLOCK_TAGS and not self._table_stack:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag in ("td", "th") and self._cell is not None and self._table_stack:
            cell = " ".join("".join(self._cell).split())
            self._table_stack[-1][-1].append((cell, max(1, self._colspan), max(1, self._rowspan)))
            self._cell = None
        if tag == "table" and self._table_stack:
            table = [row for row in _grid(self._table_stack.pop()) if row and any(c for c in row)]
            if table:
                self.tables.append(table)
                if not self._skipping():
                    self._emit("\n" + "\n".join(render_row(r) for r in table) + "\n")
        if tag in _VOID_TAGS:
            return
        # close up to the matching tag (tolerates unclosed children)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                closed = self.stack[i:]
                del self.stack[i:]
                for t, skip in closed:
                    if t in ("article", "main") and not skip:
                        self.main_depth -= 1
                break
        if tag in _BLOCK_TAGS and not self._table_stack:
            self._emit("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.in_h1:
            self.h1.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._table_stack:
            return
        if self._skipping():
            return
        self._emit(data)

    def _emit(self, s: str) -> None:
        self.parts.append(s)
        if self.main_depth > 0:
            self.main_parts.append(s)


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip() for line in text.splitlines()]
    out = "\n".join(line for line in lines if line)
    return out


def html_to_text(html: str) -> tuple[str, str]:
    """Text and title of an HTML page, with boilerplate removed.

    Examples
    --------
    >>> html_to_text("<title>T</title><nav>Home</nav><p>GDP grew.</p><div class='cookie-banner'>OK</div>")
    ('GDP grew.', 'T')
    """
    page = parse_html(html)
    return page.text, page.title


def render_row(cells: list[str]) -> str:
    """A table row as one line of the document text: cells joined by `` | ``."""
    return " | ".join(c if c else "-" for c in cells)


@dataclass(frozen=True)
class HtmlPage:
    """What :func:`parse_html` keeps of a page: the text (boilerplate removed), the title (the
    ``<title>``, or the first ``<h1>`` when there is no title), the ``<meta>`` values by lower-case
    name or property, and the tables as rows of cell texts (``colspan`` cells repeated)."""

    text: str
    title: str
    meta: dict[str, str]
    tables: list[list[list[str]]]


def parse_html(html: str) -> HtmlPage:
    r"""Parse an HTML page once: text, title, meta values and tables (see :class:`HtmlPage`).

    >>> p = parse_html('<meta name="PubDate" content="2024-11-19 05:31"><h1>Q3</h1>'
    ...                '<table><tr><th>指标</th><th>增速(%)</th></tr><tr><td>GDP</td><td>6.1</td></tr></table>')
    >>> p.title, p.meta["pubdate"], p.tables, p.text
    ('Q3', '2024-11-19 05:31', [[['指标', '增速(%)'], ['GDP', '6.1']]], 'Q3\n指标 | 增速(%)\nGDP | 6.1')
    """
    p = _Extractor()
    p.feed(html)
    p.close()
    body = "".join(p.main_parts) if "".join(p.main_parts).strip() else "".join(p.parts)
    title = _tidy("".join(p.title)) or _tidy("".join(p.h1))
    return HtmlPage(_tidy(body), title, p.meta, p.tables)


_MD_RULES = [
    (re.compile(r"```.*?```", re.DOTALL), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE), ""),
    (re.compile(r"^\s{0,3}>\s?", re.MULTILINE), ""),
    (re.compile(r"^\s*[-*+]\s+", re.MULTILINE), ""),
    (re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", re.MULTILINE), ""),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"<[^>]+>"), ""),
]


def markdown_to_text(md: str) -> str:
    """Text of a Markdown document (headings, emphasis, links and images reduced to text).

    >>> markdown_to_text("# Title\\n**GDP** grew [6%](http://x).")
    'Title\\nGDP grew 6%.'
    """
    out = md
    for pattern, repl in _MD_RULES:
        out = pattern.sub(repl, out)
    return _tidy(out)


def to_text(content: str, *, fmt: str) -> tuple[str, str]:
    """``(text, title)`` of a document given as ``fmt`` = ``html``, ``markdown`` or ``text``."""
    if fmt == "html":
        return html_to_text(content)
    text = markdown_to_text(content) if fmt == "markdown" else _tidy(content)
    first = text.split("\n", 1)[0]
    return text, first if len(first) <= 80 else first[:79] + "…"


_CJK = re.compile(r"[\u4e00-\u9fff]")


def detect_language(text: str) -> str:
    """``zh`` when at least a fifth of the letters are Chinese characters, else ``en``.

    >>> detect_language("四川省GDP增长6%"), detect_language("Sichuan's GDP grew 6 percent")
    ('zh', 'en')
    """
    letters = sum(1 for c in text if c.isalpha())
    return "zh" if letters and len(_CJK.findall(text)) / letters >= 0.2 else "en"


@dataclass(frozen=True)
class Sentence:
    """A sentence with its offsets in the document text."""

    start: int
    end: int
    text: str
    paragraph: int


# a sentence ends at 。！？ (with closing quotes), at a line break, or at . ! ? followed by
# a space and an upper-case letter, digit or quote (so 6.5 and U.S. stay inside)
_SENT_END = re.compile(
    r"[。！？!?][”’」』）)]*|\n+|(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|No|St|vs))\.(?=\s+[\"“A-Z0-9])|[!?](?=\s)|"
    r"(?:(?<=[a-z]{3})|(?<=\d{4})|(?<=%))\.(?=[A-Z][a-z]*\b(?!\.))"  # a space left out: "5.5 percent.In 2020", "2018.The"
)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their character offsets (paragraphs are separated by line breaks).

    >>> [s.text for s in split_sentences("GDP grew 6.5%. Output rose.\\n第二段。好")]
    ['GDP grew 6.5%.', 'Output rose.', '第二段。', '好']
    """
    out: list[Sentence] = []
    paragraph = 0
    pos = 0
    for m in _SENT_END.finditer(text):
        end = m.end() if not m.group(0).startswith("\n") else m.start()
        _add(out, text, pos, end, paragraph)
        if "\n" in m.group(0):
            paragraph += 1
        pos = m.end()
    _add(out, text, pos, len(text), paragraph)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], paragraph))
