#!/usr/bin/env python3
"""Prints benchmark/run.sh's table from the JSON lines of EngineBenchmark and gatys_benchmark.py (standard library only)."""
import json
import sys


def others(r):
    share = r.get("others_cpu")
    return 1.0 if share is None else share


def load(path):
    """The run of each (implementation, size) during which other processes used the least CPU (the later on ties)."""
    rows = {}
    try:
        with open(path) as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    key = (r["impl"], r["height"])
                    if key not in rows or others(r) <= others(rows[key]):
                        rows[key] = r
    except FileNotFoundError:
        pass
    return rows


def seconds(r):
    return f"{r['median_s']:.3f}" if r else "-"


def gflops(r):
    return f"{r['gflops']:.1f}" if r else "-"


def rss(r):
    return f"{r['peak_rss_mb'] / 1024:.2f} GiB" if r else "-"


def spread(r):
    return f"{r['min_s']:.3f}-{r['max_s']:.3f}" if r else "-"


def share(r):
    return f"{others(r):.0%}" if r else "-"


def noisy(path, size, threshold):
    """Exit status 1 if, for `size`, the best run of either implementation had other processes above `threshold`."""
    rows = load(path)
    runs = [r for (impl, s), r in rows.items() if s == size]
    return 1 if not runs or any(others(r) > threshold for r in runs) else 0


def main(path):
    rows = load(path)
    sizes = sorted({size for _, size in rows})
    print("| size | engine s/iter | engine GFLOP/s | PyTorch s/iter | PyTorch GFLOP/s | engine/PyTorch | "
          "engine peak RSS | PyTorch peak RSS | iterations (warm-up) | engine min-max s | PyTorch min-max s | "
          "others' CPU (engine; PyTorch) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        e, p = rows.get(("engine", size)), rows.get(("pytorch", size))
        ratio = f"{e['median_s'] / p['median_s']:.2f}" if e and p else "-"
        runs = e or p
        print(f"| {size}² | {seconds(e)} | {gflops(e)} | {seconds(p)} | {gflops(p)} | {ratio} | {rss(e)} | {rss(p)} | "
              f"{runs['iterations']} ({runs['warmup']}) | {spread(e)} | {spread(p)} | "
              f"{share(e)}; {share(p)} |")
    print()
    print("others' CPU: share of the machine's CPU time that other processes used during the measured iterations.")
    print("GFLOP per iteration (forward + input-gradient convolutions + Gram products, see FlopCount.java): "
          + ", ".join(f"{s}²: {(rows.get(('engine', s)) or rows.get(('pytorch', s)))['gflop_per_iter']:.1f}"
                      for s in sizes))

    phased = [rows[("engine", s)] for s in sizes if ("engine", s) in rows and "phases" in rows[("engine", s)]]
    if phased:
        print()
        print("Engine, one evaluation split into phases (median seconds):")
        print("| size | forward | loss terms (Gram products) | backward | whole evaluation | Adam step (measured) |")
        print("|---|---|---|---|---|---|")
        for r in phased:
            ph = r["phases"]
            print(f"| {r['height']}² | {ph['forward_s']:.3f} | {ph['losses_s']:.3f} | {ph['backward_s']:.3f} | "
                  f"{ph['evaluate_s']:.3f} | {r['median_s']:.3f} |")
    opped = [rows[("engine", s)] for s in sizes if ("engine", s) in rows and "ops" in rows[("engine", s)]]
    if opped:
        print()
        print("Engine, the other operations of one evaluation, each alone, summed over the layers (seconds):")
        print("| size | (fresh zero-filled arrays, no longer made per pass) | ReLU | relu_bp | avg pool | avg pool bp | gradient adds | "
              "style losses (StyleLoss) |")
        print("|---|---|---|---|---|---|---|---|")
        for r in opped:
            o = r["ops"]
            print(f"| {r['height']}² | {o['zeroed_alloc_s']:.3f} | {o['relu_s']:.3f} | {o['relu_bp_s']:.3f} | "
                  f"{o['avgpool_s']:.3f} | {o['avgpool_bp_s']:.3f} | {o['gradient_add_s']:.3f} | "
                  f"{o['style_loss_s']:.3f} |")
    for r in (rows[("engine", s)] for s in sizes if ("engine", s) in rows and "layers" in rows[("engine", s)]):
        print()
        print(f"Engine convolutions alone at {r['height']}² (median seconds, GFLOP/s):")
        print("| layer | shape (h x w x in -> out) | GFLOP | forward s | forward GFLOP/s | input-gradient s | input-gradient GFLOP/s |")
        print("|---|---|---|---|---|---|---|")
        fwd = grad = 0.0
        for layer in r["layers"]:
            fwd += layer["forward_s"]
            grad += layer["input_grad_s"]
            print(f"| {layer['layer']} | {layer['shape']} | {layer['gflop']:.2f} | {layer['forward_s']:.4f} | "
                  f"{layer['forward_gflops']:.1f} | {layer['input_grad_s']:.4f} | {layer['input_grad_gflops']:.1f} |")
        print(f"| all | | | {fwd:.3f} | | {grad:.3f} | |")


if __name__ == "__main__":
    if sys.argv[1] == "--noisy":  # table.py --noisy RESULTS SIZE THRESHOLD
        sys.exit(noisy(sys.argv[2], int(sys.argv[3]), float(sys.argv[4])))
    main(sys.argv[1])
