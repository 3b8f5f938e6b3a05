#!/bin/sh
# Install a lock file's pins, each checked against its hashes, into a Python environment:
#   requirements/install.sh PYTHON LOCKFILE     e.g. .venv/bin/python requirements/lock.txt
# The lock is complete (every dependency pinned), so pip resolves nothing (--no-deps).
# torch, where the lock has it, is installed first from the PyTorch CPU index
# (TORCH_INDEX_URL), as its +cpu build is not on PyPI; every other pin comes from PyPI.
# pip's own configuration (PIP_* variables, pip.conf) still applies.
set -eu
python=$1
lock=$2
torch_index=${TORCH_INDEX_URL:-https://download.pytorch.org/whl/cpu}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A lock entry is a "name==version \" line and its indented --hash lines.
awk -v torch="$tmp/torch.txt" -v rest="$tmp/rest.txt" '
    BEGIN { out = rest }
    /^[A-Za-z0-9]/ { out = ($0 ~ /^torch==/) ? torch : rest }
    { print > out }
' "$lock"
pip() { "$python" -m pip install --quiet --require-hashes --no-deps "$@"; }
if [ -s "$tmp/torch.txt" ]; then
    pip --index-url "$torch_index" -r "$tmp/torch.txt"
fi
pip -r "$tmp/rest.txt"
