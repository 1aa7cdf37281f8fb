"""Oracle for anneal's `init_from` (continued pre-training from a Hugging Face Llama checkpoint).

usage:
  hf_llama_init_from.py make <spec.json>
      spec: {"models": [{"dir", "seed", "config": {LlamaConfig kwargs}, "dtype": "float32"|"bfloat16"|"float16",
                         "max_shard_size": null | "100KB"}]}
      Saves a random LlamaForCausalLM per entry with save_pretrained (safetensors; sharded when
      max_shard_size is given), as a user's checkpoint would be.
  hf_llama_init_from.py run <request.json> <reply.json>
      request: {"models": [{"dir", "rows": [[id, ...], ...], "batch": null | [[id, ...], ...]}]}
      Loads each directory with LlamaForCausalLM.from_pretrained in float32 (BF16/F16 weights are
      widened exactly) and replies, per model, the logits of `rows` and the mean next-token
      cross-entropy of `batch` (rows of T+1 tokens: inputs are the first T, targets the last T).
"""
import json
import sys

import torch
import transformers
from transformers import LlamaConfig, LlamaForCausalLM


def make(spec_path):
    spec = json.load(open(spec_path))
    for entry in spec["models"]:
        torch.manual_seed(entry["seed"])
        config = LlamaConfig(**entry["config"])
        model = LlamaForCausalLM(config)
        # RMSNorm gains start at 1, which would not tell a norm weight read wrongly from one left out
        with torch.no_grad():
            for name, parameter in model.named_parameters():
                if name.endswith("norm.weight"):
                    parameter.add_(0.1 * torch.randn_like(parameter))
        dtype = getattr(torch, entry["dtype"])
        model = model.to(dtype)
        kwargs = {"safe_serialization": True}
        if entry.get("max_shard_size"):
            kwargs["max_shard_size"] = entry["max_shard_size"]
        model.save_pretrained(entry["dir"], **kwargs)


def run(request_path, reply_path):
    request = json.load(open(request_path))
    replies = []
    for entry in request["models"]:
        model = LlamaForCausalLM.from_pretrained(entry["dir"], torch_dtype=torch.float32)
        model.eval()
        reply = {"tied": model.lm_head.weight.data_ptr() == model.model.embed_tokens.weight.data_ptr()}
        with torch.no_grad():
            logits = model(torch.tensor(entry["rows"], dtype=torch.long)).logits
            reply["logits"] = logits.reshape(-1).tolist()
            reply["shape"] = list(logits.shape)
            if entry.get("batch"):
                rows = torch.tensor(entry["batch"], dtype=torch.long)
                out = model(rows[:, :-1]).logits
                loss = torch.nn.functional.cross_entropy(out.reshape(-1, out.shape[-1]), rows[:, 1:].reshape(-1))
                reply["loss"] = loss.item()
        replies.append(reply)
    json.dump({"models": replies, "torch": torch.__version__, "transformers": transformers.__version__}, open(reply_path, "w"))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    elif sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown command {sys.argv[1]!r} (make | run)")
