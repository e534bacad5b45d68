"""Shared driver for the PyTorch peer benchmarks (resnet20_bench.py, lenet5_bench.py).

Not part of Crossbar: a side-by-side reference for `crossbar bench cnn`. See README.md in this folder.

Each (task, batch, threads) measurement runs by default in its own child process, so its peak RSS
(resource.getrusage ru_maxrss) belongs to that measurement alone and thread pools start fresh.
"""

import argparse
import ctypes
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

RESULT_TAG = "@@RESULT "
REPO_ROOT = Path(__file__).resolve().parents[2]


def require_torch():
    """Exit with an install hint where this interpreter has no torch/numpy (e.g. a pyenv python3 first on PATH)."""
    try:
        import numpy  # noqa: F401
        import torch  # noqa: F401
    except ImportError as e:
        raise SystemExit(f"{sys.executable}: {e}. Install Debian's PyTorch with\n"
                         "  apt-get install -y python3-torch python3-numpy libopenblas0-pthread\n"
                         "and run the script with /usr/bin/python3 (see bench/pytorch/README.md).")


def rss_peak_mb():
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def minor_faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def tune_malloc():
    """Keep freed blocks in glibc's heap instead of unmapping them (M_MMAP_THRESHOLD, M_TRIM_THRESHOLD = 1 GiB).

    By default glibc serves each large tensor (a batch-1000 activation is ~19 MB) with a fresh mmap and unmaps it on
    free, so every batch page-faults its activations in again. On this VM that costs 5-7x in inference at large
    batches (LeNet-5 at batch 1000: ~21,000 minor faults and ~0.2 s of system time per batch). PyTorch's CPU tuning
    advice is to use jemalloc/tcmalloc for the same reason; mallopt needs no extra package. --malloc system skips it.
    Returns True where glibc accepted both settings."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3
    one_gib = ctypes.c_int(1 << 30)
    return bool(libc.mallopt(m_mmap_threshold, one_gib)) and bool(libc.mallopt(m_trim_threshold, one_gib))


def parse_int_list(text):
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a comma-separated list of integers, got {text!r}")
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"expected positive integers, got {text!r}")
    return values


def positive_int(text):
    v = int(text)
    if v < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return v


def non_negative_int(text):
    v = int(text)
    if v < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}")
    return v


# ---------------------------------------------------------------------------------------------
# BLAS detection and thread control
# ---------------------------------------------------------------------------------------------

def _loaded_libraries():
    libs = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 6 and parts[-1].startswith("/") and parts[-1] not in libs:
                    libs.append(parts[-1])
    except OSError:
        pass
    return libs


def _openblas_handle():
    for lib in _loaded_libraries():
        name = os.path.basename(lib)
        if name.startswith("libopenblas"):
            try:
                handle = ctypes.CDLL(lib)
                handle.openblas_get_num_threads  # noqa: B018 (probe the symbol)
                return lib, handle
            except (OSError, AttributeError):
                continue
    return None, None


def blas_info():
    """A one-line description of the BLAS that is actually mapped into this process."""
    import torch

    # Touch BLAS so that a lazily loaded library is mapped.
    a = torch.ones(64, 64)
    (a @ a).sum().item()
    path, handle = _openblas_handle()
    if handle is not None:
        handle.openblas_get_config.restype = ctypes.c_char_p
        handle.openblas_get_corename.restype = ctypes.c_char_p
        config = handle.openblas_get_config().decode(errors="replace").strip()
        core = handle.openblas_get_corename().decode(errors="replace").strip()
        return f"{config} core={core} ({path})"
    for lib in _loaded_libraries():
        name = os.path.basename(lib)
        if "mkl" in name or name.startswith("libblas") or "blis" in name:
            return f"{name} ({lib})"
    return "unknown (no BLAS library found in /proc/self/maps)"


def set_threads(threads):
    """torch intra-op threads (OpenMP) and, because torch does not forward it, OpenBLAS's own pool."""
    import torch

    torch.set_num_threads(threads)
    _, handle = _openblas_handle()
    if handle is not None:
        handle.openblas_set_num_threads(ctypes.c_int(threads))
        return handle.openblas_get_num_threads()
    return None


# ---------------------------------------------------------------------------------------------
# Timing loops
# ---------------------------------------------------------------------------------------------

