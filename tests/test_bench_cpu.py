"""``bench/cpu.py --without-amx``: the benchmarks' way to run as on a CPU without AMX."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or platform.machine() != "x86_64", reason="Linux x86-64 only")

# Asks for AMX tile data as ONNX Runtime's MLAS does, then reads the permissions (a call the
# filter must let through); prints both return codes and the request's errno.
PROBE = """
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
request = libc.syscall(158, 0x1023, 18)
errno = ctypes.get_errno()
permitted = ctypes.c_ulong(0)
print(request, errno, libc.syscall(158, 0x1022, ctypes.byref(permitted)))
"""
EPERM = 1
WRAPPER = [sys.executable, str(ROOT / "bench" / "cpu.py"), "--without-amx"]


def _probe(*prefix: str) -> list[int]:
    done = subprocess.run([*prefix, sys.executable, "-c", PROBE], capture_output=True,
                          text=True, timeout=60)
    if done.returncode == 3 and "prctl(PR_SET_" in done.stderr:
        pytest.skip(f"this kernel or sandbox refuses seccomp filters: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    return [int(value) for value in done.stdout.split()]


def test_without_amx_refuses_the_tile_request_and_nothing_else() -> None:
    request, errno, permissions = _probe(*WRAPPER)
    assert (request, errno) == (-1, EPERM)
    assert permissions == _probe()[2]  # reading the permissions is let through


def test_without_the_wrapper_the_request_is_not_refused() -> None:
    request, errno, _ = _probe()
    # Granted where the CPU has AMX; EINVAL (not EPERM) where it has not.
    assert request == 0 or errno != EPERM


def test_without_amx_needs_a_command() -> None:
    done = subprocess.run(WRAPPER, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "needs a command" in done.stderr
