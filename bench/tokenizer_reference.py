"""Reference side of bench/tokenizer.mjs (run by it; prints one JSON object).

  train <texts.jsonl> <vocab_size> <min_frequency> <pattern> <specials,...> <out.json>
      Python tokenizers BpeTrainer with anneal's settings; times train_from_iterator only.
  encode-hf <tokenizer.json> <texts.jsonl>
      Tokenizer.encode_batch (Rust, all cores via rayon); times the encode only (best of 3).
  encode-tiktoken <tokenizer.json> <texts.jsonl> <threads>
      a tiktoken.Encoding built from the tokenizer's byte-level vocabulary (ranks = ids) and its
      pattern; encode_ordinary_batch with <threads> threads (best of 3); also reports how many texts get the
      same ids as tokenizers (tiktoken merges by token rank, not by merge list, so it may differ).
"""
import json
import sys
import time

REPEATS = 3


def texts_of(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def byte_level_decoder():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {chr(c): b for b, c in zip(bs, cs)}


def main():
    cmd = sys.argv[1]
    if cmd == "train":
        from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers
        texts_path, vocab, minf, pattern, specials, out = sys.argv[2:8]
        texts = texts_of(texts_path)
        tok = Tokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(pattern), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
        ])
        tok.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(vocab_size=int(vocab), min_frequency=int(minf), special_tokens=specials.split(","),
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
        t0 = time.perf_counter()
        tok.train_from_iterator(texts, trainer)
        seconds = time.perf_counter() - t0
        tok.save(out)
        print(json.dumps({"seconds": seconds}))
    elif cmd == "encode-hf":
        from tokenizers import Tokenizer
        tok = Tokenizer.from_file(sys.argv[2])
        tok.encode_special_tokens = True
        texts = texts_of(sys.argv[3])
        tok.encode_batch(texts[:100])
        seconds, cpu = float("inf"), 0.0
        for _ in range(REPEATS):  # best of REPEATS: the machine is shared
            t0, c0 = time.perf_counter(), time.process_time()
            enc = tok.encode_batch(texts, add_special_tokens=False)
            if time.perf_counter() - t0 < seconds:
                seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "tokens": sum(len(e.ids) for e in enc)}))
    elif cmd == "encode-tiktoken":
        import tiktoken
        from tokenizers import Tokenizer
        spec = json.load(open(sys.argv[2], encoding="utf-8"))
        decode = byte_level_decoder()
        specials = {t["content"]: t["id"] for t in spec["added_tokens"]}
        ranks = {bytes(decode[ch] for ch in tok): i for tok, i in spec["model"]["vocab"].items() if tok not in specials}
        pattern = spec["pre_tokenizer"]["pretokenizers"][0]["pattern"]["Regex"]
        enc = tiktoken.Encoding(name="anneal", pat_str=pattern, mergeable_ranks=ranks, special_tokens=specials)
        texts = texts_of(sys.argv[3])
        threads = int(sys.argv[4])
        enc.encode_ordinary_batch(texts[:100], num_threads=threads)
        seconds, cpu = float("inf"), 0.0
        for _ in range(REPEATS):
            t0, c0 = time.perf_counter(), time.process_time()
            ids = enc.encode_ordinary_batch(texts, num_threads=threads)
            if time.perf_counter() - t0 < seconds:
                seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        hf = Tokenizer.from_file(sys.argv[2])
        hf.encode_special_tokens = True
        same = sum(1 for a, b in zip(ids, hf.encode_batch(texts, add_special_tokens=False)) if a == b.ids)
        print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "tokens": sum(len(x) for x in ids), "same_ids": same, "texts": len(texts)}))
    else:
        sys.exit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
