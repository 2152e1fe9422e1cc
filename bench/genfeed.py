#!/usr/bin/env python3
"""Writes a synthetic JSON Lines feed for the indexing and export benchmarks.

usage: bench/genfeed.py N [SEED] > feed.jsonl

Each article: 60-140 random words from "w0".."w19999" plus about one word
in forty from a list of 30 diplomatic words (so word queries match a few
percent of the feed), a date in 2024, one of ten outlets, title "tN".
Every 50th article reprints an earlier one word for word under another
outlet a day later, so syndicated copies are grouped and collapsed at
scale too. Deterministic for a given N and SEED.
"""
import json
import random
import sys

WORDS = ("corridor pipeline treaty statement talks inspectors minister sanctions gas summit visit"
         " embassy guarantees proposal delegation resolution security envoy border negotiations"
         " agreement dialogue grain energy ceasefire troops council vote nuclear withdrawal").split()
OUTLETS = ["Xinhua", "MENAFN", "TASS", "RIA Novosti", "Anadolu", "AFP", "UN News", "Caliber.az",
           "Reuters", "Kyiv Ledger"]


def article(rng, i):
    words = [rng.choice(WORDS) if rng.random() < 0.025 else "w%d" % rng.randrange(20000)
             for _ in range(rng.randint(60, 140))]
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return {"id": "r%d" % i, "date": "2024-%02d-%02d" % (month, day),
            "outlet": rng.choice(OUTLETS), "title": "t%d" % i, "text": " ".join(words)}


def main():
    n = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    recent = []
    out = sys.stdout
    for i in range(n):
        if i % 50 == 49 and recent:
            orig = rng.choice(recent)
            a = dict(orig, id="r%d" % i,
                     outlet=OUTLETS[(OUTLETS.index(orig["outlet"]) + 1) % len(OUTLETS)],
                     date=orig["date"][:8] + "%02d" % (int(orig["date"][8:]) + 1))
        else:
            a = article(rng, i)
            recent = (recent + [a])[-200:]
        out.write(json.dumps(a) + "\n")


if __name__ == "__main__":
    main()
