"""Text extraction throughput: articles per second on this machine.

Articles are built from the real paragraphs of the development part of the evaluation set
(tests/intelligence/data/real, ``dev`` in split.yaml; the held-out part is never run here):
each article joins ``--paragraphs`` paragraphs of one language (4 by default: about 700
characters in Chinese, 1,700 in English, a short news item) in a rotating order, half Chinese,
half English. Each article goes through the whole pipeline a user runs — ``document_from_text``
(hash, language, publication date, publisher) and ``extract_document`` (facts, table facts,
duplicates, priority lists) — after a warm-up that builds the gazetteer and lexicon (their
one-off build time is printed separately).

The machine may be shared, so the script prints both the CPU time of this process
(``time.process_time``: what the extractor costs) and the wall-clock time, with the load average
before and after. It ends with the development-part scores of the same code.

Run:  .venv/bin/python benchmarks/extraction_throughput.py [--articles 1000] [--paragraphs 4] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
from pathlib import Path

import yaml

from xinzhi.intelligence import document_from_text, extract_document
from xinzhi.intelligence.evaluation import fact_mapping, predict_paragraphs, score_facts
from xinzhi.intelligence.gazetteer import reference_gazetteer
from xinzhi.intelligence.labels import load_labelled
from xinzhi.intelligence.lexicon import load_lexicon

REAL = Path(__file__).resolve().parents[1] / "tests" / "intelligence" / "data" / "real"


def _load() -> list:
    split = yaml.safe_load((REAL / "split.yaml").read_text("utf-8"))
    dev = set(split["dev"])
    return [p for p in load_labelled(*sorted(REAL.glob("*.yaml"))) if p.id in dev]


def _load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--paragraphs", type=int, default=4, help="paragraphs per article")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    dev = _load()
    t0 = time.perf_counter()
    gaz, lex = reference_gazetteer(), load_lexicon()
    build = time.perf_counter() - t0
    by_lang = {lang: [p for p in dev if p.lang == lang] for lang in ("zh", "en")}
    articles: list[tuple[str, dt.date]] = []
    for i in range(args.articles):
        pool = by_lang["zh" if i % 2 == 0 else "en"]
        parts = [pool[(i // 2 * 3 + k) % len(pool)] for k in range(args.paragraphs)]
        published = next((p.published for p in parts if p.published), dt.date(2024, 1, 1))
        title = next((p.title for p in parts if p.title), "")
        articles.append((("# " + title + "\n\n" if title else "") + "\n\n".join(p.text for p in parts), published))
    chars = sum(len(a) for a, _ in articles)

    def one_pass() -> int:
        n = 0
        for text, published in articles:
            doc = document_from_text(text, fmt="markdown", published=published)
            facts, _prios = extract_document(doc, gazetteer=gaz, lexicon=lex)
            n += len(facts)
        return n

    one_pass()  # warm-up (caches of the gazetteer, lexicon and vocabulary)
    load_before = _load_average()
    cpu, wall = [], []
    n_facts = 0
    for _ in range(args.repeat):
        c, w = time.process_time(), time.perf_counter()
        n_facts = one_pass()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    load_after = _load_average()
    print(f"machine: {os.cpu_count()} CPUs; load average before {load_before}, after {load_after}")
    print(f"gazetteer + lexicon build (once per process): {build:.2f} s")
    print(f"{args.articles} articles of {args.paragraphs} paragraphs, {chars / args.articles:.0f} characters each "
          f"on average, {n_facts} facts per pass")
    print(f"CPU time, best of {args.repeat}: {min(cpu):.2f} s = {args.articles / min(cpu):,.0f} articles/s "
          f"(median {args.articles / statistics.median(cpu):,.0f}); {chars / min(cpu) / 1e3:,.0f} k characters/s")
    print(f"wall time, best of {args.repeat}: {min(wall):.2f} s = {args.articles / min(wall):,.0f} articles/s "
          f"(median {args.articles / statistics.median(wall):,.0f})")
    pred = predict_paragraphs(dev, gazetteer=gaz, lexicon=lex)
    for lang in ("zh", "en"):
        ids = [p.id for p in dev if p.lang == lang]
        s = score_facts({i: [fact_mapping(f) for f in pred[i]] for i in ids}, {p.id: p.facts for p in dev if p.lang == lang})
        print(f"development part, {lang}: whole fact P={s['fact'].precision:.3f} R={s['fact'].recall:.3f}")


if __name__ == "__main__":
    main()
