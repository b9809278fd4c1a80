#!/usr/bin/python3
"""Train admmlab's SGD family in PyTorch on a split exported by admmlab.

An independent peer for solvers/sgd: the same net, initialisation scheme,
optimiser, learning-rate schedule, minibatching and loss, in float64 on one
thread, trained on the very samples an admmlab run used
(`admmlab data export --store S --run ID --out DIR`). Only the random
streams differ (PyTorch's generator draws the initial weights and the
minibatch order), so a run is compared with admmlab's statistically, not bit
for bit: see scripts/peer_compare.py.

What is reproduced (solvers/sgd, solvers/nn):
  * net: d_0 -> depth hidden layers of `width` units (relu, sigmoid or tanh)
    -> a linear output layer; zero biases;
  * init (solvers/nn/init.go), W_l of shape fan_out x fan_in, times
    init_scale: lecun-unif U[-sqrt(3/fan_in), +], lecun-gauss N(0, 1/fan_in),
    xavier U[-sqrt(6/(fan_in+fan_out)), +], msra N(0, 2/fan_out) for hidden
    layers and N(0, 1/fan_out) for the output layer (the paper's fan-out
    rule), msra-fanin N(0, 2/fan_in) (1/fan_in at the output), orth-unif and
    orth-gauss (a U[-1,1] or N(0,1) draw replaced by its orthonormal QR
    factor, signs fixed by diag(R) > 0: orthonormal columns when
    fan_out >= fan_in, else orthonormal rows);
  * loss "square": ||f(X) - Y||_F^2 / (m d_N) over a minibatch of m samples
    and d_N outputs (MSELoss, mean over every element); loss "xent": softmax
    cross-entropy over the d_N logits of the linear output layer, mean over
    the minibatch (Keras' categorical_crossentropy on one-hot targets;
    classify-argmax tasks only);
  * optimisers (PyTorch's formulations, as solvers/sgd documents):
    sgd W <- W - lr g; sgdm v <- 0.5 v + g, W <- W - lr v;
    adam beta1 0.9, beta2 0.999, eps 1e-8 (bias-corrected);
  * learning rate: sgd and sgdm lr * 0.95^floor((e-1)/10) in the 1-based
    epoch e; adam constant;
  * minibatches: a fresh random permutation each epoch, consecutive batches
    of `batch` samples, the last one shorter when batch does not divide n;
  * after each epoch, on the whole train, validation and test parts: the
    MSE as admmlab reports it (||f(X) - Y||_F^2 / n: summed over outputs,
    averaged over samples) and the accuracy (argmax of the outputs, first
    maximum on ties, for classify-argmax; the sign, 0 counting as +, for
    classify-sign).

The epoch chosen on validation is the first epoch with the best validation
accuracy (lowest validation MSE for regression), as pipeline/runs does for
one trial; the peer reports the test accuracy there.

The settings default to the spec of the run the split was exported for
(split.json's run.spec); flags override them.

Usage:
  /usr/bin/python3 scripts/peer_sgd_torch.py --split DIR [--seed N]
      [--algorithm sgd|sgdm|adam] [--act relu|sigmoid|tanh] [--depth D]
      [--width W] [--batch B] [--lr LR] [--epochs E] [--init SCHEME]
      [--init-scale S] [--loss square|xent] [--progress]
Prints one JSON object on stdout.
"""

import argparse
import csv
import json
import math
import os
import struct
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import torch  # noqa: E402  (after the thread settings)

torch.set_num_threads(1)
DTYPE = torch.float64

# solvers/sgd/sgd.go
DECAY_FACTOR, DECAY_EVERY = 0.95, 10
MOMENTUM = 0.5
ADAM_BETAS, ADAM_EPS = (0.9, 0.999), 1e-8
DEFAULT_LR = {"sgd": 0.1, "sgdm": 0.1, "adam": 1e-3}


