"""Whether ONNX Runtime's int8 matrix products run on the CPU's AMX tiles, and a way to run a
benchmark as on a CPU without them.

ONNX Runtime's MLAS library multiplies uint8 activations by int8 weights (what the onnx-int8
graph does) with Intel AMX when the CPU has AMX-INT8 (Sapphire Rapids and later Xeons) and
Linux lets the process use the tile registers: MLAS asks for them with
``arch_prctl(ARCH_REQ_XCOMP_PERM)`` when ``onnxruntime`` is imported. Otherwise it uses
AVX-512 VNNI or AVX2 kernels. On one [640, 1536] x [1536, 384] product, on the machine of the
README's figures, the AMX kernel took about a third of the time of the VNNI one.

    .venv/bin/python bench/cpu.py                       # prints whether AMX is in use
    .venv/bin/python bench/cpu.py --without-amx CMD...  # runs CMD with AMX refused

``--without-amx`` installs a seccomp filter that refuses that one request (``EPERM``), then
runs ``CMD``; the filter holds for ``CMD`` and every process it starts (the server of
``bench/load.py --start-server`` too), so MLAS falls back to its VNNI kernels as it would on a
CPU without AMX. Linux on x86-64 only.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import platform
import struct
import sys

SYS_ARCH_PRCTL = 158  # x86-64
ARCH_GET_XCOMP_PERM, ARCH_REQ_XCOMP_PERM = 0x1022, 0x1023
XFEATURE_XTILEDATA = 18
PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
BPF_LD_W_ABS, BPF_JEQ_K, BPF_RET_K = 0x20, 0x15, 0x06
SECCOMP_RET_ALLOW, SECCOMP_RET_EPERM = 0x7FFF0000, 0x00050000 | 1  # 1: EPERM
AUDIT_ARCH_X86_64 = 0xC000003E


def _linux_x86_64() -> bool:
    return sys.platform == "linux" and platform.machine() == "x86_64"


def amx_in_use() -> bool | None:
    """Whether this process may use AMX tile data after importing ONNX Runtime (whose MLAS
    asks for it exactly when it will use its AMX kernels); None off Linux x86-64."""
    if not _linux_x86_64():
        return None
    import onnxruntime  # noqa: F401  (MLAS asks for the tiles when it loads)

    libc = ctypes.CDLL(None, use_errno=True)
    permitted = ctypes.c_ulong(0)
    if libc.syscall(SYS_ARCH_PRCTL, ARCH_GET_XCOMP_PERM, ctypes.byref(permitted)) != 0:
        return False  # a kernel before 5.16 has no AMX support at all
    return bool(permitted.value >> XFEATURE_XTILEDATA & 1)


def describe() -> str:
    """One line for a benchmark's header."""
    state = amx_in_use()
    if state is None:
        return "int8 kernels: not x86-64 Linux"
    return "int8 kernels: AMX" if state else "int8 kernels: no AMX (AVX-512 VNNI or AVX2)"


def _instruction(code: int, jump_true: int, jump_false: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jump_true, jump_false, k)


def refuse_amx() -> None:
    """Make ``arch_prctl(ARCH_REQ_XCOMP_PERM, ...)`` fail with EPERM in this process and its
    children (a seccomp filter: syscall number, then the first argument)."""
    if not _linux_x86_64():
        raise OSError("--without-amx needs Linux on x86-64")
    program = b"".join([
        _instruction(BPF_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        _instruction(BPF_JEQ_K, 1, 0, AUDIT_ARCH_X86_64),
        _instruction(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),
        _instruction(BPF_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
        _instruction(BPF_JEQ_K, 0, 3, SYS_ARCH_PRCTL),
        _instruction(BPF_LD_W_ABS, 0, 0, 16),  # seccomp_data.args[0], low word
        _instruction(BPF_JEQ_K, 0, 1, ARCH_REQ_XCOMP_PERM),
        _instruction(BPF_RET_K, 0, 0, SECCOMP_RET_EPERM),
        _instruction(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),
    ])
    buffer = ctypes.create_string_buffer(program, len(program))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(program) // 8, ctypes.addressof(buffer))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--without-amx", nargs=argparse.REMAINDER, metavar="CMD",
                        help="run CMD (and its children) with AMX refused")
    args = parser.parse_args()
    if args.without_amx is None:
        print(describe())
        return 0
    if not args.without_amx:
        parser.error("--without-amx needs a command to run")
    try:
        refuse_amx()
        os.execvp(args.without_amx[0], args.without_amx)
    except OSError as error:
        parser.exit(3, f"bench/cpu.py: --without-amx: {error}\n")


if __name__ == "__main__":
    sys.exit(main())
