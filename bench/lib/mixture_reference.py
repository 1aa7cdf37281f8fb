"""Reference for bench/mixture: the same statistics and manifests the straightforward way, with
pyarrow (multithreaded JSON reader) and pandas/numpy, everything in memory.

  python mixture_reference.py stats <shard dir>
  python mixture_reference.py mix <config json> <out dir>

Prints one JSON line: wall seconds, peak RSS (ru_maxrss), and what was computed, for checks.
Differences from anneal, on purpose (a reference, not a port): quantiles are pandas' exact
(linear-interpolated) ones; repeat counts are rounded with numpy's generator in row order, not keyed
by document id, and there is no total-fixing pass, so totals are only unbiased, not within 0.5 %.
"""
import glob, json, math, os, resource, sys, time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj


def read(shard_dir, columns, keep_tables=False):
    files = sorted(glob.glob(os.path.join(shard_dir, "*.jsonl")))
    frames, tables = [], []
    for i, f in enumerate(files):
        t = pj.read_json(f, read_options=pj.ReadOptions(block_size=64 << 20))
        nbytes = pc.binary_length(pc.cast(t["text"], pa.binary()))
        cols = {c: t[c].to_numpy() for c in columns if c in t.column_names}
        cols["bytes"] = nbytes.to_numpy()
        cols["shard"] = np.full(t.num_rows, i, dtype=np.int32)
        cols["record"] = np.arange(t.num_rows, dtype=np.int64)
        frames.append(pd.DataFrame(cols))
        if keep_tables:
            tables.append(t)
        del t
    df = pd.concat(frames, ignore_index=True)
    df["tokens"] = np.ceil(df["bytes"] / 4).astype(np.int64)
    return files, df, tables


def stats(shard_dir):
    files, df, tables = read(shard_dir, ["id", "domain", "quality", "dup_count"], keep_tables=True)
    g = df.groupby("domain")
    out = {}
    for dom, part in g:
        q = part["quality"]
        out[dom] = {
            "documents": int(len(part)),
            "tokens": int(part["tokens"].sum()),
            "bytes": int(part["bytes"].sum()),
            "quality": [float(x) for x in q.quantile([0.1, 0.5, 0.9])],
            "quality_hist": np.histogram(q, bins=20, range=(0, 1))[0].tolist(),
            "length": [float(x) for x in part["tokens"].quantile([0.1, 0.5, 0.9])],
            "length_hist": np.histogram(np.log2(np.maximum(part["tokens"], 1)), bins=20, range=(0, 20))[0].tolist(),
            "dup_counts": part["dup_count"].value_counts().sort_index().to_dict(),
            # the text stays in Arrow; only the three sample rows become Python strings
            "samples": [tables[r.shard]["text"][int(r.record)].as_py()[:1000] for r in part.sort_values("id").head(3).itertuples()],
        }
    total = int(df["tokens"].sum())
    for v in out.values():
        v["share"] = v["tokens"] / total
    return {"documents": int(len(df)), "tokens": total,
            "domains": {k: {"documents": v["documents"], "tokens": v["tokens"], "quality_p50": v["quality"][1], "length_p50": v["length"][1]} for k, v in out.items()}}


def water_fill(priors, caps, budget):
    x = np.zeros(len(priors))
    active = priors > 0
    remaining = budget
    while True:
        mass = priors[active].sum()
        lam = remaining / mass
        over = active & (caps < lam * priors)
        if not over.any():
            x[active] = lam * priors[active]
            return x
        x[over] = caps[over]
        remaining -= caps[over].sum()
        active &= ~over


def mix(config, out_dir):
    files, df, _ = read(config["inputs"][0], ["id", "domain", "quality", "dup_count"])
    sampling = {"quality_exponent": 1, "dup_exponent": 0.5, "dup_cap": 8, "max_repeats": 8, **config.get("sampling", {})}
    os.makedirs(out_dir, exist_ok=True)
    result = {}
    for si, st in enumerate(config["stages"]):
        s = {**sampling, **st.get("sampling", {})}
        d = df
        if "min_quality" in st:
            d = d[d["quality"] >= st["min_quality"]]
        if "top_quality_fraction" in st:
            f = st["top_quality_fraction"]
            rank = d.groupby("domain")["quality"].rank(method="first", ascending=False)
            size = d.groupby("domain")["quality"].transform("size")
            d = d[rank <= np.ceil(f * size)]
        w = d["quality"].clip(0, 1) ** s["quality_exponent"] * d["dup_count"].clip(1, s["dup_cap"]) ** s["dup_exponent"]
        if "long_documents" in st:
            w = w * np.where(d["tokens"] >= st["long_documents"]["min_tokens"], st["long_documents"]["weight"], 1)
        d = d.assign(w=w.to_numpy())
        avail = d.groupby("domain")["tokens"].sum()
        doms = list(avail.index)
        a = avail.to_numpy(dtype=float)
        caps = a * config.get("max_epochs", 4)
        prior = {"natural": a, "unimax": np.ones(len(a)), "temperature": a ** (1 / st.get("temperature", 1))}[st["strategy"]].copy()
        for k, v in st.get("upweight", {}).items():
            prior[doms.index(k)] *= v
        targets = water_fill(prior, caps, float(st["tokens"]))
        rng = np.random.default_rng(config.get("seed", 0) + si)
        repeats = np.zeros(len(d), dtype=np.int64)
        dom_col = d["domain"].to_numpy()
        tok = d["tokens"].to_numpy(dtype=float)
        wt = d["w"].to_numpy()
        stage_out = {}
        for k, dom in enumerate(doms):
            m = dom_col == dom
            tt, ww = tok[m], wt[m]
            lo, hi = 0.0, 1.0
            def total(c):
                return (np.minimum(s["max_repeats"], c * ww) * tt).sum()
            while total(hi) < targets[k] and hi < 1e12:
                hi *= 2
            for _ in range(60):
                mid = (lo + hi) / 2
                if total(mid) < targets[k]:
                    lo = mid
                else:
                    hi = mid
            r = np.minimum(s["max_repeats"], hi * ww)
            n = np.floor(r) + (rng.random(len(r)) < r - np.floor(r))
            repeats[m] = n
            stage_out[dom] = {"target": float(targets[k]), "tokens": float((n * tt).sum()), "selected": int((n > 0).sum())}
        sel = d.assign(repeats=repeats)
        sel = sel[sel["repeats"] > 0].sort_values(["shard", "record"])
        manifest = {"stage": st["name"], "seed": config.get("seed", 0), "domains": stage_out, "shards": []}
        for i, f in enumerate(files):
            p = sel[sel["shard"] == i]
            manifest["shards"].append({"path": f, "selection": {"records": p["record"].tolist(), "ids": p["id"].tolist(), "repeats": p["repeats"].tolist()}})
        with open(os.path.join(out_dir, st["name"] + ".manifest.json"), "w") as fh:
            json.dump(manifest, fh)
        result[st["name"]] = stage_out
    return {"documents": int(len(df)), "stages": result}


if __name__ == "__main__":
    t0 = time.perf_counter()
    if sys.argv[1] == "stats":
        summary = stats(sys.argv[2])
    else:
        summary = mix(json.loads(sys.argv[2]), sys.argv[3])
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "peakRss": peak, **summary}))