def read_npy(path):
    """A C-order little-endian float64 .npy file (as admmlab writes it)."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:6] != b"\x93NUMPY":
        raise SystemExit(f"{path}: not a .npy file")
    major = raw[6]
    if major == 1:
        (hlen,) = struct.unpack("<H", raw[8:10])
        start = 10
    else:
        (hlen,) = struct.unpack("<I", raw[8:12])
        start = 12
    header = raw[start:start + hlen].decode("latin1")
    if "'<f8'" not in header or "'fortran_order': False" not in header:
        raise SystemExit(f"{path}: want a C-order '<f8' array, header {header.strip()}")
    shape = tuple(int(v) for v in header.split("'shape': (")[1].split(")")[0].split(",") if v.strip())
    data = bytearray(raw[start + hlen:])
    t = torch.frombuffer(data, dtype=torch.float64)
    if t.numel() != math.prod(shape):
        raise SystemExit(f"{path}: {t.numel()} values, shape {shape}")
    return t.reshape(shape).clone()


def read_csv(path):
    with open(path, newline="") as f:
        rows = [[float(v) for v in row] for row in csv.reader(f) if row]
    return torch.tensor(rows, dtype=DTYPE)


def load_split(d):
    with open(os.path.join(d, "split.json")) as f:
        meta = json.load(f)
    read = read_npy if meta["format"] == "npy" else read_csv
    parts = {}
    for name, p in meta["parts"].items():
        x, y = read(os.path.join(d, p["x"])), read(os.path.join(d, p["y"]))
        if x.ndim == 1:
            x = x.reshape(-1, 1)
        if y.ndim == 1:
            y = y.reshape(-1, 1)
        if tuple(x.shape) != (p["n"], p["d_in"]) or tuple(y.shape) != (p["n"], p["d_out"]):
            raise SystemExit(f"{d}: part {name}: X {tuple(x.shape)}, Y {tuple(y.shape)}, split.json says "
                             f"{p['n']}x{p['d_in']} and {p['n']}x{p['d_out']}")
        parts[name] = (x, y)
    return meta, parts


def orthonormal(a):
    """The orthonormal factor of a (rows x cols) as solvers/nn's orthonormalise."""
    r, c = a.shape
    if r >= c:
        q, rr = torch.linalg.qr(a)  # a = QR, Q r x c
        return q * torch.sign(torch.diagonal(rr)).reshape(1, -1)
    q, rr = torch.linalg.qr(a.T)  # a^T = QR, Q c x r
    return (q * torch.sign(torch.diagonal(rr)).reshape(1, -1)).T


def init_weight(scheme, fan_in, fan_out, last, gen):
    shape = (fan_out, fan_in)

    def uniform(a):
        return (torch.rand(shape, dtype=DTYPE, generator=gen) * 2 - 1) * a

    def normal(sd):
        return torch.randn(shape, dtype=DTYPE, generator=gen) * sd

    if scheme == "lecun-unif":
        return uniform(math.sqrt(3 / fan_in))
    if scheme == "lecun-gauss":
        return normal(math.sqrt(1 / fan_in))
    if scheme == "xavier":
        return uniform(math.sqrt(6 / (fan_in + fan_out)))
    if scheme == "msra":
        return normal(math.sqrt((1 if last else 2) / fan_out))
    if scheme == "msra-fanin":
        return normal(math.sqrt((1 if last else 2) / fan_in))
    if scheme == "orth-unif":
        return orthonormal(uniform(1.0))
    if scheme == "orth-gauss":
        return orthonormal(normal(1.0))
    raise SystemExit(f"unknown init scheme {scheme!r}")


