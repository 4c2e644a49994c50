#!/usr/bin/env python3
"""Checks that the union of an export's shards, merged by DataFusion SQL, is the whole folder.

Usage: merge_check.py TABLES WORDS.json ENTITIES.jsonl DOC_IDS.txt

TABLES holds the parts written by `quarry export --shard I/N`; WORDS.json is
`quarry words FOLDER --all --top <every word> --json`, ENTITIES.jsonl is
`quarry entities FOLDER --jsonl`, DOC_IDS.txt the expected document ids, one a line.
Exits 0 when every word's count and document count, every label's mention count and the
set of documents agree exactly; else prints what differs and exits 1. Run by
tests/tables_merge.rs.
"""

import json
import sys
from collections import Counter

from datafusion import SessionContext


def rows(ctx, sql):
    return ctx.sql(sql).to_arrow_table().to_pylist()


def compare(what, merged, whole, problems):
    if merged == whole:
        return
    keys = sorted(set(merged) | set(whole), key=str)
    diff = [(k, merged.get(k), whole.get(k)) for k in keys if merged.get(k) != whole.get(k)]
    problems.append(f"{what}: {len(diff)} differ (merged, whole), first: {diff[:5]}")


def main():
    tables, words_file, entities_file, ids_file = sys.argv[1:5]
    ctx = SessionContext()
    for t in ("documents", "terms", "mentions"):
        ctx.register_parquet(t, f"{tables}/{t}/")
    problems = []

    merged = {
        r["term"]: (r["count"], r["documents"])
        for r in rows(ctx, """SELECT term, SUM(count) AS count, COUNT(*) AS documents
                              FROM terms GROUP BY term""")
    }
    with open(words_file, encoding="utf-8") as f:
        listed = json.load(f)["words"]
    whole = {w["word"]: (w["count"], w["documents"]) for w in listed}
    if len(listed) != len(whole):
        problems.append("quarry words lists a word twice")
    compare("word counts", merged, whole, problems)

    merged = {
        r["label"]: r["n"]
        for r in rows(ctx, "SELECT label, COUNT(*) AS n FROM mentions GROUP BY label")
    }
    whole = Counter()
    with open(entities_file, encoding="utf-8") as f:
        for line in f:
            for e in json.loads(line)["entities"]:
                whole[e["label"]] += 1
    compare("mentions per label", merged, dict(whole), problems)

    ids = [r["doc_id"] for r in rows(ctx, "SELECT doc_id FROM documents")]
    with open(ids_file, encoding="utf-8") as f:
        expected = [line.rstrip("\n") for line in f if line.strip()]
    twice = [k for k, n in Counter(ids).items() if n > 1]
    if twice:
        problems.append(f"documents in more than one shard: {twice[:5]}")
    compare("documents", {i: True for i in ids}, {i: True for i in expected}, problems)

    totals = rows(ctx, """SELECT (SELECT COUNT(*) FROM terms) AS terms,
                                 (SELECT COUNT(*) FROM mentions) AS mentions""")[0]
    print(f"merge_check: {len(ids)} documents, {totals['terms']} term rows, "
          f"{totals['mentions']} mentions, {len(merged)} labels")
    for p in problems:
        print("merge_check: " + p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
