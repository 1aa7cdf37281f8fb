"""Reference for bench/extract.mjs: trafilatura's extract() with its default settings on every page
of the evaluation set, on one core. Reads the page list (JSON: [[file, path to .gz], ...]) from
argv[1]; prints JSON {"seconds": extraction time, "texts": {file: text or null}, "version": ...}."""
import gzip
import json
import sys
import time

import trafilatura

pages = json.load(open(sys.argv[1]))
raw = [(file, gzip.open(path).read()) for file, path in pages]
texts = {}
start = time.perf_counter()
for file, html in raw:
    try:
        texts[file] = trafilatura.extract(html)
    except Exception as err:  # noqa: BLE001 - a page trafilatura fails on scores as an empty extraction
        print(f"trafilatura failed on {file}: {err}", file=sys.stderr)
        texts[file] = None
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "texts": texts, "version": trafilatura.__version__}))
