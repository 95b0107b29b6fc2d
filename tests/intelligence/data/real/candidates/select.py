"""Take the candidate paragraphs of the second held-out part from documents.yaml, mechanically
(GUIDE.md, 'Second held-out part'): paragraphs with a figure, at most four per document, the
paragraph before without a figure as context, long ones cut after the sentence that passes 250
(Chinese) or 600 (English) characters.

    .venv/bin/python tests/intelligence/data/real/candidates/select.py tests/intelligence/data/real/candidates/round2.yaml

With ``--round 3`` first, the third held-out part ('Third held-out part'): documents_round3.yaml,
ids ``c3-…``, at most two paragraphs per document, no URL of the first two rounds.

With ``--round 4 --lang zh|en`` first, the fourth held-out part of one language ('Fourth held-out
part'): documents_round4_<lang>.yaml, ids ``c4-<lang>-…``, at most two paragraphs per document, no
URL of the first three rounds. ``--round 5`` likewise ('Fifth held-out part'), no URL of rounds 1–4, ``--round 6`` ('Sixth
held-out part'), no URL of rounds 1–5, ``--round 7`` ('Seventh held-out part'), no URL of rounds 1–6, ``--round 8`` ('Eighth held-out part'), no URL of rounds 1–7, ``--round 9`` ('Ninth held-out
part'), no URL of rounds 1–8, ``--round 10`` ('Tenth held-out part'), no URL of rounds 1–9, and ``--round 11``
('Eleventh held-out part'), no URL of rounds 1–10.
"""
import re
import sys
from pathlib import Path

import yaml

FIG_ZH = re.compile(r"(?<![\d.])\d[\d,.]*\s*(?:%|％|万|亿|千|百|个|家|户|项|辆|吨|元|人|台|件|座|条|所|倍|平方|公里|千瓦|度|斤|亩|米|种|批|只|部|片|套|位|块|芯|美元)|百分之")
FIG_EN = re.compile(r"(?<![\d.])\d[\d,.]*\s*(?:%|percent|per\s+cent|pct|million|billion|trillion|yuan|tons?|tonnes?|units?|kilowatts?|kwh|mu\b|jin\b)"
                    r"|(?<![\d.])\d[\d,.]*\s+(?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+s\b|\$\s?\d", re.IGNORECASE)
YEAR_ONLY = re.compile(r"^(?:19|20)\d\d$")

def has_figure(text, lang):
    if lang == "zh":
        return bool(FIG_ZH.search(text))
    for m in FIG_EN.finditer(text):
        num = re.match(r"\$?\s?([\d,.]+)", m.group(0)).group(1).rstrip(".,")
        if YEAR_ONLY.match(num) and not re.search(r"%|percent|million|billion|trillion|yuan", m.group(0), re.I):
            continue  # "in 2023 stores" would be a year
        return True
    return False

def cut(text, lang):
    limit = 250 if lang == "zh" else 600
    if len(text) <= limit:
        return text
    parts = re.split(r"(?<=[。！？])" if lang == "zh" else r"(?<=[.!?])\s+(?=[A-Z\"“])", text)
    out = ""
    for p in parts:
        out = (out + ("" if lang == "zh" or not out else " ") + p)
        if len(out) > limit:
            break
    return out

HERE = Path(__file__).resolve().parent
ROUND = int(sys.argv[2]) if sys.argv[1:2] == ["--round"] and sys.argv[2:3] in ([str(r)] for r in range(3, 12)) else 2
if ROUND > 2:
    del sys.argv[1:3]
LANG = None
if ROUND >= 4:
    assert sys.argv[1:2] == ["--lang"] and sys.argv[2:3] in (["zh"], ["en"]), f"--round {ROUND} needs --lang zh|en"
    LANG = sys.argv[2]
    del sys.argv[1:3]
PER_DOCUMENT = 4 if ROUND == 2 else 2
docs = yaml.safe_load((HERE / {2: "documents.yaml", 3: "documents_round3.yaml"}.get(
    ROUND, f"documents_round{ROUND}_{LANG}.yaml")).read_text("utf-8"))
assert all(d["lang"] == LANG for d in docs) if LANG else True
later = tuple(f"c{r}-" for r in range(ROUND, 12))  # ids of this round and after
urls = set()
for f in sorted((HERE.parent).glob("*.yaml")):
    if f.name != "split.yaml":
        urls |= {p["url"] for p in yaml.safe_load(f.read_text("utf-8"))["paragraphs"]
                 if not str(p["id"]).startswith(later)}  # the earlier rounds
if ROUND >= 3:
    urls |= {d["url"] for d in yaml.safe_load((HERE / "documents.yaml").read_text("utf-8"))}
if ROUND >= 4:
    urls |= {d["url"] for d in yaml.safe_load((HERE / "documents_round3.yaml").read_text("utf-8"))}
for r in range(4, ROUND):  # the per-language documents of rounds 4 and after
    for lang in ("zh", "en"):
        urls |= {d["url"] for d in yaml.safe_load((HERE / f"documents_round{r}_{lang}.yaml").read_text("utf-8"))}
seen = set()
out = []
n = {"zh": 0, "en": 0}
for d in docs:
    u = d["url"]
    assert u not in urls and u not in seen, u
    seen.add(u)
    taken = 0
    prev_plain = None
    for para in d["paragraphs"]:
        para = "\n".join(" ".join(line.split()) for line in para.strip().split("\n"))
        if has_figure(para, d["lang"]):
            if taken < PER_DOCUMENT:
                n[d["lang"]] += 1
                out.append({"id": f"c{ROUND}-{d['lang']}-{n[d['lang']]:03d}", "lang": d["lang"], "type": d["type"],
                            "source": d["source"], "url": u, "published": str(d["published"]) if d["published"] else None, "title": d["title"],
                            "context": cut(prev_plain, d["lang"]) if prev_plain else None,
                            "text": cut(para, d["lang"])})
                taken += 1
            prev_plain = None
        else:
            prev_plain = para
print(len(docs), "documents;", n, "candidates", file=sys.stderr)
if len(sys.argv) > 1:
    class NoAlias(yaml.SafeDumper):
        def ignore_aliases(self, data):
            return True
    head = ("# Candidates of the second held-out part (GUIDE.md, 'Second held-out part'): paragraphs taken\n"
            "# mechanically from fresh documents, unlabelled; the extractor has not run on them.\n")
    if ROUND > 2:
        nth = {3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth", 11: "eleventh"}[ROUND]
        head = head.replace("second held-out part", f"{nth} held-out part").replace("'Second", f"'{nth.title()}")
        if LANG:
            head = head.replace("part): paragraphs", f"part, {LANG}): paragraphs")
    with open(sys.argv[1], "w", encoding="utf-8") as fh:
        fh.write(head)
        yaml.dump({"paragraphs": out}, fh, Dumper=NoAlias, allow_unicode=True, sort_keys=False, width=1000)
