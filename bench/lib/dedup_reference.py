"""datatrove side of bench/dedup.mjs: `python dedup_reference.py '<json config>'`, one JSON line out.

Modes:
  sig    signature throughput of MinhashDedupSignature (get_shingles + get_signature) and its
         estimated Jaccard on given pairs, with datatrove's default word tokenizer (spaCy for English)
         and with a whitespace split, and how often the two give the same tokens.
  run    datatrove's four MinHash stages (signatures, buckets, clusters, filter) on a JSONL folder,
         with the word tokenizer named by cfg["tokenizer"] ("spacy" or "whitespace").

MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8, seed=1) with datatrove's default
HashConfig: 64-bit xxhash of each shingle, 64-bit (a·h + b) mod 2^61−1 hash functions.
"""
import json
import sys
import time

from datatrove.pipeline.dedup.minhash import (MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster,
                                              MinhashDedupFilter, MinhashDedupSignature)
from datatrove.utils.text import simplify_text
from datatrove.utils.typeshelper import Languages
from datatrove.utils.word_tokenizers import WordTokenizer

CONFIG = MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8, seed=1)


class WhitespaceWordTokenizer(WordTokenizer):
    """Words = a whitespace split of the (already simplified) text: what anneal's shingles use.

    MinhashDedupSignature(language=...) takes a WordTokenizer instance as well as a language code
    (datatrove's load_word_tokenizer returns it as is), so this replaces spaCy without patching."""

    def __init__(self):
        super().__init__("whitespace")

    def word_tokenize(self, text):
        return text.split()

    def sent_tokenize(self, text):
        return [text]

    def span_tokenize(self, text):
        spans, start = [], 0
        for word in text.split():
            start = text.index(word, start)
            spans.append((start, start + len(word)))
            start += len(word)
        return spans


def tokenizer_arg(name):
    return WhitespaceWordTokenizer() if name == "whitespace" else Languages.english  # spaCy, datatrove's default


def signature_mode(cfg):
    import numpy as np
    texts = [json.loads(line) for line in open(cfg["texts"], encoding="utf8")]
    pairs_in = [json.loads(line) for line in open(cfg["pairs"], encoding="utf8")]
    out = {"docs": len(texts), "bytes": sum(len(t.encode("utf8")) for t in texts), "tokenizers": {}}
    for name in ("spacy", "whitespace"):
        step = MinhashDedupSignature(output_folder="sig-unused", config=CONFIG, language=tokenizer_arg(name))
        step.get_signature(step.get_shingles(texts[0]))  # warm up (spaCy model, hash parameters)
        t0 = time.perf_counter()
        for t in texts:
            step.get_signature(step.get_shingles(t))
        seconds = time.perf_counter() - t0
        shingles = [step.get_shingles(t) for t in texts]
        t0 = time.perf_counter()
        for s in shingles:
            step.get_signature(s)
        sig_seconds = time.perf_counter() - t0
        pairs = []
        for a, b in pairs_in:
            sa, sb = step.get_shingles(a), step.get_shingles(b)
            A, B = set(sa.ravel().tolist()), set(sb.ravel().tolist())
            ga = np.concatenate([np.array(x) for x in step.get_signature(sa)])
            gb = np.concatenate([np.array(x) for x in step.get_signature(sb)])
            pairs.append([len(A & B) / len(A | B), float(np.mean(ga == gb))])
        out["tokenizers"][name] = {"seconds": seconds, "sigSeconds": sig_seconds, "pairs": pairs}
    # How often spaCy's words are exactly the whitespace split of the simplified text.
    spacy_step = MinhashDedupSignature(output_folder="sig-unused", config=CONFIG)
    same = 0
    for t in texts:
        simple = simplify_text(t, CONFIG.norm_config)
        same += spacy_step.word_tokenizer.word_tokenize(simple) == simple.split()
    out["sameTokens"] = same
    return out


def run_mode(cfg):
    from datatrove.executor.local import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers.jsonl import JsonlWriter
    w, tasks, workers = cfg["work"], cfg["tasks"], cfg["workers"]
    stages = {}

    def run(name, pipeline, n):
        t0 = time.perf_counter()
        LocalPipelineExecutor(pipeline=pipeline, tasks=n, workers=min(workers, n), logging_dir=f"{w}/logs/{name}",
                              skip_completed=False).run()
        stages[name] = time.perf_counter() - t0

    def reader():
        return JsonlReader(cfg["input"], glob_pattern="*.jsonl", compression=None)

    signature = MinhashDedupSignature(output_folder=f"{w}/signatures", config=CONFIG, language=tokenizer_arg(cfg["tokenizer"]))
    run("signatures", [reader(), signature], tasks)
    run("buckets", [MinhashDedupBuckets(input_folder=f"{w}/signatures", output_folder=f"{w}/buckets", config=CONFIG)],
        CONFIG.num_buckets)
    run("clusters", [MinhashDedupCluster(input_folder=f"{w}/buckets", output_folder=f"{w}/remove_ids", config=CONFIG)], 1)
    run("filter", [reader(), MinhashDedupFilter(input_folder=f"{w}/remove_ids"), JsonlWriter(f"{w}/output", compression=None)],
        tasks)
    return {"stages": stages, "tokenizer": cfg["tokenizer"]}


if __name__ == "__main__":
    cfg = json.loads(sys.argv[1])
    result = signature_mode(cfg) if cfg["mode"] == "sig" else run_mode(cfg)
    print(json.dumps(result))
