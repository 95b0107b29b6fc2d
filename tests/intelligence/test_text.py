"""HTML and Markdown stripping, sentences and offsets."""

from __future__ import annotations

from xinzhi.intelligence import document_from_text, extract_facts
from xinzhi.intelligence.text import html_to_text, markdown_to_text, split_sentences

PAGE = """<html><head><title>四川经济</title><script>var x = "GDP增长99%";</script></head><body>
<nav><a href="/">首页</a> | 新闻</nav>
<div class="cookie-banner">本网站使用cookie。同意</div>
<article><h1>四川经济稳中向好</h1>
<p>2023年四川省地区生产总值达到60132.9亿元，比上年增长6.0%。</p>
<div class="share-bar">分享到微博</div></article>
<section id="comments"><form>评论：成都GDP增长50%</form></section>
<footer>版权所有 2024</footer></body></html>"""


def test_html_boilerplate_is_dropped() -> None:
    text, title = html_to_text(PAGE)
    assert title == "四川经济"
    assert text == "四川经济稳中向好\n2023年四川省地区生产总值达到60132.9亿元，比上年增长6.0%。"


def test_facts_from_html_keep_offsets_into_the_stripped_text() -> None:
    doc = document_from_text(PAGE, fmt="html")
    facts = extract_facts(doc.text, document_id=doc.document_id)
    assert [(f.indicator, f.value) for f in facts] == [("gdp", 6013290000000.0), ("gdp_growth", 0.06)]
    for f in facts:
        assert doc.text[f.value_start : f.value_end] == f.value_text
        assert doc.text[f.sentence_start : f.sentence_end] == f.sentence


def test_markdown() -> None:
    md = "# Chengdu\n\n**Chengdu's GDP** reached [2.2 trillion yuan](https://x) in 2023.\n"
    assert markdown_to_text(md) == "Chengdu\nChengdu's GDP reached 2.2 trillion yuan in 2023."


def test_sentences_keep_decimals() -> None:
    s = split_sentences("GDP grew 6.5 percent. Output rose 3 percent.")
    assert [x.text for x in s] == ["GDP grew 6.5 percent.", "Output rose 3 percent."]


def test_same_content_same_id() -> None:
    a = document_from_text("<p>四川省GDP增长6%</p>", fmt="html")
    b = document_from_text("四川省GDP增长6%")
    assert a.document_id == b.document_id
