#!/usr/bin/env python3
"""PyTorch CPU reference for bench/trainer.mjs: the same Llama-style decoder (RMSNorm, RoPE in
Hugging Face's rotate-half layout, GQA, SwiGLU, tied head), the same AdamW and clipping, trained
on the same batches (an int32 file written by the benchmark), timed the same way.

usage: trainer_torch.py throughput --config JSON --batches FILE --warmup N --steps N --threads N
       trainer_torch.py matmul --size 512 --threads N
       trainer_torch.py shakespeare --config JSON --data FILE --iters N ...   (nanoGPT-style run)
Prints one JSON object on stdout.
"""
import argparse
import json
import math
import os
import sys
import time

# A torch that calls an external BLAS (Debian's python3-torch links OpenBLAS or the reference BLAS)
# starts that library's own thread pool, which torch.set_num_threads does not govern: pin it to
# --threads before torch loads, so "1 thread" rows really run on one.
if "--threads" in sys.argv[1:-1]:
    _threads = sys.argv[sys.argv.index("--threads") + 1]
    for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_var, _threads)

import torch
import torch.nn as nn
import torch.nn.functional as F


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rope_tables(seq_len, head_dim, theta):
    inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2).float() / head_dim))
    angles = torch.outer(torch.arange(seq_len).float(), inv_freq)
    return angles.cos(), angles.sin()


def apply_rope(x, cos, sin):
    half = x.shape[-1] // 2
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1)


