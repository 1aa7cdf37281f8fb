"""Test oracle: datatrove's heuristic filters, each alone with its defaults, on every document.

usage: python3 datatrove_filters.py docs.jsonl > verdicts.jsonl
Reads {"id", "text"} per line; writes {"id", "<filter>": [kept, reason]} per line, for
gopher_quality, gopher_repetition, c4 (filter_no_terminal_punct=False, as the issue measured it)
and fineweb. Each filter sees the original text (C4 rewrites doc.text, so every filter gets its own
Document).
"""
import json
import sys

from datatrove.data import Document
from datatrove.pipeline.filters import (
    C4QualityFilter,
    FineWebQualityFilter,
    GopherQualityFilter,
    GopherRepetitionFilter,
)

FILTERS = {
    "gopher_quality": GopherQualityFilter(),
    "gopher_repetition": GopherRepetitionFilter(),
    "c4": C4QualityFilter(filter_no_terminal_punct=False),
    "fineweb": FineWebQualityFilter(),
}


def verdict(result):
    if isinstance(result, tuple):
        return [bool(result[0]), result[1]]
    return [bool(result), None]


with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        doc = json.loads(line)
        out = {"id": doc["id"]}
        for name, flt in FILTERS.items():
            out[name] = verdict(flt.filter(Document(text=doc["text"], id=doc["id"])))
        sys.stdout.write(json.dumps(out) + "\n")
