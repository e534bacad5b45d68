#!/usr/bin/env python3
"""Crossbar against PyTorch, side by side: ResNet-20 images/s, alternating the two tools run by run.

This machine's speed drifts by tens of percent over minutes (other tenants on the host), so the two tools are
measured in short runs that alternate (A B, then B A, ...) and the ratio is taken within each round; the median
ratio over the rounds is the figure to quote. PyTorch is not a dependency of Crossbar; see README.md here.

    /usr/bin/python3 bench/pytorch/side_by_side.py --rounds 5 --json side-by-side.json
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_CROSSBAR = REPO / "src/Crossbar.Cli/bin/Release/net10.0/Crossbar.Cli"


def run_json(cmd, out_path):
    """Runs cmd (which writes a JSON list to out_path) and returns that list; stops on a failed run."""
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(map(str, cmd))}\n{done.stdout[-2000:]}")
    with open(out_path) as f:
        return json.load(f)


def crossbar(args, task, batch, threads, out):
    cmd = [str(args.crossbar), "bench", "cnn", "--threads", str(threads), "--batches", str(args.batches),
           "--repeat", str(args.repeat), "--json", out,
           "--train-batch", str(batch if task == "train" else 0),
           "--infer-batch", str(batch if task == "infer" else 0)]
    if args.data:
        cmd += ["--data", args.data]
    row = run_json(cmd, out)[0]
    return row["images_per_second_best"], row["peak_memory_mib"]


def pytorch(args, task, batch, threads, out):
    cmd = [args.python, str(HERE / "resnet20_bench.py"), "--threads", str(threads), "--tasks", task,
           "--repeat", str(args.repeat), "--malloc", args.malloc, "--json", out,
           "--train-batches" if task == "train" else "--infer-batches", str(args.batches)]
    cmd += ["--train-batch", str(batch)] if task == "train" else ["--infer-batch", str(batch)]
    if args.data:
        cmd += ["--data", args.data]
    row = run_json(cmd, out)[0]
    return row["images_per_second_best"], row["peak_rss_mb"]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--crossbar", default=str(DEFAULT_CROSSBAR), help="the Crossbar.Cli executable (Release build)")
    p.add_argument("--python", default="/usr/bin/python3", help="a Python with torch (Debian python3-torch)")
    p.add_argument("--rounds", type=int, default=5, help="alternating rounds per configuration")
    p.add_argument("--threads", default="2", help="thread counts, e.g. 1,2")
    p.add_argument("--configs", default="train:128,infer:100,infer:500", help="task:batch list")
    p.add_argument("--batches", type=int, default=10, help="timed batches per pass")
    p.add_argument("--repeat", type=int, default=2, help="timed passes per run (the best is kept)")
    p.add_argument("--malloc", choices=["tuned", "system"], default="tuned", help="PyTorch's allocator setting")
    p.add_argument("--data", help="CIFAR-10 folder (default: each tool's own default, ../shared/data/cifar-10)")
    p.add_argument("--json", help="write every run and the summary to this file")
    args = p.parse_args()
    if not Path(args.crossbar).is_file():
        sys.exit(f"{args.crossbar}: not found; build with `dotnet build Crossbar.slnx -c Release` or pass --crossbar")

    configs = [(c.split(":")[0], int(c.split(":")[1])) for c in args.configs.split(",")]
    threads = [int(t) for t in args.threads.split(",")]
    runs, summary = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "row.json")
        for task, batch in configs:
            for t in threads:
                ratios = []
                for r in range(args.rounds):
                    order = [("crossbar", crossbar), ("pytorch", pytorch)]
                    if r % 2:
                        order.reverse()
                    got = {}
                    for name, fn in order:
                        got[name] = fn(args, task, batch, t, out)
                    ratio = got["crossbar"][0] / got["pytorch"][0]
                    ratios.append(ratio)
                    runs.append({"task": task, "batch": batch, "threads": t, "round": r,
                                 "crossbar_images_per_second": got["crossbar"][0], "crossbar_peak_mib": got["crossbar"][1],
                                 "pytorch_images_per_second": got["pytorch"][0], "pytorch_peak_rss_mb": got["pytorch"][1],
                                 "ratio": ratio})
                    print(f"{task:5} {batch:4} thr {t} round {r}: crossbar {got['crossbar'][0]:8.1f}  "
                          f"pytorch {got['pytorch'][0]:8.1f}  ratio {ratio:5.2f}", flush=True)
                row = {"task": task, "batch": batch, "threads": t, "rounds": args.rounds,
                       "ratio_median": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios)}
                summary.append(row)
                print(f"{task:5} {batch:4} thr {t}: ratio median {row['ratio_median']:.2f} "
                      f"(range {row['ratio_min']:.2f}–{row['ratio_max']:.2f})", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"malloc": args.malloc, "summary": summary, "runs": runs}, f, indent=1)


if __name__ == "__main__":
    main()