def cycle_batches(x, y, batch, count, start=0):
    """`count` (input, label) batches of `batch` rows taken in order from x/y, wrapping around.
    Batches that fit inside the tensors are views (no copy)."""
    import torch

    n = x.shape[0]
    out = []
    pos = start % n
    for _ in range(count):
        if pos + batch <= n:
            out.append((x[pos:pos + batch], y[pos:pos + batch]))
        else:
            idx = torch.arange(pos, pos + batch) % n
            out.append((x[idx].contiguous(), y[idx].contiguous()))
        pos = (pos + batch) % n
    return out


def measure_train(model, optimizer, batches, warmup, timed, repeat, augment=None):
    import torch
    import torch.nn.functional as F

    model.train()
    losses = []

    def step(xb, yb):
        if augment is not None:
            xb = augment(xb)
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(xb), yb)
        loss.backward()
        optimizer.step()
        return loss

    k = 0
    for _ in range(warmup):
        xb, yb = batches[k % len(batches)]
        losses.append(step(xb, yb).item())
        k += 1
    rates, seconds = [], []
    faults0 = minor_faults()
    for _ in range(repeat):
        images = 0
        last = None
        t0 = time.perf_counter()
        for _ in range(timed):
            xb, yb = batches[k % len(batches)]
            last = step(xb, yb)
            images += xb.shape[0]
            k += 1
        last_value = last.item()  # CPU ops are synchronous; .item() costs nothing extra here
        dt = time.perf_counter() - t0
        losses.append(last_value)
        rates.append(images / dt)
        seconds.append(dt)
    faults = (minor_faults() - faults0) / (timed * repeat)
    return rates, seconds, losses, faults


def measure_infer(model, batches, warmup, timed, repeat):
    import torch

    model.eval()
    k = 0
    correct = total = 0
    with torch.no_grad():
        for _ in range(warmup):
            xb, _ = batches[k % len(batches)]
            model(xb)
            k += 1
        rates, seconds = [], []
        faults0 = minor_faults()
        for _ in range(repeat):
            images = 0
            outs = []
            t0 = time.perf_counter()
            for _ in range(timed):
                xb, yb = batches[k % len(batches)]
                out = model(xb)
                outs.append((out, yb))
                images += xb.shape[0]
                k += 1
            dt = time.perf_counter() - t0
            rates.append(images / dt)
            seconds.append(dt)
            faults_run = minor_faults()
            for out, yb in outs:
                correct += int((out.argmax(1) == yb).sum())
                total += yb.shape[0]
            faults0 += minor_faults() - faults_run  # do not count the accuracy bookkeeping
    faults = (minor_faults() - faults0) / (timed * repeat)
    return rates, seconds, correct / max(total, 1), faults


# ---------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------

class Spec:
    """What a benchmark script provides.

    name, dataset, default_data (path relative to the repo root), train_batch, infer_batches (list),
    make_model(), make_optimizer(model), load_train(data_dir, count) -> (x, y), load_test(data_dir, count) -> (x, y),
    augment(xb) (optional, used with --augment), description.
    """

    def __init__(self, **kw):
        self.augment = None
        self.__dict__.update(kw)


def build_parser(spec):
    p = argparse.ArgumentParser(
        description=f"PyTorch peer benchmark: {spec.description}. "
                    "Measures training and inference images/s per thread count (a side-by-side reference for "
                    "`crossbar bench cnn`; PyTorch is not a dependency of Crossbar).")
    p.add_argument("--data", default=os.path.normpath(str(REPO_ROOT / spec.default_data)),
                   help=f"{spec.dataset} folder (default: <repo>/{spec.default_data})")
    p.add_argument("--threads", type=parse_int_list, default=[1, 2],
                   help="comma-separated thread counts (torch.set_num_threads and OpenBLAS threads); default 1,2")
    p.add_argument("--train-batch", type=positive_int, default=spec.train_batch,
                   help=f"training batch size (default {spec.train_batch})")
    p.add_argument("--infer-batch", type=parse_int_list, default=spec.infer_batches,
                   help=f"comma-separated inference batch sizes (default {','.join(map(str, spec.infer_batches))})")
    p.add_argument("--train-batches", type=positive_int, default=20,
                   help="timed training steps per repeat (default 20)")
    p.add_argument("--infer-batches", type=positive_int, default=10,
                   help="timed inference batches per repeat (default 10)")
    p.add_argument("--warmup", type=non_negative_int, default=5,
                   help="untimed steps/batches before the first repeat (default 5)")
    p.add_argument("--repeat", type=positive_int, default=3,
                   help="timed repeats per measurement; best and median are reported (default 3)")
    p.add_argument("--tasks", default="train,infer",
                   help="which of train,infer to run (default both)")
    p.add_argument("--augment", action="store_true",
                   help="apply the training augmentation inside the timed training step (default off)")
    p.add_argument("--no-mkldnn", action="store_true",
                   help="disable oneDNN (MKL-DNN) so convolutions take the im2col + BLAS path")
    p.add_argument("--malloc", choices=["tuned", "system"], default="tuned",
                   help="tuned (default): glibc keeps freed tensor memory (mallopt), avoiding a page fault per "
                        "activation page per batch; system: glibc's defaults, PyTorch exactly out of the box")
    p.add_argument("--no-isolate", action="store_true",
                   help="run all measurements in this process (peak RSS is then cumulative)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", metavar="OUT", help="write the results as a JSON list to OUT")
    p.add_argument("--_child", help=argparse.SUPPRESS)
    return p


