#!/bin/sh
# The serving image's install (the Dockerfile's serve stage runs it; so does CI, in a fresh
# venv, through docker/ci-check.sh):
#   docker/install-serve.sh VENV [PROJECT]
# Makes a virtual environment at VENV, installs requirements/serve.lock into it hash-checked
# (what serving on the onnx-int8 backend imports: no torch, no transformers), then the
# project with nothing left to resolve. PROJECT: a wheel of it or its source folder (default:
# the checkout holding this script). PYTHON names the interpreter (default python3.11).
set -eu
venv=$1
root=$(cd "$(dirname "$0")/.." && pwd)
project=${2:-$root}
"${PYTHON:-python3.11}" -m venv "$venv"
"$root/requirements/install.sh" "$venv/bin/python" "$root/requirements/serve.lock"
"$venv/bin/python" -m pip install --quiet --no-deps --no-build-isolation "$project"
