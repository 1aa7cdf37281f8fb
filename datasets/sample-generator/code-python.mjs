/**
 * Python source files built from function templates, with an optional command-line main.
 */
import { pascal } from './text-case.mjs';
import { pickN } from './random-choice.mjs';
import { T } from './template-fill.mjs';

// Python: each entry gives a function (name, imports, code). One-line docstrings and whole-line
// comments only, so that a "medium" variant can strip them with a line filter.
const PY_FUNCS = [
  (c) => ({
    name: `group_${c.p}_by_${c.key}`,
    imports: ['from collections import defaultdict'],
    code: T(
      String.raw`def group_«p»_by_«key»(«p»):
    """Group «p» by their «key», keeping the original order within each group."""
    groups = defaultdict(list)
    for «s» in «p»:
        groups[«s»["«key»"]].append(«s»)
    return dict(groups)`,
      c,
    ),
  }),
  (c) => ({
    name: `summarize_${c.field}`,
    imports: [],
    code: T(
      String.raw`def summarize_«field»(«p»):
    """Return count, mean, min and max of the «field» of each «s»."""
    values = [«s»["«field»"] for «s» in «p» if «s».get("«field»") is not None]
    if not values:
        return {"count": 0, "mean": None, "min": None, "max": None}
    return {
        "count": len(values),
        "mean": sum(values) / len(values),
        "min": min(values),
        "max": max(values),
    }`,
      c,
    ),
  }),
  (c) => ({
    name: 'moving_average',
    imports: [],
    code: T(
      String.raw`def moving_average(values, window=«window»):
    """Return the simple moving average of values over a sliding window."""
    if window <= 0:
        raise ValueError("window must be positive")
    result = []
    total = 0.0
    for i, value in enumerate(values):
        total += value
        if i >= window:
            total -= values[i - window]
        if i >= window - 1:
            result.append(total / window)
    return result`,
      c,
    ),
  }),
  (c) => ({
    name: 'load_settings',
    imports: [],
    code: T(
      String.raw`def load_settings(path):
    """Read a key=value settings file, ignoring blank lines and comments."""
    settings = {}
    with open(path, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if "=" not in line:
                raise ValueError(f"{path}:{line_number}: expected key=value, got {line!r}")
            key, value = line.split("=", 1)
            settings[key.strip()] = value.strip()
    return settings`,
      c,
    ),
  }),
  (c) => ({
    name: 'retry',
    imports: ['import functools', 'import time'],
    code: T(
      String.raw`def retry(attempts=«n», delay=«threshold», backoff=2.0, exceptions=(Exception,)):
    """Retry the decorated function with exponential backoff."""
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            wait = delay
            for attempt in range(1, attempts + 1):
                try:
                    return func(*args, **kwargs)
                except exceptions:
                    if attempt == attempts:
                        raise
                    time.sleep(wait)
                    wait *= backoff
        return wrapper
    return decorator`,
      c,
    ),
  }),
  (c) => ({
    name: `find_${c.s}_index`,
    imports: [],
    code: T(
      String.raw`def find_«s»_index(sorted_«p», target):
    """Binary search for target in a list sorted by «field»; return -1 if absent."""
    low, high = 0, len(sorted_«p») - 1
    while low <= high:
        mid = (low + high) // 2
        current = sorted_«p»[mid]["«field»"]
        if current == target:
            return mid
        if current < target:
            low = mid + 1
        else:
            high = mid - 1
    return -1`,
      c,
    ),
  }),
  (c) => ({
    name: 'top_words',
    imports: ['import re', 'from collections import Counter'],
    code: T(
      String.raw`WORD_RE = re.compile(r"[a-z']+")


def top_words(text, limit=«limit»):
    """Return the most common lower-case words in text with their counts."""
    words = WORD_RE.findall(text.lower())
    # Very short words are mostly articles and pronouns; they drown out everything else.
    counts = Counter(word for word in words if len(word) > 2)
    return counts.most_common(limit)`,
      c,
    ),
  }),
  (c) => ({
    name: c.S,
    imports: ['from dataclasses import dataclass, field'],
    code: T(
      String.raw`@dataclass
class «S»:
    """A single «s» as stored in the «p» table."""

    id: int
    «key»: str
    «field»: float = 0.0
    tags: list = field(default_factory=list)

    def is_valid(self):
        """Return True when the record can be saved."""
        return self.id > 0 and bool(self.«key») and self.«field» >= 0

    def with_tag(self, tag):
        """Return a copy of this «s» with one more tag."""
        return «S»(self.id, self.«key», self.«field», self.tags + [tag])`,
      c,
    ),
  }),
  (c) => ({
    name: 'chunked',
    imports: [],
    code: T(
      String.raw`def chunked(items, size=«size»):
    """Yield successive lists of at most size items."""
    if size < 1:
        raise ValueError("size must be at least 1")
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch`,
      c,
    ),
  }),
  (c) => ({
    name: `normalize_${c.field}`,
    imports: ['import statistics'],
    code: T(
      String.raw`def normalize_«field»(«p»):
    """Add a z-score of «field» to every «s»; a constant column gets zeros."""
    values = [«s»["«field»"] for «s» in «p»]
    if len(values) < 2:
        return [dict(«s», «field»_z=0.0) for «s» in «p»]
    mean = statistics.mean(values)
    spread = statistics.stdev(values) or 1.0
    return [dict(«s», «field»_z=(«s»["«field»"] - mean) / spread) for «s» in «p»]`,
      c,
    ),
  }),
  (c) => ({
    name: `total_${c.field}_by_${c.key}`,
    imports: ['import csv', 'from collections import defaultdict'],
    code: T(
      String.raw`def total_«field»_by_«key»(csv_path):
    """Sum the «field» column of a CSV export for each «key»."""
    totals = defaultdict(float)
    with open(csv_path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                totals[row["«key»"]] += float(row["«field»"])
            except (KeyError, ValueError):
                # Exports from the old system contain blank rows; skip them.
                continue
    return dict(sorted(totals.items()))`,
      c,
    ),
  }),
  (c) => ({
    name: 'LRUCache',
    imports: ['from collections import OrderedDict'],
    code: T(
      String.raw`class LRUCache:
    """A small least-recently-used cache for «s» lookups."""

    def __init__(self, capacity=«limit»):
        self.capacity = capacity
        self._items = OrderedDict()

    def get(self, key, default=None):
        if key not in self._items:
            return default
        self._items.move_to_end(key)
        return self._items[key]

    def put(self, key, value):
        self._items[key] = value
        self._items.move_to_end(key)
        if len(self._items) > self.capacity:
            self._items.popitem(last=False)

    def __len__(self):
        return len(self._items)`,
      c,
    ),
  }),
  (c) => ({
    name: 'flatten',
    imports: [],
    code: T(
      String.raw`def flatten(nested):
    """Flatten arbitrarily nested lists and tuples into a single list."""
    flat = []
    for item in nested:
        if isinstance(item, (list, tuple)):
            flat.extend(flatten(item))
        else:
            flat.append(item)
    return flat`,
      c,
    ),
  }),
  (c) => ({
    name: 'merge_intervals',
    imports: [],
    code: T(
      String.raw`def merge_intervals(intervals):
    """Merge overlapping (start, end) intervals and return them sorted."""
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [tuple(pair) for pair in merged]`,
      c,
    ),
  }),
  (c) => ({
    name: 'is_valid_email',
    imports: ['import re'],
    code: T(
      String.raw`EMAIL_RE = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")


def is_valid_email(address):
    """Cheap syntactic check; the confirmation email is the real test."""
    return bool(EMAIL_RE.match(address.strip()))`,
      c,
    ),
  }),
  (c) => ({
    name: `flag_${c.p}`,
    imports: [],
    code: T(
      String.raw`def flag_«p»(«p», threshold=«threshold»):
    """Return the ids of «p» whose «field» is above threshold times the median."""
    values = sorted(«s»["«field»"] for «s» in «p»)
    if not values:
        return []
    median = values[len(values) // 2]
    return [«s»["id"] for «s» in «p» if «s»["«field»"] > threshold * median]`,
      c,
    ),
  }),
];

