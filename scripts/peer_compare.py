#!/usr/bin/python3
"""Compare a table cell of admmlab's SGD family with the PyTorch peer.

For one experiment and algorithm label (e.g. eyb-sweep "Adam (ReLU)") this
  1. finds the configuration the report chose and its trials' runs: the
     report's summary.json (rendered from --store into a temporary directory
     with `admmlab report`, or read from --summary) lists, under
     <item>/<label>/<metric>_best, the runs of the chosen configuration and,
     under <item>/<label>/chosen_epoch, the stopping epoch chosen on the mean
     validation curve; the item is the one whose runs `admmlab explain` says
     are members of "<experiment> / <label>";
  2. exports each trial's split with `admmlab data export --run` (the run's
     own samples; split.json carries the run's spec and curves);
  3. trains the peer (scripts/peer_sgd_torch.py) on each split at the run's
     settings, --peer-seeds times with different PyTorch seeds;
  4. reads both sides by the report's rule: the stopping epoch is the first
     epoch with the best mean validation accuracy over all of a side's runs,
     and each trial's test accuracy is read there. It prints, per trial,
     ours and the peer's at each side's own chosen epoch, at admmlab's epoch
     and at the last epoch, and the mean difference (peer - ours).

Exit status: 0 when |mean difference| at the chosen epochs is within
--tolerance points, 1 when not, 2 on a usage or setup problem.

Usage:
  /usr/bin/python3 scripts/peer_compare.py --admmlab bin/admmlab --store results/runs.db \\
      --experiment eyb-sweep --label "Adam (ReLU)" [--profile quick] [--data-dir DIR] \\
      [--trials N] [--peer-seeds K] [--summary FILE] [--loss square|xent] [--epochs E] \\
      [--tolerance 1.5] [--json FILE] [--keep DIR]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "peer_sgd_torch.py")


def die(msg):
    print(f"peer_compare: {msg}", file=sys.stderr)
    sys.exit(2)


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        die(f"{' '.join(cmd)}: exit {p.returncode}\n{p.stderr.strip()}")
    return p.stdout


def summary_numbers(args, tmp):
    path = args.summary
    if not path:
        out = os.path.join(tmp, "report")
        cmd = [args.admmlab, "report", "--profile", args.profile, "--store", args.store, "--out", out]
        if args.data_dir:
            cmd += ["--data-dir", args.data_dir]
        run(cmd)
        path = os.path.join(out, "summary.json")
    with open(path) as f:
        return json.load(f)["numbers"]


def members(args, run_id):
    cmd = [args.admmlab, "explain", "--profile", args.profile, "--store", args.store, run_id]
    if args.data_dir:
        cmd += ["--data-dir", args.data_dir]
    return re.findall(r"^  member of +(.+?) \(\S+\)$", run(cmd), re.M)


def find_cell(args, numbers):
    """The summary's key prefix <item>/<label> of the experiment's cell."""
    suffix = f"/{args.label}/{args.metric}_best"
    want = f"{args.experiment} / {args.label}"
    tried = []
    for key in sorted(numbers):
        if not key.endswith(suffix) or key.count("/") != 2:
            continue
        runs = numbers[key].get("runs") or []
        prefix = key[: -len(f"/{args.metric}_best")]
        # A refitting table's cell is the refit runs (the whole training
        # split, no validation curve); the peer is compared with the model
        # the choice was made on, trained on the same held-out split.
        held = numbers.get(f"{prefix}/held_out/{args.metric}_best")
        if held and held.get("runs"):
            runs = held["runs"]
        if runs and want in members(args, runs[0]):
            return prefix, runs
        tried.append(key)
    die(f"no cell of {want!r} in the summary (keys tried: {', '.join(tried) or 'none'}); "
        f"has the store's {args.profile} profile run it, and is --label spelled as in the table?")


def choose_epoch(runs_curves):
    """pipeline/runs.ChooseEpoch on val_acc: the first epoch with the best
    mean over the runs (runs shorter than an epoch, or non-finite there,
    left out of that epoch's mean)."""
    n = max(len(c) for c in runs_curves)
    best, score = None, None
    for k in range(n):
        vs = [c[k] for c in runs_curves if k < len(c) and c[k] is not None and c[k] == c[k]]
        if not vs:
            continue
        m = sum(vs) / len(vs)
        if best is None or m > score:
            best, score = k + 1, m
    return best, score


def at(curve, epoch):
    if epoch is None or epoch > len(curve) or curve[epoch - 1] is None:
        return float("nan")
    return curve[epoch - 1]


def mean(vs):
    vs = [v for v in vs if v == v]
    return sum(vs) / len(vs) if vs else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--admmlab", default="bin/admmlab", help="the admmlab binary")
    ap.add_argument("--store", default="results/runs.db", help="run store (read only)")
    ap.add_argument("--profile", default="quick")
    ap.add_argument("--experiment", required=True, help="e.g. eyb-sweep")
    ap.add_argument("--label", required=True, help='algorithm label as in the table, e.g. "Adam (ReLU)"')
    ap.add_argument("--metric", default="test_acc")
    ap.add_argument("--data-dir", default=os.environ.get("ADMMLAB_DATA_DIR", ""))
    ap.add_argument("--summary", help="summary.json rendered from --store (default: render one with admmlab report)")
    ap.add_argument("--trials", type=int, default=0, help="compare at most this many trials (0: all)")
    ap.add_argument("--peer-seeds", type=int, default=1, help="peer runs per trial (PyTorch seeds 1..K)")
    ap.add_argument("--loss", choices=["square", "xent"], help="override the peer's loss (default: the run's)")
    ap.add_argument("--epochs", type=int, help="override the peer's epochs (default: the run's)")
    ap.add_argument("--tolerance", type=float, default=1.5, help="points")
    ap.add_argument("--python", default=sys.executable, help="python with torch for the peer")
    ap.add_argument("--json", help="write the comparison as JSON here")
    ap.add_argument("--keep", help="export the splits here and keep them (default: a temporary directory)")
    args = ap.parse_args()
    if args.metric != "test_acc":
        die("only test_acc (classification) is compared")

    tmp = tempfile.mkdtemp(prefix="peer-compare-")
    try:
        numbers = summary_numbers(args, tmp)
        cell, run_ids = find_cell(args, numbers)
        if args.trials > 0:
            run_ids = run_ids[: args.trials]
        ours_epoch = int(numbers[f"{cell}/chosen_epoch"]["value"]) if f"{cell}/chosen_epoch" in numbers else None
        splits = args.keep or os.path.join(tmp, "splits")
        trials = []
        for rid in run_ids:
            d = os.path.join(splits, rid[:12])
            cmd = [args.admmlab, "data", "export", "--store", args.store, "--run", rid, "--out", d]
            if args.data_dir:
                cmd += ["--data-dir", args.data_dir]
            run(cmd)
            with open(os.path.join(d, "split.json")) as f:
                meta = json.load(f)
            r = meta["run"]
            peer_cmd = [args.python, PEER, "--split", d]
            if args.loss:
                peer_cmd += ["--loss", args.loss]
            if args.epochs:
                peer_cmd += ["--epochs", str(args.epochs)]
            peers = []
            for seed in range(1, args.peer_seeds + 1):
                print(f"peer: {args.label} trial {r['spec']['trial']} seed {seed} ({rid[:12]})", file=sys.stderr)
                peers.append(json.loads(run(peer_cmd + ["--seed", str(seed)])))
            trials.append({"run": rid, "trial": r["spec"]["trial"], "spec": r["spec"], "ours": r["curves"],
                           "peer": [p["curves"] for p in peers], "peer_cpu_s": [p["cpu_seconds"] for p in peers],
                           "settings": peers[0]["settings"]})
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    our_ep, our_val = choose_epoch([t["ours"]["val_acc"] for t in trials])
    peer_ep, peer_val = choose_epoch([c["val_acc"] for t in trials for c in t["peer"]])
    if ours_epoch is not None and ours_epoch != our_ep:
        print(f"note: the report chose epoch {ours_epoch}, these runs' mean validation curve {our_ep}", file=sys.stderr)
    rows = []
    for t in trials:
        o, ps = t["ours"]["test_acc"], [c["test_acc"] for c in t["peer"]]
        rows.append({"trial": t["trial"], "run": t["run"],
                     "peer_seeds_chosen": [at(p, peer_ep) for p in ps],
                     "ours_val_chosen": at(t["ours"]["val_acc"], our_ep),
                     "peer_val_chosen": mean([at(c["val_acc"], peer_ep) for c in t["peer"]]),
                     "ours_chosen": at(o, our_ep), "peer_chosen": mean([at(p, peer_ep) for p in ps]),
                     "peer_at_ours_epoch": mean([at(p, our_ep) for p in ps]),
                     "ours_final": o[-1], "peer_final": mean([p[-1] for p in ps])})
    s = trials[0]["settings"]
    spec = trials[0]["spec"]
    print(f"{args.experiment} / {args.label} ({cell}): depth {s['depth']}, width {s['width']}, {s['algorithm']} "
          f"{s['act']}, batch {s['batch']}, lr {s['lr']}, {s['init']}×{s['init_scale']}, loss {s['loss']}, "
          f"{s['epochs']} epochs (ours {spec['epochs']}); data {spec['data']} {spec.get('data_variant', '')} "
          f"validation {spec.get('validation', 0)}; {len(trials)} trials, {args.peer_seeds} peer seed(s) each")
    print(f"stopping epoch on the mean validation curve: ours {our_ep} (val {100 * our_val:.2f}), "
          f"peer {peer_ep} (val {100 * peer_val:.2f})")
    print("test accuracy (%) at each side's chosen epoch; val: the validation accuracy there")
    print(f"{'trial':>5}  {'run':12}  {'ours':>6}  {'peer':>6}  {'diff':>6}  {'peer@ours ep':>12}  "
          f"{'ours final':>10}  {'peer final':>10}  {'val ours':>8}  {'val peer':>8}  peer per seed")
    for r in rows:
        seeds = " ".join(f"{100 * v:.2f}" for v in r["peer_seeds_chosen"])
        print(f"{r['trial']:>5}  {r['run'][:12]}  {100 * r['ours_chosen']:6.2f}  {100 * r['peer_chosen']:6.2f}  "
              f"{100 * (r['peer_chosen'] - r['ours_chosen']):+6.2f}  {100 * r['peer_at_ours_epoch']:12.2f}  "
              f"{100 * r['ours_final']:10.2f}  {100 * r['peer_final']:10.2f}  {100 * r['ours_val_chosen']:8.2f}  "
              f"{100 * r['peer_val_chosen']:8.2f}  {seeds}")
    m = {k: mean([r[k] for r in rows]) for k in rows[0] if k not in ("trial", "run", "peer_seeds_chosen")}
    diff = 100 * (m["peer_chosen"] - m["ours_chosen"])
    print(f"{'mean':>5}  {'':12}  {100 * m['ours_chosen']:6.2f}  {100 * m['peer_chosen']:6.2f}  {diff:+6.2f}  "
          f"{100 * m['peer_at_ours_epoch']:12.2f}  {100 * m['ours_final']:10.2f}  {100 * m['peer_final']:10.2f}  "
          f"{100 * m['ours_val_chosen']:8.2f}  {100 * m['peer_val_chosen']:8.2f}")
    ok = abs(diff) <= args.tolerance
    print(f"mean difference (peer - ours) at the chosen epochs: {diff:+.2f} points: "
          f"{'within' if ok else 'NOT within'} {args.tolerance} points")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"experiment": args.experiment, "label": args.label, "cell": cell, "settings": s,
                       "ours_epoch": our_ep, "peer_epoch": peer_ep, "report_epoch": ours_epoch,
                       "trials": rows, "mean": m, "mean_diff_points": diff, "tolerance": args.tolerance,
                       "within": ok, "peer_cpu_seconds": [t["peer_cpu_s"] for t in trials],
                       "curves": [{"run": t["run"], "trial": t["trial"], "ours": t["ours"], "peer": t["peer"]}
                                  for t in trials]}, f)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
