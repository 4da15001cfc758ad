// Cases from the seed documents (../shared/seeds), each a set of files to open and the rules it
// shows (the browser test checks each rule that the engine has).

const tagGeneratorDockerfile = `# syntax=docker/dockerfile:1
# tag-generator: extracts tags from articles (seed 000_4342dac09d359873.txt).
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \\
    PYTHONUNBUFFERED=1

WORKDIR /app

RUN apt-get update \\
    && apt-get install -y --no-install-recommends build-essential \\
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt .
RUN pip install -r requirements.txt

# The NLTK data and the Hugging Face model are downloaded again on every build.
RUN python - <<'PY'
import nltk
from sentence_transformers import SentenceTransformer

for package in ("punkt", "stopwords", "wordnet"):
    nltk.download(package, download_dir="/root/nltk_data")
SentenceTransformer("paraphrase-multilingual-MiniLM-L12-v2")
PY

COPY . .

CMD ["python", "-m", "tag_generator"]
`;

const newsCreatorDockerfile = `FROM python:3.13-slim

RUN useradd --create-home --uid 1000 app
WORKDIR /home/app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY --chown=app:app . .
USER app

CMD ["python", "-m", "news_creator"]
`;

const aiCompose = `# compose/ai.yaml (seed 000_4342dac09d359873.txt)
services:
  news-creator:
    build:
      context: ../news-creator
      dockerfile: Dockerfile.creator
    volumes:
      - news-creator-models:/home/app/models
    depends_on:
      news-creator-volume-init:
        condition: service_completed_successfully

  # Only runs chown, yet builds the whole news-creator image a second time.
  news-creator-volume-init:
    build:
      context: ../news-creator
      dockerfile: Dockerfile.creator
    user: root
    command: ["chown", "-R", "1000:1000", "/home/app/models"]
    volumes:
      - news-creator-models:/home/app/models

volumes:
  news-creator-models:
`;

const rootCompose = `# compose.yaml: the project's services come from one file per area.
include:
  - compose/ai.yaml
`;

const backendDevDockerfile = `# Development only: hot reload, tests included.
FROM python:3.13-slim

WORKDIR /app
COPY requirements.txt requirements-dev.txt ./
RUN pip install -r requirements.txt -r requirements-dev.txt

COPY . .

CMD ["uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "8000", "--reload"]
`;

const backendDockerignore = `__pycache__/
.venv/
.pytest_cache/
tests/
scripts/
*.md
!README.md
.env*
.git/
`;

const missingDockerfileWorkflow = `# .github/workflows/backend-ci.yml (seed 004_c2c591e76364252e.txt)
name: backend-ci

on:
  push:
    branches: [main]
  pull_request:

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: docker/setup-buildx-action@v3
      - name: Build Docker image
        uses: docker/build-push-action@v6
        with:
          context: ./backend
          # Only backend/Dockerfile.dev exists.
          file: ./backend/Dockerfile
          push: false
`;

const backendDockerfile = `FROM python:3.13-slim AS builder
WORKDIR /build
RUN apt-get update \\
    && apt-get install -y --no-install-recommends gcc g++ make libffi-dev libssl-dev \\
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml .
RUN pip install --prefix=/install .

FROM python:3.13-slim AS runtime
WORKDIR /app
COPY --from=builder /install /usr/local
COPY src ./src
RUN groupadd --gid 1000 appuser && useradd --uid 1000 --gid appuser appuser
USER appuser
HEALTHCHECK --interval=30s --timeout=5s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"]
CMD ["uvicorn", "src.main:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "4"]
`;

const ghaCacheWorkflow = `# .github/workflows/backend-image.yml (seed 003_37cda6fe4f0eb3cb.txt)
name: backend-image

on:
  push:
    branches: [main]

jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      # No docker/setup-buildx-action: the default docker driver cannot export a gha cache.
      - name: Build
        uses: docker/build-push-action@v6
        with:
          context: ./backend
          file: ./backend/Dockerfile
          cache-from: type=gha,scope=backend
          cache-to: type=gha,scope=backend,mode=max
`;

const brokenDockerfile = `FROM alpine:3.21
RUN <<EOF
echo the heredoc is never closed
`;

export const EXAMPLES = [
  {
    id: "tag-generator",
    shows: ["missing-cache-mount"],
    title: "tag-generator: model downloads without a cache mount",
    files: [{ path: "tag-generator/Dockerfile.tag-generator", contents: tagGeneratorDockerfile }],
  },
  {
    id: "duplicate-build",
    shows: ["duplicate-build"],
    title: "news-creator: Compose builds one Dockerfile twice",
    files: [
      { path: "compose/ai.yaml", contents: aiCompose },
      { path: "compose.yaml", contents: rootCompose },
      { path: "news-creator/Dockerfile.creator", contents: newsCreatorDockerfile },
    ],
  },
  {
    id: "missing-dockerfile",
    shows: ["missing-dockerfile"],
    title: "CI builds a Dockerfile that does not exist",
    files: [
      { path: ".github/workflows/backend-ci.yml", contents: missingDockerfileWorkflow },
      { path: "backend/Dockerfile.dev", contents: backendDevDockerfile },
      { path: "backend/.dockerignore", contents: backendDockerignore },
    ],
  },
  {
    id: "gha-cache",
    shows: ["gha-cache-without-buildx"],
    title: "A gha build cache without setup-buildx",
    files: [
      { path: ".github/workflows/backend-image.yml", contents: ghaCacheWorkflow },
      { path: "backend/Dockerfile", contents: backendDockerfile },
      { path: "backend/.dockerignore", contents: backendDockerignore },
    ],
  },
  {
    id: "syntax-error",
    shows: ["syntax-error"],
    title: "An unterminated heredoc",
    files: [{ path: "Dockerfile", contents: brokenDockerfile }],
  },
];

/** Starting points for a new file, by the name it gets. */
export const NEW_FILES = [
  { path: "Dockerfile", contents: "FROM alpine:3.21\n" },
  { path: "compose.yaml", contents: "services:\n  app:\n    build: .\n" },
  { path: ".github/workflows/build.yml", contents: "name: build\non: push\njobs: {}\n" },
  { path: ".dockerignore", contents: ".git/\n" },
  {
    path: ".ballast.yaml",
    contents: `# Rules by code, name or tag.
ignore: []
severity:
  root-user: error
`,
  },
];