const PY_MAIN = (c) =>
  T(
    String.raw`def main(argv=None):
    parser = argparse.ArgumentParser(description="Summarise «p» stored in a JSON file.")
    parser.add_argument("path", help="JSON file holding a list of «p»")
    parser.add_argument("--«key»", default=None, help="only include «p» with this «key»")
    args = parser.parse_args(argv)
    with open(args.path, encoding="utf-8") as handle:
        «p» = json.load(handle)
    if args.«key» is not None:
        «p» = [item for item in «p» if item.get("«key»") == args.«key»]
    print(json.dumps(summarize_«field»(«p»), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())`,
    c,
  );

export function pythonFile(rng, c) {
  const fns = pickN(rng, PY_FUNCS, rng.int(2, 5)).map((f) => f(c));
  const withMain = rng.chance(0.4);
  if (withMain && !fns.some((f) => f.name === `summarize_${c.field}`)) fns.push(PY_FUNCS[1](c));
  const imports = new Set(fns.flatMap((f) => f.imports));
  if (withMain) ['import argparse', 'import json', 'import sys'].forEach((i) => imports.add(i));
  const plain = [...imports].filter((i) => i.startsWith('import ')).sort();
  const from = [...imports].filter((i) => i.startsWith('from ')).sort();
  const doc = rng.pick([
    `"""Helpers for working with ${c.p} exported from the ${c.key} dashboard."""`,
    `"""Utilities for cleaning and summarising ${c.s} records.\n\nThe functions here are small on purpose so they can be tested in isolation.\n"""`,
    `"""${pascal(c.s)} processing helpers."""`,
    `# ${c.p}_utils.py - shared code for the ${c.p} reports\n"""Tools used by the nightly ${c.s} report."""`,
  ]);
  const parts = [doc];
  const importBlock = [plain.join('\n'), from.join('\n')].filter(Boolean).join('\n');
  if (importBlock) parts.push(importBlock);
  if (rng.chance(0.4))
    parts.push(
      `DEFAULT_${c.key.toUpperCase()} = "${rng.pick(['north', 'general', 'open', 'web', 'default', 'unknown'])}"\nMAX_${c.p.toUpperCase()} = ${c.limit}`,
    );
  let body = parts.join('\n\n') + '\n\n\n' + fns.map((f) => f.code).join('\n\n\n');
  if (withMain) body += '\n\n\n' + PY_MAIN(c);
  return body + '\n';
}
