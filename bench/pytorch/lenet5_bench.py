#!/usr/bin/env python3
"""PyTorch peer benchmark: a LeNet-5-style CNN on real MNIST.

Side-by-side reference for `crossbar bench cnn`; PyTorch is not a dependency of Crossbar.
The network is the one of experiments/baseline/mnist-lenet5.yaml: conv 1→6 5×5 (padding 2), ReLU, max-pool 2,
conv 6→16 5×5, ReLU, max-pool 2, flatten, fully connected 400→120→84→10 with ReLU. Training: batch 64, SGD
(lr 0.05, momentum 0.9, weight decay 5e-4, as that file), cross-entropy; inference at batch 1000.
See README.md in this folder.

    python3 bench/pytorch/lenet5_bench.py --threads 1,2 --repeat 3 --json lenet5.json
"""

import gzip
import struct
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_common  # noqa: E402

bench_common.require_torch()
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

MNIST_MEAN = 0.1307
MNIST_STD = 0.3081


def _open_idx(data_dir, stem):
    """The IDX file `stem`, plain or gzipped (also accepts the `t10k-images.idx3-ubyte` spelling)."""
    d = Path(data_dir)
    names = [stem, stem + ".gz", stem.replace("-idx", ".idx"), stem.replace("-idx", ".idx") + ".gz"]
    for name in names:
        path = d / name
        if path.is_file():
            return path, (gzip.open(path, "rb") if name.endswith(".gz") else open(path, "rb"))
    raise SystemExit(f"MNIST file not found: {d / stem}[.gz] (pass --data DIR)")


def read_idx(data_dir, stem, count):
    path, f = _open_idx(data_dir, stem)
    with f:
        zero, dtype, ndim = struct.unpack(">HBB", f.read(4))
        if zero != 0 or dtype != 0x08:
            raise SystemExit(f"{path}: not an unsigned-byte IDX file")
        dims = struct.unpack(">" + "I" * ndim, f.read(4 * ndim))
        n = min(count, dims[0])
        per = int(np.prod(dims[1:])) if ndim > 1 else 1
        buf = f.read(n * per)
        if len(buf) != n * per:
            raise SystemExit(f"{path}: truncated")
        return np.frombuffer(buf, dtype=np.uint8).reshape((n,) + tuple(dims[1:]))


def read_mnist(data_dir, prefix, count):
    images = read_idx(data_dir, f"{prefix}-images-idx3-ubyte", count)
    labels = read_idx(data_dir, f"{prefix}-labels-idx1-ubyte", count)
    if images.shape[0] != labels.shape[0]:
        raise SystemExit(f"MNIST {prefix}: {images.shape[0]} images but {labels.shape[0]} labels")
    x = torch.from_numpy(images.astype(np.float32)).unsqueeze(1)  # (N,1,28,28)
    x.div_(255.0).sub_(MNIST_MEAN).div_(MNIST_STD)
    return x.contiguous(), torch.from_numpy(labels.astype(np.int64))


def load_train(data_dir, count):
    return read_mnist(data_dir, "train", count)


def load_test(data_dir, count):
    return read_mnist(data_dir, "t10k", count)


class LeNet5(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)   # 28×28×6
        self.conv2 = nn.Conv2d(6, 16, 5)             # 10×10×16
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, num_classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)   # 14×14×6
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)   # 5×5×16
        x = x.flatten(1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def make_model():
    return LeNet5()


def make_optimizer(model):
    return torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)


SPEC = bench_common.Spec(
    name="lenet5",
    dataset="mnist",
    description="LeNet-5-style CNN on MNIST",
    default_data="../shared/data/mnist",
    train_batch=64,
    infer_batches=[1000],
    make_model=make_model,
    make_optimizer=make_optimizer,
    load_train=load_train,
    load_test=load_test,
)

if __name__ == "__main__":
    sys.exit(bench_common.main(SPEC))