class Net(torch.nn.Module):
    def __init__(self, sizes, act, scheme, scale, gen):
        super().__init__()
        self.layers = torch.nn.ModuleList()
        for i in range(len(sizes) - 1):
            lin = torch.nn.Linear(sizes[i], sizes[i + 1], dtype=DTYPE)
            with torch.no_grad():
                lin.weight.copy_(init_weight(scheme, sizes[i], sizes[i + 1], i == len(sizes) - 2, gen) * scale)
                lin.bias.zero_()
            self.layers.append(lin)
        self.act = {"relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}[act]

    def forward(self, x):
        for lin in self.layers[:-1]:
            x = self.act(lin(x))
        return self.layers[-1](x)


def accuracy(p, y, task):
    if task == "classify-argmax":
        return (p.argmax(1) == y.argmax(1)).double().mean().item()
    if task == "classify-sign":
        return ((p[:, 0] >= 0) == (y[:, 0] >= 0)).double().mean().item()
    return float("nan")


def settings_from(meta, args):
    spec = (meta.get("run") or {}).get("spec") or {}
    s = {}
    for key, flag in [("algorithm", "algorithm"), ("act", "act"), ("depth", "depth"), ("width", "width"),
                      ("batch", "batch"), ("lr", "lr"), ("epochs", "epochs"), ("init", "init"),
                      ("init_scale", "init_scale"), ("loss", "loss")]:
        v = getattr(args, flag)
        s[key] = v if v is not None else spec.get(key)
    if not s["loss"]:
        s["loss"] = "square"
    if not s["lr"]:
        s["lr"] = DEFAULT_LR.get(s["algorithm"])
    if s["init_scale"] is None:
        s["init_scale"] = 1.0
    missing = [k for k, v in s.items() if v is None]
    if missing:
        raise SystemExit(f"no {', '.join(missing)}: the split has no run spec giving them; pass them as flags")
    if s["algorithm"] not in DEFAULT_LR:
        raise SystemExit(f"algorithm {s['algorithm']!r}: the peer trains sgd, sgdm and adam")
    if s["loss"] not in ("square", "xent"):
        raise SystemExit(f"loss {s['loss']!r}: want square or xent")
    if s["loss"] == "xent" and meta["task"] != "classify-argmax":
        raise SystemExit(f"loss xent needs a classify-argmax task, the split's is {meta['task']}")
    return s


def train(meta, parts, s, seed, progress=False):
    gen = torch.Generator().manual_seed(seed)
    x, y = parts["train"]
    n = x.shape[0]
    sizes = [x.shape[1]] + [s["width"]] * s["depth"] + [y.shape[1]]
    net = Net(sizes, s["act"], s["init"], s["init_scale"], gen)
    alg, lr0 = s["algorithm"], s["lr"]
    if alg == "adam":
        opt = torch.optim.Adam(net.parameters(), lr=lr0, betas=ADAM_BETAS, eps=ADAM_EPS)
    else:
        opt = torch.optim.SGD(net.parameters(), lr=lr0, momentum=MOMENTUM if alg == "sgdm" else 0.0)
    if s["loss"] == "xent":
        labels = y.argmax(1)

        def loss_fn(out, idx):
            return torch.nn.functional.cross_entropy(out, labels[idx])
    else:
        def loss_fn(out, idx):
            return torch.nn.functional.mse_loss(out, y[idx])

    task = meta["task"]
    kinds = ("mse",) if task == "regression" else ("mse", "acc")
    curves = {f"{p}_{q}": [] for p in parts for q in kinds}
    diverged = 0
    t0 = time.process_time()
    for e in range(1, s["epochs"] + 1):
        lr = lr0 if alg == "adam" else lr0 * DECAY_FACTOR ** ((e - 1) // DECAY_EVERY)
        for g in opt.param_groups:
            g["lr"] = lr
        perm = torch.randperm(n, generator=gen)
        for start in range(0, n, s["batch"]):
            idx = perm[start:start + s["batch"]]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(x[idx]), idx)
            if not torch.isfinite(loss):
                diverged = e
                break
            loss.backward()
            opt.step()
        if diverged:
            break
        with torch.no_grad():
            for name, (px, py) in parts.items():
                out = net(px)
                curves[f"{name}_mse"].append(((out - py) ** 2).sum().item() / px.shape[0])
                if task != "regression":
                    curves[f"{name}_acc"].append(accuracy(out, py, task))
        if progress:
            print(f"epoch {e}: " + " ".join(f"{k} {v[-1]:.4f}" for k, v in sorted(curves.items()) if v),
                  file=sys.stderr)
    res = {"seed": seed, "curves": curves, "epochs_run": len(curves["train_mse"]),
           "cpu_seconds": time.process_time() - t0}
    if diverged:
        res["diverged_epoch"] = diverged
    return res


def choose(curves, task):
    """The first epoch (1-based) with the best validation value."""
    c = curves.get("val_acc") if task != "regression" else curves.get("val_mse")
    if not c:
        return None
    best = None
    for k, v in enumerate(c):
        if v != v:
            continue
        if best is None or (v > c[best] if task != "regression" else v < c[best]):
            best = k
    return None if best is None else best + 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", required=True, help="directory written by admmlab data export")
    ap.add_argument("--seed", type=int, default=1, help="PyTorch generator seed (init and minibatch order)")
    ap.add_argument("--algorithm", choices=sorted(DEFAULT_LR))
    ap.add_argument("--act", choices=["relu", "sigmoid", "tanh"])
    ap.add_argument("--depth", type=int)
    ap.add_argument("--width", type=int)
    ap.add_argument("--batch", type=int)
    ap.add_argument("--lr", type=float)
    ap.add_argument("--epochs", type=int)
    ap.add_argument("--init")
    ap.add_argument("--init-scale", dest="init_scale", type=float)
    ap.add_argument("--loss", choices=["square", "xent"])
    ap.add_argument("--progress", action="store_true", help="one line per epoch on stderr")
    args = ap.parse_args()
    meta, parts = load_split(args.split)
    if "train" not in parts or "test" not in parts:
        raise SystemExit(f"{args.split}: want train and test parts")
    s = settings_from(meta, args)
    res = train(meta, parts, s, args.seed, args.progress)
    ep = choose(res["curves"], meta["task"])
    out = {"split": args.split, "data": meta["data"], "data_variant": meta["data_variant"], "trial": meta["trial"],
           "validation": meta["validation"], "task": meta["task"], "data_digest": meta["data_digest"],
           "settings": s, "torch": torch.__version__, "threads": torch.get_num_threads(), **res,
           "chosen_epoch": ep}
    if ep is not None and meta["task"] != "regression":
        out["val_acc_at_chosen"] = res["curves"]["val_acc"][ep - 1]
        out["test_acc_at_chosen"] = res["curves"]["test_acc"][ep - 1]
    if res["curves"].get("test_acc"):
        out["test_acc_final"] = res["curves"]["test_acc"][-1]
    run = meta.get("run")
    if run:
        out["admmlab_run"] = run["id"]
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
