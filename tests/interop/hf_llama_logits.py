"""Oracle for anneal's Hugging Face export: loads the exported directory with transformers'
LlamaForCausalLM and AutoTokenizer, and prints the logits of the given token rows and the ids the
tokenizer gives the given texts, as JSON.

usage: hf_llama_logits.py <export dir> <request.json> <reply.json>
request: {"rows": [[id, ...], ...], "texts": ["...", ...]}
"""
import json
import sys

import torch
import transformers
from transformers import AutoTokenizer, LlamaForCausalLM

export_dir, request_path, reply_path = sys.argv[1:4]
request = json.load(open(request_path))
model = LlamaForCausalLM.from_pretrained(export_dir, torch_dtype=torch.float32)
model.eval()
with torch.no_grad():
    logits = model(torch.tensor(request["rows"], dtype=torch.long)).logits
tokenizer = AutoTokenizer.from_pretrained(export_dir)
ids = [tokenizer(t, add_special_tokens=False)["input_ids"] for t in request["texts"]]
json.dump(
    {
        "logits": logits.reshape(-1).tolist(),
        "shape": list(logits.shape),
        "ids": ids,
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "tied": model.lm_head.weight.data_ptr() == model.model.embed_tokens.weight.data_ptr(),
    },
    open(reply_path, "w"),
)
