#!/usr/bin/python3
"""The engine's Gatys objective in PyTorch, timed the same way as EngineBenchmark (benchmark/run.sh runs both).

Objective (identical to the engine's defaults): VGG19 up to conv5_1, 3x3 convolutions with padding 1, ReLU after each,
2x2 stride-2 average pooling between blocks; content layer conv4_2 with L = R/M * 1/2 sum (F - P)^2 (weight 1; M its
positions, R = 64 * 64 its positions at 512x512); style layers conv1_1, conv2_1, conv3_1, conv4_1, conv5_1, each
E = sum (G - A)^2 / (4 N^2), G = F F^T / M over the layer's own M positions (A likewise over the style's), weighted
1000 * 1/5 (algorithm version 4, site/markdown/quality.md); Adam with learning rate 10, betas (0.9, 0.999), eps 1e-8 on the pixels. Only the image requires a gradient: the
weights are frozen, so the backward pass computes input gradients only, as the engine does.

Weights come from the same Keras-layout HDF5 file the engine reads (kernel [3,3,in,out] -> torch [out,in,3,3]).
Prints one JSON line per size with the fields EngineBenchmark writes.
"""
import argparse
import ctypes
import json
import os
import resource
import statistics
import sys
import time

import h5py
import numpy as np
import torch
import torch.nn.functional as F

