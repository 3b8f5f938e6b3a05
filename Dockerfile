# syntax=docker/dockerfile:1
# conflict-ie HTTP service: CPU-only, one process, one model, serving from its first second.
#   docker build -t conflict-ie .                      # trains the default model (minutes)
#   docker build -t conflict-ie --build-arg MODEL=dist/<version> .   # a packaged model instead
#   docker run -p 127.0.0.1:8000:8000 -v conflict-data:/srv/data \
#              -e CONFLICT_IE_API_TOKEN=change-me conflict-ie
# The build stage installs requirements/lock.txt, trains (or takes) the model and packages it
# (`conflict-ie package`); the serve stage installs requirements/serve.lock through
# docker/install-serve.sh (the script CI runs: docker/ci-check.sh), with no torch and no
# transformers, and serves the packaged model on the onnx-int8 backend, read-only.

FROM python:3.11-slim AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    PATH=/opt/build/bin:$PATH

WORKDIR /src

# The locked dependencies first: this layer stays cached until the lock changes.
COPY requirements/ requirements/
RUN python3.11 -m venv /opt/build \
    && requirements/install.sh /opt/build/bin/python requirements/lock.txt

# The project as a wheel (the serve stage installs it), and into the build environment.
COPY pyproject.toml README.md ./
COPY model model
COPY training training
COPY service service
RUN pip wheel --quiet --no-deps --no-build-isolation --wheel-dir /dist . \
    && pip install --quiet --no-deps /dist/*.whl

# The place-name gazetteer, built once here from packages the serve stage does not carry.
RUN python -m model.events.gazetteer_build /gazetteer.sqlite

# The model: MODEL, a folder of the build context written by `conflict-ie package`, packaged
# again (its checksums and loading checked); without it the default model, trained here.
COPY annotations annotations
ARG MODEL=""
RUN --mount=type=bind,target=/context \
    if [ -n "$MODEL" ]; then \
        conflict-ie package /pkg --model "/context/$MODEL" --current; \
    else \
        conflict-ie validate annotations \
        && conflict-ie train --no-progress \
        && conflict-ie package /pkg --model models/current --current; \
    fi

FROM python:3.11-slim AS serve

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/conflict-ie/bin:$PATH \
    CONFLICT_IE_HOST=0.0.0.0 \
    CONFLICT_IE_PORT=8000 \
    CONFLICT_IE_BACKEND=onnx-int8 \
    CONFLICT_IE_MODELS_DIR=/srv/models \
    CONFLICT_IE_DATA_DIR=/srv/data \
    CONFLICT_IE_GAZETTEER=/opt/conflict-ie/gazetteer.sqlite

# Only what serving needs (requirements/serve.lock), through the script CI runs.
COPY requirements/install.sh requirements/serve.lock /tmp/install/requirements/
COPY docker/install-serve.sh /tmp/install/docker/
COPY --from=build /dist/ /tmp/install/dist/
RUN /tmp/install/docker/install-serve.sh /opt/conflict-ie /tmp/install/dist/*.whl \
    && rm -rf /tmp/install \
    && useradd --create-home --uid 10001 app \
    && mkdir -p /srv/data \
    && chown app:app /srv/data

# The packaged model with its `current` link, and the gazetteer, owned by root: the server
# reads them and cannot change them.
COPY --from=build /pkg/ /srv/models/
COPY --from=build /gazetteer.sqlite /opt/conflict-ie/gazetteer.sqlite

USER app
WORKDIR /home/app
VOLUME ["/srv/data"]
EXPOSE 8000

# /health on the configured port (CONFLICT_IE_PORT, read when the check runs); the model is
# in the image, so the server answers within seconds.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('CONFLICT_IE_PORT', '8000') + '/health', timeout=4)"]

# Exec form: the server is PID 1 and gets docker stop's SIGTERM itself (uvicorn then lets
# running requests finish, up to CONFLICT_IE_GRACEFUL_SHUTDOWN_S). Nothing trains here.
STOPSIGNAL SIGTERM
CMD ["conflict-ie", "serve"]
