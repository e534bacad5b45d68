#!/usr/bin/env python3
"""PyTorch peer benchmark: CIFAR ResNet-20 (He et al. 2016, §4.2) on real CIFAR-10.

Side-by-side reference for `crossbar bench cnn`; PyTorch is not a dependency of Crossbar.
Measures training images/s (batch 128, SGD momentum 0.9, weight decay 1e-4, lr 0.1, cross-entropy,
forward + backward + step) and inference images/s (batches 100 and 500, eval mode, no_grad) for each
thread count in --threads. See README.md in this folder.

    python3 bench/pytorch/resnet20_bench.py --threads 1,2 --repeat 3 --json resnet20.json
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_common  # noqa: E402

bench_common.require_torch()
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

# Training-set channel statistics (pixels / 255), as in ../shared/data/cifar-10/SOURCE.md.
CIFAR_MEAN = (0.4914, 0.4822, 0.4465)
CIFAR_STD = (0.2470, 0.2435, 0.2616)
RECORD = 1 + 3 * 32 * 32
TRAIN_FILES = [f"data_batch_{i}.bin" for i in range(1, 6)]
TEST_FILES = ["test_batch.bin"]


def read_cifar(data_dir, files, count):
    """Up to `count` records from the CIFAR-10 binary batches, in file order: (N,3,32,32) float32
    normalised per channel, and int64 labels."""
    chunks, have = [], 0
    for name in files:
        if have >= count:
            break
        path = Path(data_dir) / name
        if not path.is_file():
            raise SystemExit(f"CIFAR-10 file not found: {path} (expected the binary batches data_batch_1..5.bin, "
                             "test_batch.bin; pass --data DIR)")
        size = path.stat().st_size
        if size % RECORD != 0:
            raise SystemExit(f"{path}: {size} bytes is not a whole number of {RECORD}-byte records")
        n = min(count - have, size // RECORD)
        raw = np.fromfile(path, dtype=np.uint8, count=n * RECORD).reshape(n, RECORD)
        chunks.append(raw)
        have += n
    raw = np.concatenate(chunks) if len(chunks) > 1 else chunks[0]
    labels = raw[:, 0].astype(np.int64)
    if labels.max() > 9:
        raise SystemExit(f"CIFAR-10 labels out of range in {data_dir}")
    x = torch.from_numpy(raw[:, 1:].reshape(-1, 3, 32, 32).astype(np.float32))
    x.div_(255.0)
    mean = torch.tensor(CIFAR_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(CIFAR_STD).view(1, 3, 1, 1)
    x.sub_(mean).div_(std)
    return x.contiguous(), torch.from_numpy(labels)


def load_train(data_dir, count):
    return read_cifar(data_dir, TRAIN_FILES, count)


def load_test(data_dir, count):
    return read_cifar(data_dir, TEST_FILES, count)


class BasicBlock(nn.Module):
    def __init__(self, in_planes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        # Option A (He et al. 2016 §4.2): identity shortcut; where the shape changes, subsample with
        # stride 2 and zero-pad the extra channels (no parameters).
        self.shortcut_pad = planes - in_planes
        self.shortcut_stride = stride

    def shortcut(self, x):
        if self.shortcut_stride == 1 and self.shortcut_pad == 0:
            return x
        x = x[:, :, ::self.shortcut_stride, ::self.shortcut_stride]
        half = self.shortcut_pad // 2
        return F.pad(x, (0, 0, 0, 0, half, self.shortcut_pad - half))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.shortcut(x))


class ResNetCifar(nn.Module):
    """6n+2 layers: 3×3 conv 16, then 3 stages of n BasicBlocks at 16/32/64 channels (32², 16², 8²),
    global average pooling, fully connected 64→10. n=3 gives ResNet-20 (0.27 M parameters)."""

    def __init__(self, n=3, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        layers, in_planes = [], 16
        for planes, stride in ((16, 1), (32, 2), (64, 2)):
            for i in range(n):
                layers.append(BasicBlock(in_planes, planes, stride if i == 0 else 1))
                in_planes = planes
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(64, num_classes)
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.kaiming_normal_(m.weight)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.layers(x)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(x)


def make_model():
    return ResNetCifar(n=3)


def make_optimizer(model):
    return torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)


_PAD_FILL = (-torch.tensor(CIFAR_MEAN) / torch.tensor(CIFAR_STD)).view(1, 3, 1, 1)


def augment(xb):
    """He et al.'s augmentation: 4-pixel (black) padding, random 32×32 crop, random horizontal flip."""
    b = xb.shape[0]
    padded = _PAD_FILL.expand(b, 3, 40, 40).clone()
    padded[:, :, 4:36, 4:36] = xb
    offsets = torch.randint(0, 9, (b, 2))
    flips = torch.rand(b) < 0.5
    out = torch.empty_like(xb)
    for i in range(b):
        dy, dx = int(offsets[i, 0]), int(offsets[i, 1])
        crop = padded[i, :, dy:dy + 32, dx:dx + 32]
        out[i] = crop.flip(2) if flips[i] else crop
    return out


SPEC = bench_common.Spec(
    name="resnet20",
    dataset="cifar10",
    description="CIFAR ResNet-20 (option A shortcuts) on CIFAR-10",
    default_data="../shared/data/cifar-10",
    train_batch=128,
    infer_batches=[100, 500],
    make_model=make_model,
    make_optimizer=make_optimizer,
    load_train=load_train,
    load_test=load_test,
    augment=augment,
)

if __name__ == "__main__":
    sys.exit(bench_common.main(SPEC))
