"""Run a benchmark variant in its own process and read its time, result and peak memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any


def measure(script: str, variant: str, *args: str) -> tuple[float, float, Any]:
    """Run ``script --child variant *args``; return seconds, peak RSS in MB and its result.

    The child prints ``{"seconds": ..., "result": ...}`` as JSON. Its peak memory is read with
    ``wait4``, for that child alone.
    """
    cmd = [sys.executable, script, "--child", variant, *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"{variant} failed with status {status}")
    data = json.loads(out)
    return data["seconds"], usage.ru_maxrss / 1024, data["result"]
