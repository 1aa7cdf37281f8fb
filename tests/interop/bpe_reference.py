"""Reference side of the tokenizer interop tests: Python `tokenizers` (Rust) on the same input.

  python3 bpe_reference.py train <texts.jsonl> <out tokenizer.json> <vocab_size> <min_frequency> <pattern> <special,...>
      trains BpeTrainer with the settings anneal uses (byte-level, full 256-byte initial alphabet,
      Split(pattern, isolated) + ByteLevel(use_regex=False)) on the "text" of each JSONL line.
  python3 bpe_reference.py train-many <cases.json> <out.json>
      the same training for many small corpora at once: cases.json is {"pattern", "vocab_size",
      "min_frequency", "corpora": [[text, ...], ...]}; writes the merges of each, as "a b" strings.
  python3 bpe_reference.py encode <tokenizer.json> <texts.jsonl> <out ids.jsonl>
      loads a tokenizer.json unchanged and writes the ids of each text (special tokens in the text
      are encoded as plain text, as anneal does), one JSON list per line.
"""
import json

from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers

from oracle_cli import read_texts, run_command


def train(texts_path, out_path, vocab_size, min_frequency, pattern, specials):
    trained(read_texts(texts_path), vocab_size, min_frequency, pattern, [s for s in specials.split(",") if s]).save(out_path)


def trained(texts, vocab_size, min_frequency, pattern, specials):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(pattern), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=int(vocab_size),
        min_frequency=int(min_frequency),
        special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(texts, trainer)
    return tok


def train_many(cases_path, out_path):
    spec = json.load(open(cases_path, encoding="utf-8"))
    out = []
    for texts in spec["corpora"]:
        merges = json.loads(trained(texts, spec["vocab_size"], spec["min_frequency"], spec["pattern"], []).to_str())["model"]["merges"]
        out.append([" ".join(m) if isinstance(m, list) else m for m in merges])
    json.dump(out, open(out_path, "w", encoding="utf-8"))


def encode(tokenizer_path, texts_path, out_path):
    tok = Tokenizer.from_file(tokenizer_path)
    tok.encode_special_tokens = True
    texts = read_texts(texts_path)
    encodings = tok.encode_batch(texts, add_special_tokens=False)
    with open(out_path, "w", encoding="utf-8") as f:
        for e in encodings:
            f.write(json.dumps(e.ids) + "\n")


if __name__ == "__main__":
    run_command({"train": train, "train-many": train_many, "encode": encode})