def run_one(spec, args, task, batch, threads):
    """One measurement in this process. Returns a result dict."""
    import torch

    rss_import = rss_peak_mb()
    malloc = "glibc default"
    if args.malloc == "tuned":
        malloc = "glibc mallopt mmap/trim threshold 1 GiB" if tune_malloc() else "glibc default (mallopt failed)"
    torch.manual_seed(args.seed)
    if args.no_mkldnn:
        torch.backends.mkldnn.enabled = False
    blas_threads = set_threads(threads)
    blas = blas_info()
    data_dir = Path(args.data)

    t_load = time.perf_counter()
    if task == "train":
        count = (args.warmup + args.train_batches * args.repeat) * batch
        x, y = spec.load_train(data_dir, count)
    else:
        count = (args.warmup + args.infer_batches * args.repeat) * batch
        x, y = spec.load_test(data_dir, count)
    load_seconds = time.perf_counter() - t_load
    rss_data = rss_peak_mb()

    model = spec.make_model()
    params = sum(p.numel() for p in model.parameters())
    result = {
        "task": task,
        "batch": batch,
        "threads": threads,
    }
    if task == "train":
        n_batches = args.warmup + args.train_batches * args.repeat
        batches = cycle_batches(x, y, batch, min(n_batches, max(1, x.shape[0] // batch) + 1))
        optimizer = spec.make_optimizer(model)
        rates, seconds, losses, faults = measure_train(model, optimizer, batches, args.warmup, args.train_batches,
                                               args.repeat, spec.augment if args.augment else None)
        timed = args.train_batches
        extra = {"loss_first": losses[0], "loss_last": losses[-1], "augment": bool(args.augment)}
    else:
        n_batches = args.warmup + args.infer_batches * args.repeat
        batches = cycle_batches(x, y, batch, min(n_batches, max(1, x.shape[0] // batch) + 1))
        rates, seconds, acc, faults = measure_infer(model, batches, args.warmup, args.infer_batches, args.repeat)
        timed = args.infer_batches
        extra = {"accuracy_untrained": acc}

    result.update({
        "images_per_second_best": max(rates),
        "images_per_second_median": statistics.median(rates),
        "images_per_second_each": rates,
        "peak_rss_mb": rss_peak_mb(),
        "rss_after_import_mb": rss_import,
        "rss_after_data_mb": rss_data,
        "torch_version": torch.__version__,
        "blas": blas,
        "blas_threads": blas_threads,
        "mkldnn": bool(torch.backends.mkldnn.enabled and torch.backends.mkldnn.is_available()),
        "model": spec.name,
        "parameters": params,
        "dataset": spec.dataset,
        "images_loaded": int(x.shape[0]),
        "data_load_seconds": load_seconds,
        "warmup_batches": args.warmup,
        "timed_batches": timed,
        "repeat": args.repeat,
        "seconds_each": seconds,
        "minor_faults_per_batch": faults,
        "malloc": malloc,
        "isolated": not args.no_isolate,
    })
    result.update(extra)
    return result


def _child_argv(args, job):
    argv = [sys.executable, sys.argv[0],
            "--data", args.data,
            "--threads", ",".join(map(str, args.threads)),
            "--train-batch", str(args.train_batch),
            "--infer-batch", ",".join(map(str, args.infer_batch)),
            "--train-batches", str(args.train_batches),
            "--infer-batches", str(args.infer_batches),
            "--warmup", str(args.warmup),
            "--repeat", str(args.repeat),
            "--seed", str(args.seed),
            "--malloc", args.malloc,
            "--_child", json.dumps(job)]
    if args.augment:
        argv.append("--augment")
    if args.no_mkldnn:
        argv.append("--no-mkldnn")
    return argv


def _run_child(args, job):
    env = dict(os.environ)
    # Fresh pools sized by the child's set_threads(); keep the environment from pinning them otherwise.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env.pop(var, None)
    env["OMP_NUM_THREADS"] = str(job["threads"])
    env["OPENBLAS_NUM_THREADS"] = str(job["threads"])
    proc = subprocess.run(_child_argv(args, job), stdout=subprocess.PIPE, text=True, env=env)
    if proc.returncode != 0:
        sys.stdout.write(proc.stdout)
        raise SystemExit(f"measurement {job} failed with exit code {proc.returncode}")
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_TAG):
            return json.loads(line[len(RESULT_TAG):])
    raise SystemExit(f"measurement {job} printed no result:\n{proc.stdout}")


def print_table(spec, results):
    if not results:
        return
    r0 = results[0]
    print()
    print(f"{spec.name} on {spec.dataset} | torch {r0['torch_version']} | mkldnn={r0['mkldnn']} | "
          f"{platform.processor() or platform.machine()} x{os.cpu_count()}")
    print(f"BLAS: {r0['blas']}")
    print(f"malloc: {r0['malloc']}")
    header = f"{'task':<6} {'batch':>5} {'threads':>7} {'best img/s':>11} {'median img/s':>13} " \
             f"{'ms/batch (med)':>15} {'peak RSS MB':>12} {'faults/batch':>12}  notes"
    print(header)
    print("-" * len(header))
    for r in results:
        ms = 1000.0 * r["batch"] / r["images_per_second_median"]
        if r["task"] == "train":
            note = f"loss {r['loss_first']:.3f} -> {r['loss_last']:.3f}"
        else:
            note = f"acc(untrained) {r['accuracy_untrained']:.3f}"
        print(f"{r['task']:<6} {r['batch']:>5} {r['threads']:>7} {r['images_per_second_best']:>11.1f} "
              f"{r['images_per_second_median']:>13.1f} {ms:>15.2f} {r['peak_rss_mb']:>12.1f} "
              f"{r['minor_faults_per_batch']:>12.0f}  {note}")
    print(f"({r0['repeat']} repeat(s); {r0['warmup_batches']} warm-up batches excluded; "
          f"{'one process per row' if r0['isolated'] else 'one process for all rows: RSS is cumulative'})")


def main(spec, argv=None):
    args = build_parser(spec).parse_args(argv)
    if args._child:
        job = json.loads(args._child)
        result = run_one(spec, args, job["task"], job["batch"], job["threads"])
        print(RESULT_TAG + json.dumps(result), flush=True)
        return 0

    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    bad = [t for t in tasks if t not in ("train", "infer")]
    if bad or not tasks:
        raise SystemExit(f"--tasks: expected train and/or infer, got {args.tasks!r}")
    if not Path(args.data).is_dir():
        raise SystemExit(f"--data: {args.data} is not a folder")

    jobs = []
    if "train" in tasks:
        jobs += [{"task": "train", "batch": args.train_batch, "threads": t} for t in args.threads]
    if "infer" in tasks:
        for b in args.infer_batch:
            jobs += [{"task": "infer", "batch": b, "threads": t} for t in args.threads]

    results = []
    for job in jobs:
        print(f"[{spec.name}] {job['task']} batch {job['batch']} threads {job['threads']} ...",
              file=sys.stderr, flush=True)
        if args.no_isolate:
            r = run_one(spec, args, job["task"], job["batch"], job["threads"])
        else:
            r = _run_child(args, job)
        print(f"[{spec.name}]   {r['images_per_second_best']:.1f} img/s best, "
              f"{r['images_per_second_median']:.1f} median, peak RSS {r['peak_rss_mb']:.0f} MB",
              file=sys.stderr, flush=True)
        results.append(r)

    print_table(spec, results)
    if args.json:
        out = Path(args.json)
        if out.parent and not out.parent.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2) + "\n")
        print(f"wrote {out}")
    return 0
