"""Text extraction throughput: articles per second on this machine.

Articles are built from the labelled evaluation paragraphs (tests/intelligence/data): each
article joins eight paragraphs (about 600 characters in Chinese or 1,300 in English, the length
of a short news item) in a rotating order. The script times facts and priority lists together,
after a warm-up that builds the gazetteer and lexicon (their one-off build time is printed
separately), and prints the in-sample and held-out precision and recall of the same run.

Run:  .venv/bin/python benchmarks/extraction_throughput.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import yaml

from xinzhi.intelligence import extract_facts, extract_priorities, score_facts
from xinzhi.intelligence.gazetteer import reference_gazetteer
from xinzhi.intelligence.lexicon import load_lexicon

DATA = Path(__file__).resolve().parents[1] / "tests" / "intelligence" / "data"


def _load(name: str) -> list[dict]:
    return yaml.safe_load((DATA / name).read_text("utf-8"))["paragraphs"]


def _scores(paragraphs: list[dict]) -> dict:
    pred, gold = {}, {}
    for p in paragraphs:
        pred[p["id"]] = [{"region": f.region_code, "indicator": f.indicator, "value": f.value,
                          "period": f.period, "qualifier": f.qualifier, "kind": f.kind}
                         for f in extract_facts(p["text"])]
        gold[p["id"]] = [dict(g, region=str(g["region"]), period=str(g["period"])) for g in p["facts"]]
    return score_facts(pred, gold)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args()
    paragraphs = _load("eval_paragraphs.yaml") + _load("heldout_paragraphs.yaml")
    t0 = time.perf_counter()
    gaz, lex = reference_gazetteer(), load_lexicon()
    build = time.perf_counter() - t0
    by_lang = {lang: [p["text"] for p in paragraphs if p["lang"] == lang] for lang in ("zh", "en")}
    articles = []
    for i in range(args.articles):
        pool = by_lang["zh" if i % 2 == 0 else "en"]
        sep = "\n" if i % 2 == 0 else "\n\n"
        articles.append(sep.join(pool[(i + k) % len(pool)] for k in range(8)))
    chars = sum(len(a) for a in articles)
    extract_facts(articles[0], gazetteer=gaz, lexicon=lex)  # warm-up
    runs = []
    n_facts = 0
    for _ in range(3):
        t = time.perf_counter()
        n_facts = 0
        for a in articles:
            n_facts += len(extract_facts(a, gazetteer=gaz, lexicon=lex))
            extract_priorities(a, gazetteer=gaz)
        runs.append(time.perf_counter() - t)
    best, median = min(runs), statistics.median(runs)
    print(f"gazetteer + lexicon build (once per process): {build:.2f} s")
    print(f"{args.articles} articles, {chars / args.articles:.0f} characters each on average, "
          f"{n_facts} facts per pass")
    print(f"best of 3: {best:.2f} s = {args.articles / best:,.0f} articles/s "
          f"({chars / best / 1e6:.2f} M characters/s); median {args.articles / median:,.0f} articles/s")
    for name in ("eval_paragraphs.yaml", "heldout_paragraphs.yaml"):
        s = _scores(_load(name))
        print(name, " ".join(f"{k}: P={v.precision:.3f} R={v.recall:.3f}" for k, v in s.items()))


if __name__ == "__main__":
    main()
