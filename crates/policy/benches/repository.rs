//! A whole repository checked at once: many services, Compose files, workflows with matrices,
//! Dockerfiles, ignore files and plain source files, generated in memory.

use ballast_policy::{check, Config, SourceFile};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

const SERVICES: usize = 60;
const SOURCE_FILES_PER_SERVICE: usize = 40;
const WORKFLOWS: usize = 12;

fn repository() -> Vec<SourceFile> {
    let mut files = Vec::new();
    let mut compose = String::from("services:\n");
    for s in 0..SERVICES {
        let dir = format!("services/svc{s}");
        files.push(SourceFile::new(
            format!("{dir}/Dockerfile"),
            format!(
                "# syntax=docker/dockerfile:1\nFROM python:3.13-slim AS build\nARG VERSION={s}\nRUN --mount=type=cache,target=/root/.cache/pip pip wheel --wheel-dir /wheels -r requirements.txt\nFROM python:3.13-slim\nRUN useradd -m app\nCOPY --from=build /wheels /wheels\nCOPY src ./src\nUSER app\nCMD [\"python\", \"-m\", \"svc{s}\"]\n"
            ),
        ));
        files.push(SourceFile::new(
            format!("{dir}/Dockerfile.dev"),
            "FROM python:3.13-slim\nCOPY . .\n",
        ));
        files.push(SourceFile::new(
            format!("{dir}/.dockerignore"),
            ".git\n.env*\n**/__pycache__\n.venv\ntests/\n",
        ));
        for f in 0..SOURCE_FILES_PER_SERVICE {
            files.push(SourceFile::new(
                format!("{dir}/src/pkg{}/module{f}.py", f % 5),
                "",
            ));
        }
        files.push(SourceFile::new(format!("{dir}/src/__pycache__/x.pyc"), ""));
        compose.push_str(&format!(
            "  svc{s}:\n    image: acme/svc{s}:${{TAG:-dev}}\n    build:\n      context: ./{dir}\n      args:\n        VERSION: \"{s}\"\n    depends_on: [cache]\n"
        ));
    }
    compose.push_str("  cache:\n    image: redis:7.4\n");
    files.push(SourceFile::new("compose.yaml", compose));
    for w in 0..WORKFLOWS {
        let services: Vec<String> = (0..SERVICES / WORKFLOWS)
            .map(|i| format!("svc{}", w * (SERVICES / WORKFLOWS) + i))
            .collect();
        files.push(SourceFile::new(
            format!(".github/workflows/images-{w}.yml"),
            format!(
                "name: images-{w}\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        service: [{}]\n        arch: [amd64, arm64]\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/setup-buildx-action@v4\n      - uses: docker/build-push-action@v7\n        with:\n          context: ./services/${{{{ matrix.service }}}}\n          push: true\n          tags: ghcr.io/acme/${{{{ matrix.service }}}}:${{{{ github.sha }}}}\n          cache-from: type=gha,scope=${{{{ matrix.service }}}}-${{{{ matrix.arch }}}}\n          cache-to: type=gha,scope=${{{{ matrix.service }}}}-${{{{ matrix.arch }}}},mode=max\n      - run: |\n          docker buildx build --force-rm -f services/${{{{ matrix.service }}}}/Dockerfile.dev services/${{{{ matrix.service }}}}\n",
                services.join(", ")
            ),
        ));
    }
    files.push(SourceFile::new(
        "Makefile",
        "build:\n\tdocker build -t acme/tools -f services/svc0/Dockerfile services/svc0\n",
    ));
    files
}

fn bench(c: &mut Criterion) {
    let files = repository();
    let config = Config::default();
    let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
    let mut group = c.benchmark_group("repository");
    group.throughput(Throughput::Elements(files.len() as u64));
    group.bench_function(format!("{} files, {bytes} bytes", files.len()), |b| {
        b.iter(|| check(black_box(&files), &config))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
