"""What a costly file under the 5 MB cap costs `wizard check`: time and peak memory, each in a fresh process.

Each case is one hostile file beside the bundled trees; the baseline is
`wizard check` on the bundled trees alone, measured in the same run, so the
ratios hold on a slower or busier machine. Target: any file under the cap is
answered within about a second (a few times the baseline) and a few hundred MB.

    .venv/bin/python benchmarks/costly_files.py [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

CASES = {
    "ints 5 MB": "x: [" + "1," * 2_490_000 + "1]\n",
    "empty maps 5 MB": "x: [" + "{}," * 1_600_000 + "{}]\n",
    "just under the value budget": "x: [" + "1," * 395_000 + "1]\n",
    "one long string 5 MB": "id: t\ntitle: " + "长" * 1_700_000 + "\n",
    "deep nesting": "x: " + "[" * 60 + "]" * 60 + "\n" * 10,
    "alias budget": "a: &a [" + ",".join(["x"] * 100) + "]\n" + "b: [" + ", ".join(["*a"] * 200) + "]\n",
    "many duplicate keys": "".join(f"k: {n}\n" for n in range(200_000)),
}


def seconds(folder: Path) -> float:
    """Wall seconds of `wizard check FOLDER` in a child process."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "wizard.cli", "check", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wizard-costly-") as tmp:
        base = Path(tmp) / "bundled"
        shutil.copytree(ROOT / "trees", base)
        baseline = statistics.median(seconds(base) for _ in range(args.runs))
        print(f"{'baseline (bundled trees)':32} {baseline * 1000:7.0f} ms")
        for name, text in CASES.items():
            folder = Path(tmp) / name.replace(" ", "-")
            shutil.copytree(ROOT / "trees", folder)
            (folder / "costly.yaml").write_text(text, encoding="utf-8")
            size = (folder / "costly.yaml").stat().st_size / MB
            times = [seconds(folder) for _ in range(args.runs)]
            # peak RSS of one more run, in a probe of its own (a process's children's maximum only grows)
            peak = subprocess.run(
                [sys.executable, "-c", RSS_PROBE, str(folder)], capture_output=True, text=True, check=True
            ).stdout.strip()
            elapsed = statistics.median(times)
            print(f"{name:32} {elapsed * 1000:7.0f} ms  {elapsed / baseline:5.1f}x  peak {peak:>5} MB  ({size:.1f} MB)")
    return 0


RSS_PROBE = """
import resource, subprocess, sys
subprocess.run([sys.executable, "-m", "wizard.cli", "check", sys.argv[1]], capture_output=True)
print(round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))
"""

if __name__ == "__main__":
    sys.exit(main())
