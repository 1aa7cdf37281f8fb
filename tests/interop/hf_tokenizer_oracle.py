"""Oracle side of tests/interop/hf-tokenizer-interop.test.ts: Python `tokenizers` on the same input.

  python3 hf_tokenizer_oracle.py build <kind> <texts.jsonl> <out tokenizer.json>
      trains a small tokenizer of one of the shapes the real files do not cover, on the "text" of
      each JSONL line: gpt2 (ByteLevel pre-tokenizer with its own regex and add_prefix_space,
      RobertaProcessing, added tokens with lstrip / rstrip / single_word), metaspace (NFKC, Digits +
      Metaspace(prepend_scheme first), unk_token with fuse_unk, TemplateProcessing <s> $A </s>),
      parts (Lowercase/Strip/Replace(regex)/Prepend normalizers, Split behaviors MergedWithPrevious /
      MergedWithNext / Removed / Contiguous / invert, a (?i:) regex, ByteLevel without regex).
  python3 hf_tokenizer_oracle.py encode <tokenizer.json> <texts.jsonl> <out.jsonl> <specials_as_text 0|1>
      for each text: {"plain": encode(text, add_special_tokens=False).ids,
      "framed": encode(text, add_special_tokens=True).ids, "decoded": decode(plain)} with
      encode_special_tokens = specials_as_text; encode_batch does the work on all cores.
"""
import json
import sys

from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

from oracle_cli import read_texts, run_command


def build(kind, texts_path, out_path):
    texts = read_texts(texts_path)
    specials = ["<s>", "</s>", "<pad>", "<unk>", "<mask>"]
    if kind == "gpt2":
        tok = Tokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=True, use_regex=True)
        tok.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(vocab_size=3000, min_frequency=2, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    elif kind == "metaspace":
        tok = Tokenizer(models.BPE(unk_token="<unk>", fuse_unk=True))
        tok.normalizer = normalizers.NFKC()
        tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True), pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="first", split=True)])
        tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="first")
        # a limited alphabet, so rare characters become (fused) unknown tokens
        trainer = trainers.BpeTrainer(vocab_size=2000, min_frequency=2, special_tokens=specials, limit_alphabet=150, show_progress=False)
    elif kind == "parts":
        tok = Tokenizer(models.BPE())
        tok.normalizer = normalizers.Sequence([normalizers.NFD(), normalizers.Lowercase(), normalizers.Strip(), normalizers.Replace(Regex(r"\s{2,}"), " "), normalizers.Prepend("^")])
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(r"(?i:'s|'t)|\p{P}"), behavior="merged_with_previous"),
            pre_tokenizers.Split(Regex(r"[=+*]"), behavior="merged_with_next"),
            pre_tokenizers.Split(" ", behavior="removed"),
            pre_tokenizers.Split(Regex(r"\d+"), behavior="contiguous", invert=True),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
        ])
        tok.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(vocab_size=2500, min_frequency=2, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    else:
        sys.exit(f"unknown kind {kind}")
    tok.train_from_iterator(texts, trainer)
    if kind == "gpt2":
        tok.post_processor = processors.RobertaProcessing(("</s>", tok.token_to_id("</s>")), ("<s>", tok.token_to_id("<s>")))
        tok.add_special_tokens([AddedToken("<mask>", lstrip=True, special=True)])
        tok.add_tokens([AddedToken("hello world", single_word=True), AddedToken("[BLOCK]", rstrip=True, normalized=False), AddedToken(" the", normalized=False)])
    elif kind == "metaspace":
        tok.post_processor = processors.TemplateProcessing(single="<s> $A </s>", pair="<s> $A </s> $B </s>", special_tokens=[("<s>", tok.token_to_id("<s>")), ("</s>", tok.token_to_id("</s>"))])
        tok.add_tokens([AddedToken("Café", normalized=True), AddedToken("\n\n", normalized=False)])
    else:
        tok.post_processor = processors.TemplateProcessing(single="<s> $A", special_tokens=[("<s>", tok.token_to_id("<s>"))])
        tok.add_tokens([AddedToken("don't", normalized=True)])
    tok.save(out_path)


def encode(tokenizer_path, texts_path, out_path, specials_as_text):
    tok = Tokenizer.from_file(tokenizer_path)
    tok.encode_special_tokens = specials_as_text == "1"
    texts = read_texts(texts_path)
    plain = tok.encode_batch(texts, add_special_tokens=False)
    framed = tok.encode_batch(texts, add_special_tokens=True)
    decoded = tok.decode_batch([e.ids for e in plain])
    with open(out_path, "w", encoding="utf-8") as f:
        for p, q, d in zip(plain, framed, decoded):
            f.write(json.dumps({"plain": p.ids, "framed": q.ids, "decoded": d}) + "\n")


def split(cases_path, out_path):
    spec = json.load(open(cases_path, encoding="utf-8"))
    out = []
    for pattern in spec["patterns"]:
        pre = pre_tokenizers.Split(Regex(pattern), behavior="isolated")
        out.append([[list(offsets) for _, offsets in pre.pre_tokenize_str(text)] for text in spec["texts"]])
    json.dump(out, open(out_path, "w", encoding="utf-8"))


def unassigned():
    import unicodedata
    ranges = []
    for c in range(0x110000):
        if unicodedata.category(chr(c)) == "Cn":
            if ranges and ranges[-1][1] == c - 1:
                ranges[-1][1] = c
            else:
                ranges.append([c, c])
    print(json.dumps(ranges))


def normalize_all(out_path):
    forms = {"NFC": normalizers.NFC(), "NFD": normalizers.NFD(), "NFKC": normalizers.NFKC(), "NFKD": normalizers.NFKD(), "Lowercase": normalizers.Lowercase()}
    out = {}
    for name, n in forms.items():
        changed = {}
        for c in range(0x110000):
            if 0xD800 <= c <= 0xDFFF:
                continue
            r = n.normalize_str(chr(c))
            if r != chr(c):
                changed[c] = r
        out[name] = changed
    json.dump(out, open(out_path, "w", encoding="utf-8"))


if __name__ == "__main__":
    run_command({"build": build, "encode": encode, "split": split, "unassigned": unassigned, "normalize": normalize_all})
