//! Throughput of the whole engine (parse, model, every rule) over the shared corpus of real
//! Dockerfiles, in bytes per second and in files per second.

use ballast_policy::{check, Config, FileKind, SourceFile};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The corpus sits in the shared folder beside the repository (`../../../shared` from this
/// crate in a checkout; further up from a worktree), or where `BALLAST_CORPUS` says.
fn corpus_root() -> PathBuf {
    if let Some(dir) = std::env::var_os("BALLAST_CORPUS") {
        return PathBuf::from(dir);
    }
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .ancestors()
        .skip(2)
        .map(|dir| dir.join("shared/corpus/dockerfiles"))
        .find(|dir| dir.is_dir())
        .unwrap_or_else(|| manifest_dir.join("../../../shared/corpus/dockerfiles"))
}

/// Every Dockerfile under the corpus, read into memory, sorted by path.
fn load_corpus(root: &Path) -> std::io::Result<Vec<SourceFile>> {
    let mut pending = vec![root.to_path_buf()];
    let mut files = Vec::new();
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let name = relative.to_string_lossy().replace('\\', "/");
            if FileKind::detect(&name).is_some() {
                let bytes = std::fs::read(&path)?;
                files.push(SourceFile::new(name, String::from_utf8_lossy(&bytes)));
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn bench_corpus(c: &mut Criterion) {
    let root = corpus_root();
    let files = match load_corpus(&root) {
        Ok(files) if !files.is_empty() => files,
        Ok(_) | Err(_) => {
            eprintln!("no corpus at {}; nothing to benchmark", root.display());
            return;
        }
    };
    let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
    let config = Config::default();
    eprintln!("corpus: {} files, {} bytes", files.len(), bytes);

    let mut by_bytes = c.benchmark_group("corpus-bytes");
    by_bytes.throughput(Throughput::Bytes(bytes as u64));
    by_bytes.bench_function("check", |b| {
        b.iter(|| check(black_box(&files), black_box(&config)))
    });
    by_bytes.finish();

    let mut by_files = c.benchmark_group("corpus-files");
    by_files.throughput(Throughput::Elements(files.len() as u64));
    by_files.bench_function("check", |b| {
        b.iter(|| check(black_box(&files), black_box(&config)))
    });
    by_files.finish();
}

fn config() -> Criterion {
    // Short runs: the machine is shared and the corpus checks in milliseconds.
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_corpus
}
criterion_main!(benches);
