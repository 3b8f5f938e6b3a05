#!/bin/sh
# The serving image's install steps without Docker (CI runs this after make test):
#   docker/ci-check.sh [FULL_PYTHON]
# 1. docker/install-serve.sh, as the Dockerfile's serve stage runs it, into a fresh venv in a
#    temporary folder;
# 2. a model folder: models/current packaged with `conflict-ie package`, or where there is no
#    model (a clean clone), the tiny test model, trained, exported to onnx-int8 and packaged by
#    FULL_PYTHON (the make install environment, default .venv/bin/python);
# 3. the gazetteer the full install builds (the image builds it in its build stage);
# 4. docker/smoke.py in the fresh venv: no torch or transformers there, the Dockerfile's CMD
#    serves the model, its HEALTHCHECK passes on another port, SIGTERM stops it cleanly.
set -eu
cd "$(dirname "$0")/.."
full=${1:-.venv/bin/python}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
started=$(date +%s)
docker/install-serve.sh "$tmp/venv"
echo "ci-check: serving install in $(($(date +%s) - started)) s"
if [ -e models/current ]; then
    "$full" -m service package "$tmp/models" --model models/current --current
else
    "$full" - "$tmp/models" <<'PY'
import sys
import tempfile
from pathlib import Path

from tests.tiny_model import TINY_DOCS, build_tiny_encoder, tiny_train_config
from training.export import export_onnx
from training.package import package_model
from training.train import train

with tempfile.TemporaryDirectory() as work:
    texts = [d.text for d in TINY_DOCS]
    base = build_tiny_encoder(Path(work) / "encoder", texts)
    model = train(list(TINY_DOCS), tiny_train_config(base), Path(work) / "tiny", progress=False)
    if not export_onnx(model, check={"tiny": list(TINY_DOCS)})["passed"]:
        sys.exit("the tiny model's onnx-int8 graph failed its check")
    package_model(model, sys.argv[1], current=True)
PY
fi
# The gazetteer, as the image carries it (the serve stage cannot build one): the full
# install's, built there if missing.
CONFLICT_IE_GAZETTEER=$("$full" -c 'from model.events.gazetteer import default_path, ensure_built
print(ensure_built(default_path()))')
export CONFLICT_IE_GAZETTEER
"$tmp/venv/bin/python" docker/smoke.py "$tmp/models"
echo "ci-check: passed in $(($(date +%s) - started)) s"
