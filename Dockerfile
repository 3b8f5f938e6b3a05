# conflict-ie HTTP service: CPU-only, one process, one model.
#   docker build -t conflict-ie .
#   docker run -p 127.0.0.1:8000:8000 -v conflict-models:/srv/models -v conflict-data:/srv/data \
#              -e CONFLICT_IE_API_TOKEN=change-me conflict-ie
# The first start trains the default model into the models volume (minutes), then serves.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    CONFLICT_IE_HOST=0.0.0.0 \
    CONFLICT_IE_PORT=8000 \
    CONFLICT_IE_ANNOTATIONS_DIR=/app/annotations \
    CONFLICT_IE_TRANSFER_DIR=/app/annotations/external \
    CONFLICT_IE_MODELS_DIR=/srv/models \
    CONFLICT_IE_DATA_DIR=/srv/data

WORKDIR /app

# Dependencies first, heaviest and least often changed first: each layer stays cached until
# its own inputs change. CPU torch from PyTorch's CPU index (no CUDA libraries).
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY requirements/encoder.txt requirements/encoder.txt
RUN pip install --no-deps -r requirements/encoder.txt
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt

# The code, then the package itself (no dependency resolution left to do).
COPY README.md ./
COPY model model
COPY training training
COPY service service
COPY annotations annotations
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 app \
    && mkdir -p /srv/models /srv/data \
    && chown app:app /srv/models /srv/data

USER app
VOLUME ["/srv/models", "/srv/data"]
EXPOSE 8000

# Generous start period: the first start trains the default model before serving.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60m --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]

CMD ["sh", "-c", "conflict-ie train --if-missing --no-progress && exec conflict-ie serve"]