BLOCK_CONVS = [2, 2, 4, 4, 4]
LAYERS = [f"conv{b}_{i}" for b, n in enumerate(BLOCK_CONVS, 1) for i in range(1, n + 1)]
DEEPEST = "conv5_1"
CONTENT_LAYER = "conv4_2"
STYLE_LAYERS = ["conv1_1", "conv2_1", "conv3_1", "conv4_1", "conv5_1"]
CONTENT_WEIGHT = 1.0
STYLE_WEIGHT = 1000.0
STYLE_LAYER_WEIGHT = 1.0 / len(STYLE_LAYERS)
LEARNING_RATE = 10.0
REFERENCE_POSITIONS = (512 // 8) * (512 // 8)  # conv4_2's positions at 512x512, after three 2x2 poolings


def attr_strings(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def load_weights(path):
    """[(name, weight [out,in,3,3], bias [out])] up to conv5_1, dataset names read from the weight_names attributes."""
    layers = []
    with h5py.File(path, "r") as f:
        for name in LAYERS[: LAYERS.index(DEEPEST) + 1]:
            block, conv = name[4], name[6:]
            group = f[f"block{block}_conv{conv}"]
            kernel_name, bias_name = attr_strings(group.attrs["weight_names"])
            kernel = np.asarray(group[kernel_name], dtype=np.float32)  # [3, 3, in, out], cross-correlation
            bias = np.asarray(group[bias_name], dtype=np.float32)
            weight = torch.from_numpy(kernel).permute(3, 2, 0, 1).contiguous()
            layers.append((name, weight.requires_grad_(False), torch.from_numpy(bias).requires_grad_(False)))
    return layers


class Vgg:
    def __init__(self, layers):
        self.layers = layers

    def __call__(self, x, wanted):
        """ReLU outputs of the layers in `wanted`, NCHW."""
        features = {}
        block = 1
        for name, weight, bias in self.layers:
            if int(name[4]) != block:
                x = F.avg_pool2d(x, 2, 2)
                block = int(name[4])
            x = F.relu(F.conv2d(x, weight, bias, padding=1))
            if name in wanted:
                features[name] = x
        return features


def gram(features):
    """F F^T / M: the Gram matrix over the layer's own M positions."""
    n = features.shape[1]
    f = features.reshape(n, -1)
    return f @ f.t() / f.shape[1]


class Objective:
    def __init__(self, vgg, content, style):
        self.vgg = vgg
        with torch.no_grad():
            self.content_target = vgg(content, {CONTENT_LAYER})[CONTENT_LAYER]
            style_features = vgg(style, set(STYLE_LAYERS))
            self.style_targets = {l: gram(style_features[l]) for l in STYLE_LAYERS}

    def __call__(self, image):
        features = self.vgg(image, set(STYLE_LAYERS) | {CONTENT_LAYER})
        c = features[CONTENT_LAYER]
        positions = c.shape[2] * c.shape[3]
        content = CONTENT_WEIGHT * REFERENCE_POSITIONS / positions * 0.5 * ((c - self.content_target) ** 2).sum()
        style = 0.0
        for layer in STYLE_LAYERS:
            n = features[layer].shape[1]
            e = ((gram(features[layer]) - self.style_targets[layer]) ** 2).sum() / (4.0 * n * n)
            style = style + STYLE_WEIGHT * STYLE_LAYER_WEIGHT * e
        return content, style


def iteration(objective, image, optimizer):
    """One iteration: zero_grad, forward, loss, backward, step. Returns the loss terms at the image before the step."""
    optimizer.zero_grad()
    content, style = objective(image)
    (content + style).backward()
    optimizer.step()
    return content.item(), style.item()


def flops(height, width):
    """The FLOP count of benchmark/src/main/java/io/github/stylize/benchmark/FlopCount.java."""
    channels = {1: 64, 2: 128, 3: 256, 4: 512, 5: 512}
    total, h, w, cin, block = 0.0, height, width, 3, 1
    for name in LAYERS[: LAYERS.index(DEEPEST) + 1]:
        b = int(name[4])
        if b != block:
            h, w, block = h // 2, w // 2, b
        cout = channels[b]
        total += 2 * (2.0 * h * w * 9 * cin * cout)  # forward + input gradient
        if name in STYLE_LAYERS:
            total += 2 * (2.0 * h * w * cout * cout)  # Gram F F^T + its gradient (G - A) F
        cin = cout
    return total


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # ru_maxrss is KiB on Linux


def cpu_sample():
    """(machine busy jiffies, machine total jiffies, this process's jiffies), as CpuShare.java reads them."""
    with open("/proc/stat") as f:
        cpu = [int(v) for v in f.readline().split()[1:9]]
    with open("/proc/self/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    total = sum(cpu)
    return total - cpu[3] - cpu[4], total, int(fields[11]) + int(fields[12])


def others_cpu_since(before):
    """Share (0..1) of the machine's CPU time used by other processes since `before`."""
    now = cpu_sample()
    if now[1] == before[1]:
        return None
    return max(0, (now[0] - before[0]) - (now[2] - before[2])) / (now[1] - before[1])


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def blas_info():
    """Which BLAS shared library this process loaded, and OpenBLAS's own build and core report."""
    torch.ones(64, 64).matmul(torch.ones(64, 64))
    np.ones((64, 64)).dot(np.ones((64, 64)))
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if line.count(" ") >= 5}
    libs = sorted(p for p in paths if "blas" in os.path.basename(p).lower())
    info = {"loaded": libs}
    for lib in libs:
        try:
            handle = ctypes.CDLL(lib)
            handle.openblas_get_config.restype = ctypes.c_char_p
            handle.openblas_get_corename.restype = ctypes.c_char_p
            info["openblas_config"] = handle.openblas_get_config().decode()
            info["openblas_core"] = handle.openblas_get_corename().decode()
            break
        except (OSError, AttributeError):
            continue
    return info


def convolution_kernels():
    """The ATen convolution implementations one 3x3 conv with its input gradient dispatches to."""
    x = torch.rand(1, 64, 32, 32, requires_grad=True)
    with torch.autograd.profiler.profile() as prof:
        F.conv2d(x, torch.rand(64, 64, 3, 3), padding=1).sum().backward()
    return sorted({e.name for e in prof.function_events if "conv" in e.name.lower()})


def environment():
    return {
        "convolution_ops": convolution_kernels(),
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "mkldnn_available": torch.backends.mkldnn.is_available(),
        "mkldnn_in_build": "MKL-DNN" in torch.__config__.show(),
        "blas": blas_info(),
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
        "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE"),
    }


def random_input(generator, height, width):
    return torch.rand(1, 3, height, width, generator=generator) * 250 - 120


def benchmark(vgg, size, warmup, iterations):
    generator = torch.Generator().manual_seed(20240601 + size)
    content, style, image = (random_input(generator, size, size) for _ in range(3))
    objective = Objective(vgg, content, style)
    image = image.clone().requires_grad_(True)
    optimizer = torch.optim.Adam([image], lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-8)
    for _ in range(warmup):
        iteration(objective, image, optimizer)
    seconds = []
    before = cpu_sample()
    for _ in range(iterations):
        start = time.perf_counter()
        content_loss, style_loss = iteration(objective, image, optimizer)
        seconds.append(time.perf_counter() - start)
    others_cpu = others_cpu_since(before)
    median = statistics.median(seconds)
    gflop = flops(size, size) / 1e9
    return {
        "impl": "pytorch", "height": size, "width": size, "warmup": warmup, "iterations": iterations,
        "median_s": median, "min_s": min(seconds), "max_s": max(seconds), "seconds": seconds,
        "gflop_per_iter": gflop, "gflops": gflop / median, "others_cpu": others_cpu, "final_loss": content_loss + style_loss,
        "peak_rss_mb": peak_rss_mb(), "load_avg": load_average(),
    }


def read_tensor(path, height, width):
    """An NHWC float32 little-endian file written by EngineBenchmark, as NCHW."""
    data = np.fromfile(path, dtype="<f4").reshape(1, height, width, 3)
    return torch.from_numpy(data.copy()).permute(0, 3, 1, 2).contiguous()


def equivalence(vgg, directory, tolerance):
    """Recomputes the engine's loss values on its own 48x64 inputs; exit status 1 if iteration 0 differs."""
    with open(os.path.join(directory, "engine.json")) as f:
        engine = json.load(f)
    h, w = engine["height"], engine["width"]
    content, style, image = (read_tensor(os.path.join(directory, n + ".f32"), h, w) for n in ("content", "style", "image"))
    objective = Objective(vgg, content, style)
    image = image.requires_grad_(True)
    optimizer = torch.optim.Adam([image], lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-8)
    rows, same = [], True
    for expected in engine["losses"]:
        content_loss, style_loss = iteration(objective, image, optimizer)  # the loss before this step
        row = {"iteration": expected["iteration"]}
        for name, ours in (("content", content_loss), ("style", style_loss)):
            theirs = expected[name]
            row[name] = {"engine": theirs, "pytorch": ours, "rel_diff": abs(ours - theirs) / max(abs(theirs), 1e-30)}
        if expected["iteration"] == 0:
            same = all(row[n]["rel_diff"] <= tolerance for n in ("content", "style"))
        rows.append(row)
    return {"check": "same objective", "height": h, "width": w, "tolerance_iteration0": tolerance,
            "same": same, "losses": rows}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--weights", required=True, help="Keras-layout VGG19 HDF5 file (the engine's)")
    parser.add_argument("--sizes", default="128,256,512")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", help="append one JSON line per size to this file")
    parser.add_argument("--equivalence", metavar="DIR", help="compare with the engine's losses in DIR/engine.json")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    env = environment()
    print("pytorch environment: " + json.dumps(env), flush=True)
    vgg = Vgg(load_weights(args.weights))
    if args.equivalence:
        result = equivalence(vgg, args.equivalence, args.tolerance)
        print(json.dumps(result))
        sys.exit(0 if result["same"] else 1)
    for size in (int(s) for s in args.sizes.split(",")):
        result = benchmark(vgg, size, args.warmup, args.iterations)
        result["backend"] = f"torch {env['torch']}, {env['threads']} threads, mkldnn={env['mkldnn_available']}"
        line = json.dumps(result)
        print(line, flush=True)
        if args.out:
            with open(args.out, "a") as f:
                f.write(line + "\n")


if __name__ == "__main__":
    main()