def causal_attention(q, k, v):
    # torch >= 2.0 has a fused kernel; Debian's python3-torch is 1.13, which has not, so spell it out
    # (the same math: softmax(q·kᵀ/√d + causal mask)·v) rather than skip the reference there.
    if hasattr(F, "scaled_dot_product_attention"):
        return F.scaled_dot_product_attention(q, k, v, is_causal=True)
    t = q.shape[-2]
    scores = (q @ k.transpose(-2, -1)) / math.sqrt(q.shape[-1])
    mask = torch.ones(t, t, dtype=torch.bool, device=q.device).triu(1)
    return torch.softmax(scores.masked_fill(mask, float("-inf")), dim=-1) @ v


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        d, h, kv = c["dModel"], c["nHeads"], c["nKvHeads"]
        self.h, self.kv, self.hd = h, kv, d // h
        self.input_layernorm = RMSNorm(d, c["normEps"])
        self.q_proj = nn.Linear(d, h * self.hd, bias=False)
        self.k_proj = nn.Linear(d, kv * self.hd, bias=False)
        self.v_proj = nn.Linear(d, kv * self.hd, bias=False)
        self.o_proj = nn.Linear(h * self.hd, d, bias=False)
        self.post_attention_layernorm = RMSNorm(d, c["normEps"])
        self.gate_proj = nn.Linear(d, c["ffnHidden"], bias=False)
        self.up_proj = nn.Linear(d, c["ffnHidden"], bias=False)
        self.down_proj = nn.Linear(c["ffnHidden"], d, bias=False)

    def forward(self, x, cos, sin):
        b, t, _ = x.shape
        y = self.input_layernorm(x)
        q = self.q_proj(y).view(b, t, self.h, self.hd).transpose(1, 2)
        k = self.k_proj(y).view(b, t, self.kv, self.hd).transpose(1, 2)
        v = self.v_proj(y).view(b, t, self.kv, self.hd).transpose(1, 2)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        if self.kv != self.h:
            k = k.repeat_interleave(self.h // self.kv, dim=1)
            v = v.repeat_interleave(self.h // self.kv, dim=1)
        att = causal_attention(q, k, v)
        x = x + self.o_proj(att.transpose(1, 2).reshape(b, t, -1))
        y = self.post_attention_layernorm(x)
        return x + self.down_proj(F.silu(self.gate_proj(y)) * self.up_proj(y))


class Decoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.embed_tokens = nn.Embedding(c["vocabSize"], c["dModel"])
        self.layers = nn.ModuleList([Block(c) for _ in range(c["nLayers"])])
        self.norm = RMSNorm(c["dModel"], c["normEps"])
        cos, sin = rope_tables(c["maxSeqLen"], c["dModel"] // c["nHeads"], c["ropeTheta"])
        self.register_buffer("cos", cos, persistent=False)
        self.register_buffer("sin", sin, persistent=False)
        std = c["initStd"]
        for name, p in self.named_parameters():
            if p.dim() == 2:
                residual = name.endswith("o_proj.weight") or name.endswith("down_proj.weight")
                nn.init.normal_(p, 0.0, std / math.sqrt(2 * c["nLayers"]) if residual else std)

    def forward(self, idx, targets):
        t = idx.shape[1]
        x = self.embed_tokens(idx)
        for layer in self.layers:
            x = layer(x, self.cos[:t], self.sin[:t])
        logits = F.linear(self.norm(x), self.embed_tokens.weight)
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.reshape(-1))


def make_optimizer(model, lr, beta2, weight_decay):
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and "embed_tokens" not in n]
    no_decay = [p for n, p in model.named_parameters() if not (p.dim() >= 2 and "embed_tokens" not in n)]
    return torch.optim.AdamW(
        [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=lr, betas=(0.9, beta2), eps=1e-8,
    )


def train_step(model, opt, rows):
    loss = model(rows[:, :-1], rows[:, 1:])
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    return loss.item()


def throughput(a):
    c = json.loads(a.config)
    data = torch.frombuffer(bytearray(open(a.batches, "rb").read()), dtype=torch.int32).long()
    rows = data.view(-1, a.batch_size, c["seqLen"] + 1)
    torch.manual_seed(0)
    model = Decoder(c)
    opt = make_optimizer(model, 1e-3, 0.99, 0.1)
    losses = []
    for i in range(a.warmup):
        losses.append(train_step(model, opt, rows[i % rows.shape[0]]))
    start = time.perf_counter()
    cpu_start = time.process_time()  # all threads of the process
    for i in range(a.steps):
        losses.append(train_step(model, opt, rows[(a.warmup + i) % rows.shape[0]]))
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    return {"step_s": elapsed / a.steps, "cpu_s": cpu / a.steps, "losses": losses}


def matmul(a):
    x, y = torch.randn(a.size, a.size), torch.randn(a.size, a.size)
    for _ in range(3):
        x @ y
    reps = 20
    start = time.perf_counter()
    for _ in range(reps):
        x @ y
    elapsed = (time.perf_counter() - start) / reps
    return {"gflops": 2 * a.size**3 / elapsed / 1e9}


def shakespeare(a):
    c = json.loads(a.config)
    raw = torch.frombuffer(bytearray(open(a.data, "rb").read()), dtype=torch.uint8).long()
    split = int(0.9 * len(raw))
    train, val = raw[:split], raw[split:]
    t, b = c["seqLen"], a.batch_size
    gen = torch.Generator().manual_seed(1337)

    def batch(src):
        ix = torch.randint(len(src) - t - 1, (b,), generator=gen)
        return torch.stack([src[i : i + t + 1] for i in ix.tolist()])

    torch.manual_seed(1337)
    model = Decoder(c)
    opt = make_optimizer(model, a.lr, 0.99, 0.1)
    start = time.perf_counter()
    for it in range(a.iters):
        if it < a.warmup:
            lr = a.lr * (it + 1) / (a.warmup + 1)
        else:
            ratio = (it - a.warmup) / max(1, a.iters - a.warmup)
            lr = a.min_lr + 0.5 * (1 + math.cos(math.pi * ratio)) * (a.lr - a.min_lr)
        for g in opt.param_groups:
            g["lr"] = lr
        train_step(model, opt, batch(train))
    elapsed = time.perf_counter() - start
    model.eval()
    with torch.no_grad():
        val_loss = sum(model(r[:, :-1], r[:, 1:]).item() for r in (batch(val) for _ in range(a.eval_batches))) / a.eval_batches
    return {"val_loss": val_loss, "seconds": elapsed}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["throughput", "matmul", "shakespeare"])
    p.add_argument("--config")
    p.add_argument("--batches")
    p.add_argument("--data")
    p.add_argument("--batch-size", type=int, default=12)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--iters", type=int, default=2000)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--min-lr", type=float, default=1e-4)
    p.add_argument("--eval-batches", type=int, default=100)
    p.add_argument("--size", type=int, default=512)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    result = {"throughput": throughput, "matmul": matmul, "shakespeare": shakespeare}[a.mode](a)
    result["torch"] = torch.__version__
    result["threads"] = torch.get_num_threads()
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
