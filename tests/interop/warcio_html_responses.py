"""Test oracle for anneal's WARC reader: lists, per file, the HTML responses Python's warcio reads.

Prints one JSON object: {file: {"ids": [WARC-Record-ID of each response record whose HTTP
Content-Type is text/html or application/xhtml+xml], "failed": error text or null}}. Records read
before warcio gives up on a damaged file are listed; `failed` says that it gave up.
"""
import json
import os
import sys

from warcio.archiveiterator import ArchiveIterator

HTML = ("text/html", "application/xhtml+xml")

out = {}
for path in sys.argv[1:]:
    ids, failed = [], None
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh, arc2warc=True):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                mime = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
                if mime in HTML:
                    ids.append(record.rec_headers.get_header("WARC-Record-ID"))
    except Exception as err:  # noqa: BLE001 - any failure is what the test compares against
        failed = f"{type(err).__name__}: {err}".strip()
    out[os.path.basename(path)] = {"ids": ids, "failed": failed}
print(json.dumps(out))
