#!/usr/bin/python3
"""Time one ADMM iteration at the product gate's (2, 300) in admmlab, in the
authors' Octave code and in a numpy port of it, side by side.

The three sides run the same problem shape: n = 1000 samples of the product
gate y = x1·x2 on [-1, 1]², a sigmoid net 2 -> 300 -> 300 -> 1, MSRA init
scaled by 8 (the authors' Demo_DNN_prodgate.m), λ = 1e-6, β = 1.

  * admmlab: BenchmarkADMMIterationWide/depth2-width300 of solvers/admm (one
    iteration of Algorithm 1 without the per-epoch statistics), ns/op of each
    round; its cpu-ns/op is printed beside it.
  * Octave: the authors' ADMM_DNN.m, called as their demo calls it, for
    --octave-iters iterations per round, timed with tic/toc around the call
    (no Octave start-up). Each of its iterations also computes the demo's
    training error and potential function, and prints a line.
  * numpy: a port of the authors' update functions (Wout_admm, Whindden_admm,
    Vhindden_admm, V2ndend_admm, Vout_admm and the multiplier update), each
    product as their code writes it and their A/B, B\\A as numpy.linalg.solve,
    without the per-epoch statistics. It is not admmlab's arrangement of the
    iteration (which reuses σ(WṼ) and Gram matrices and solves by Cholesky):
    the ratio to it measures the implementation as a whole, not the kernels.

Everything is single-threaded: run with OPENBLAS_NUM_THREADS=1 (the Makefile
does, and this script sets it for itself and Octave when it is unset), so
Octave's and numpy's products go to one thread of Debian's OpenBLAS. The
machine's speed drifts, so the sides alternate in rounds; reported are the
best and the median of the rounds and the ratios of the bests, with the
median of the per-round ratios beside them.

The authors' code is not part of admmlab and this script fetches nothing:
clone it yourself (git clone https://github.com/yao-lab/ADMM-DeepLearning)
and pass the checkout's root with --authors. Needs Debian's octave (or
octave-cli), python3-numpy and libopenblas0 (libopenblas-dev).

Usage:
  go test -c -o bin/admm.test ./solvers/admm/
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 scripts/bench_admm_peers.py \\
      --go-test bin/admm.test --authors ../ADMM-DeepLearning
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402  (after the thread count is fixed)

GO_BENCH = "BenchmarkADMMIterationWide/depth2-width300"
TARGET_OCTAVE, TARGET_NUMPY = 4.5, 3.0


def go_round(binary, iters):
    """One run of the Go benchmark; returns (ns/op, cpu-ns/op) in seconds."""
    out = subprocess.run(
        [binary, "-test.run", "^$", "-test.bench", "^BenchmarkADMMIterationWide$/^depth2-width300$",
         "-test.benchtime", f"{iters}x", "-test.cpu", "2"],
        check=True, capture_output=True, text=True).stdout
    pat = re.compile(r"^" + re.escape(GO_BENCH) + r"(?:-\d+)?\s+\d+\s+([0-9.]+) ns/op(?:\s+([0-9.]+) cpu-ns/op)?")
    for line in out.splitlines():
        m = pat.match(line)
        if m:
            return float(m.group(1)) * 1e-9, float(m.group(2) or "nan") * 1e-9
    raise SystemExit(f"{binary}: no {GO_BENCH} line in\n{out}")


OCTAVE_DRIVER = """
addpath(fullfile('{root}', 'Algorithms')); addpath(fullfile('{root}', 'Tools'));
rng(30);
ntr = 1000; xtr = -1 + 2*rand(ntr, 2).'; ytr = xtr(1,:).*xtr(2,:);
dim = [2; {width}; {width}; 1];
[W0, b0] = init_scheme(dim, 6, 8);
c0 = cputime; tic; [e, tr, loss] = ADMM_DNN(xtr, ytr, W0, b0, 1, {iters}); t = toc; c = cputime - c0;
printf('BENCH_SECONDS_PER_ITER %.9f %.9f\\n', t / {iters}, c / {iters});
printf('BENCH_FINAL_TRAIN_ERR %.6g\\n', tr(end));
"""


def octave_round(octave, root, iters, width=300):
    """One Octave process running the authors' ADMM_DNN for iters
    iterations; returns (wall, CPU) seconds per iteration (tic/toc and
    cputime around the call, start-up excluded)."""
    src = OCTAVE_DRIVER.format(root=os.path.join(root, "demo-ADMM-DL"), width=width, iters=iters)
    res = subprocess.run([octave, "--no-gui", "--no-window-system", "--quiet", "--eval", src],
                         capture_output=True, text=True)
    m = re.search(r"BENCH_SECONDS_PER_ITER ([0-9.eE+-]+) ([0-9.eE+-]+)", res.stdout)
    if res.returncode != 0 or not m:
        raise SystemExit(f"octave failed (exit {res.returncode}):\n{res.stdout[-2000:]}\n{res.stderr[-2000:]}")
    return float(m.group(1)), float(m.group(2))


def sigmoid(u):
    return 1.0 / (1.0 + np.exp(-u))


def sigmoid_grad(u):
    z = sigmoid(u)
    return z * (1.0 - z)


def aug(v):
    return np.vstack([v, np.ones((1, v.shape[1]))])


class NumpyADMM:
    """The authors' iteration (ADMM_DNN.m's loop body without its statistics)
    in numpy, for L ≥ 2 hidden layers. W[i] is [W_i b_i]."""

    def __init__(self, width=300, depth=2, n=1000, lam=1e-6, seed=30):
        rng = np.random.default_rng(seed)
        self.x = -1 + 2 * rng.random((2, n))
        self.y = (self.x[0] * self.x[1])[None, :]
        dims = [2] + [width] * depth + [1]
        self.W = []
        for i in range(len(dims) - 1):
            w = 8 * rng.standard_normal((dims[i + 1], dims[i])) * np.sqrt(2 / dims[i + 1])
            self.W.append(np.hstack([w, np.zeros((dims[i + 1], 1))]))
        self.L, self.lam = depth, lam
        self.beta = np.ones(depth + 1)
        self.V, a = [], self.x
        for i in range(depth):
            a = sigmoid(self.W[i] @ aug(a))
            self.V.append(a)
        self.V.append(self.W[depth] @ aug(a))
        self.U = [np.zeros_like(v) for v in self.V]

    def w_out(self, v0, v1, u1, beta):
        a = aug(v0)
        rhs = (beta * v1 - u1) @ a.T
        sys_ = self.lam * np.eye(a.shape[0]) + beta * (a @ a.T)
        return np.linalg.solve(sys_, rhs.T).T  # rhs / sys_, sys_ symmetric

    def w_hidden(self, wprev, v0, v1, u1, beta):
        a, b = aug(v0), v1 - u1 / beta
        h = np.abs(b).max()
        temp = wprev @ a
        g = (sigmoid(temp) - b) * sigmoid_grad(temp)
        rhs = (beta * (h * temp / 2 - g)) @ a.T
        sys_ = self.lam * np.eye(a.shape[0]) + beta * h * (a @ a.T) / 2
        return np.linalg.solve(sys_, rhs.T).T

    def v_hidden(self, w1, w2, v0, v1prev, v2prev, u1, u2, beta1, beta2):
        b = v2prev - u2 / beta2
        c = sigmoid(w1 @ aug(v0)) + u1 / beta1
        w2n, b2 = w2[:, :-1], w2[:, -1:]
        temp = w2n @ v1prev
        mu = np.abs(b).max()
        hidden = temp + b2
        g = (sigmoid(hidden) - b) * sigmoid_grad(hidden)
        sys_ = beta1 * np.eye(w2n.shape[1]) + beta2 * mu * (w2n.T @ w2n) / 2
        return np.linalg.solve(sys_, beta1 * c + beta2 * (w2n.T @ (mu * temp / 2 - g)))

    def v_2ndend(self, w1, w2, v0, v2prev, u1, u2, beta1, beta2):
        w2n, b2 = w2[:, :-1], w2[:, -1:]
        temp = u1 + beta1 * sigmoid(w1 @ aug(v0)) - w2n.T @ (u2 - beta2 * (v2prev - b2))
        sys_ = beta1 * np.eye(w2n.shape[1]) + beta2 * (w2n.T @ w2n)
        return np.linalg.solve(sys_, temp)

    def step(self):
        L, W0, V0, U0, be = self.L, self.W, self.V, self.U, self.beta
        W = [None] * (L + 1)
        W[L] = self.w_out(V0[L - 1], V0[L], U0[L], be[L])
        for i in range(L - 1, 0, -1):
            W[i] = self.w_hidden(W0[i], V0[i - 1], V0[i], U0[i], be[i])
        W[0] = self.w_hidden(W0[0], self.x, V0[0], U0[0], be[0])
        V = [None] * (L + 1)
        V[0] = self.v_hidden(W[0], W[1], self.x, V0[0], V0[1], U0[0], U0[1], be[0], be[1])
        for j in range(1, L - 1):
            V[j] = self.v_hidden(W[j], W[j + 1], V[j - 1], V0[j], V0[j + 1], U0[j], U0[j + 1], be[j], be[j + 1])
        V[L - 1] = self.v_2ndend(W[L - 1], W[L], V[L - 2], V0[L], U0[L - 1], U0[L], be[L - 1], be[L])
        V[L] = (self.y + U0[L] + be[L] * (W[L] @ aug(V[L - 1]))) / (1 + be[L])
        U = [None] * (L + 1)
        U[0] = U0[0] + be[0] * (sigmoid(W[0] @ aug(self.x)) - V[0])
        for i in range(1, L):
            U[i] = U0[i] + be[i] * (sigmoid(W[i] @ aug(V[i - 1])) - V[i])
        U[L] = U0[L] + be[L] * (W[L] @ aug(V[L - 1]) - V[L])
        self.W, self.V, self.U = W, V, U

    def train_mse(self):
        a = self.x
        for i in range(self.L):
            a = sigmoid(self.W[i] @ aug(a))
        return float(np.mean((self.W[self.L] @ aug(a) - self.y) ** 2))

    def round(self, iters):
        """Median (wall, CPU) seconds of iters iterations from a fresh
        start."""
        self.__init__()
        wall, cpu = [], []
        for _ in range(iters):
            t0, c0 = time.perf_counter(), time.process_time()
            self.step()
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        return statistics.median(wall), statistics.median(cpu)


def cpu_model():
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        m = re.search(r"Model name:\s*(.+)", out)
        return m.group(1).strip() if m else "unknown CPU"
    except OSError:
        return "unknown CPU"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--go-test", required=True, help="the solvers/admm test binary (go test -c)")
    ap.add_argument("--authors", required=True,
                    help="root of a checkout of github.com/yao-lab/ADMM-DeepLearning (holds demo-ADMM-DL/)")
    ap.add_argument("--octave", default=shutil.which("octave-cli") or shutil.which("octave") or "octave")
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds")
    ap.add_argument("--go-iters", type=int, default=20, help="iterations per round, admmlab")
    ap.add_argument("--octave-iters", type=int, default=5, help="iterations per round, Octave")
    ap.add_argument("--numpy-iters", type=int, default=5, help="iterations per round, numpy")
    args = ap.parse_args()
    demo = os.path.join(args.authors, "demo-ADMM-DL", "Algorithms", "ADMM_DNN.m")
    if not os.path.isfile(demo):
        raise SystemExit(f"--authors {args.authors}: no demo-ADMM-DL/Algorithms/ADMM_DNN.m there "
                         "(want the root of a checkout of github.com/yao-lab/ADMM-DeepLearning)")
    if os.environ.get("OPENBLAS_NUM_THREADS") != "1":
        print(f"warning: OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}, not 1", file=sys.stderr)

    npa = NumpyADMM()
    npa.round(2)  # warm-up
    go_round(args.go_test, 2)
    # Wall and CPU seconds per iteration of each round, per side: on a
    # quiet machine they agree; on a busy one the wall times count the
    # other processes' turns and the CPU times are the better comparison.
    sides = {"go": ([], []), "octave": ([], []), "numpy": ([], [])}
    for _ in range(args.rounds):
        for name, t in (("go", go_round(args.go_test, args.go_iters)),
                        ("octave", octave_round(args.octave, args.authors, args.octave_iters)),
                        ("numpy", npa.round(args.numpy_iters))):
            sides[name][0].append(t[0])
            sides[name][1].append(t[1])
    if not np.isfinite(npa.train_mse()):
        raise SystemExit("numpy port diverged (non-finite MSE): its timings would be meaningless")

    ms = lambda x: f"{x * 1e3:9.2f} ms"
    ver = subprocess.run([args.octave, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    print(f"{cpu_model()}; {ver}; numpy {np.__version__}; OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}")
    print(f"one ADMM iteration, sigmoid 2-300-300-1, n = 1000; {args.rounds} alternating rounds")
    print("                                wall: best     median      CPU: best     median")
    for name, label in (("go", "admmlab (Go)"), ("octave", "authors' Octave ADMM_DNN"), ("numpy", "numpy port of the authors'")):
        w, c = sides[name]
        print(f"{label:28s} {ms(min(w))} {ms(statistics.median(w))}   {ms(min(c))} {ms(statistics.median(c))}")
    print("(Octave's iteration includes its per-epoch training error and potential function)")
    ok = True
    for name, target in (("octave", TARGET_OCTAVE), ("numpy", TARGET_NUMPY)):
        for k, kind in ((0, "wall"), (1, "CPU")):
            peer, go = sides[name][k], sides["go"][k]
            best = min(peer) / min(go)
            med = statistics.median(p / g for p, g in zip(peer, go))
            verdict = "meets" if best >= target else "misses"
            if k == 0:
                ok = ok and best >= target
            print(f"{name}/admmlab, {kind}: {best:.2f}x on the best rounds (median of rounds {med:.2f}x); "
                  f"{verdict} the target {target}x")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
