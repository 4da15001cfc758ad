//! The workspace as a whole: which files are recognised, YAML errors, robustness.

use ballast_policy::{check, Config, FileKind, SourceFile};

fn kinds(files: &[SourceFile]) -> Vec<(String, FileKind)> {
    check(files, &Config::default())
        .files
        .into_iter()
        .map(|f| (f.path, f.kind))
        .collect()
}

#[test]
fn files_are_recognised_by_name_by_reference_and_by_contents() {
    let files = [
        SourceFile::new("compose.yaml", "include:\n  - compose/ai.yaml\nservices:\n  web:\n    extends:\n      file: base/common.yml\n      service: web\n"),
        SourceFile::new("compose/ai.yaml", "services: {}\n"),
        SourceFile::new("base/common.yml", "services:\n  web:\n    image: nginx:1.27\n"),
        SourceFile::new("other/ai.yaml", "services: {}\n"),
        SourceFile::new(".github/workflows/ci.yml", "on: push\njobs: {}\n"),
        SourceFile::new(".github/actions/setup/action.yml", "runs:\n  using: composite\n  steps: []\n"),
        SourceFile::new("web/.dockerignore", ".git\n"),
        SourceFile::new("web/Dockerfile.dockerignore", ".git\n"),
        SourceFile::new("scripts/build.sh", "#!/bin/sh\ndocker buildx build -t web web\n"),
        SourceFile::new("scripts/test.sh", "#!/bin/sh\ncargo test\n"),
        SourceFile::new("Makefile", "image:\n\tdocker build -t web web\n"),
        SourceFile::new("web/Dockerfile", "FROM nginx:1.27\n"),
    ];
    let found = kinds(&files);
    let kind_of = |path: &str| found.iter().find(|(p, _)| p == path).map(|(_, k)| *k);
    assert_eq!(kind_of("compose.yaml"), Some(FileKind::Compose));
    assert_eq!(
        kind_of("compose/ai.yaml"),
        Some(FileKind::Compose),
        "included"
    );
    assert_eq!(
        kind_of("base/common.yml"),
        Some(FileKind::Compose),
        "extended"
    );
    assert_eq!(kind_of("other/ai.yaml"), None, "referenced by nothing");
    assert_eq!(
        kind_of(".github/workflows/ci.yml"),
        Some(FileKind::Workflow)
    );
    assert_eq!(
        kind_of(".github/actions/setup/action.yml"),
        Some(FileKind::Action)
    );
    assert_eq!(kind_of("web/.dockerignore"), Some(FileKind::Dockerignore));
    assert_eq!(
        kind_of("web/Dockerfile.dockerignore"),
        Some(FileKind::Dockerignore)
    );
    assert_eq!(kind_of("scripts/build.sh"), Some(FileKind::Script));
    assert_eq!(kind_of("scripts/test.sh"), None, "builds nothing");
    assert_eq!(kind_of("Makefile"), Some(FileKind::Makefile));
    assert_eq!(kind_of("web/Dockerfile"), Some(FileKind::Dockerfile));
}

#[test]
fn a_yaml_error_is_reported_at_its_place_and_other_files_are_still_checked() {
    let files = [
        SourceFile::new("compose.yaml", "services:\n  web:\n    image: [nginx\n"),
        SourceFile::new(
            ".github/workflows/ci.yml",
            "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v7\n        with:\n          file: ./api/Dockerfile\n",
        ),
        SourceFile::new("api/Dockerfile.dev", "FROM python:3.13-slim\n"),
    ];
    let report = check(&files, &Config::default());
    let syntax = report
        .findings
        .iter()
        .find(|f| f.rule == "syntax-error")
        .expect("the broken Compose file is reported");
    assert_eq!(syntax.location.file, "compose.yaml");
    assert!(
        syntax.location.line >= 3,
        "at the unclosed sequence, not the top: {syntax:?}"
    );
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule == "missing-dockerfile" && f.location.line == 8));
}

#[test]
fn paths_written_with_dot_slash_are_the_same_files() {
    let files = [
        SourceFile::new("./compose.yaml", "services:\n  api:\n    build: ./api\n"),
        SourceFile::new("./api/Dockerfile", "FROM python:3.13-slim\n"),
        SourceFile::new("./api/.dockerignore", ".git\n"),
    ];
    let report = check(&files, &Config::default());
    let workspace_findings: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code.starts_with("BL3") || f.code.starts_with("BL5"))
        .collect();
    assert!(workspace_findings.is_empty(), "{workspace_findings:#?}");
}

/// Every prefix of real files: truncated YAML, half a command line, a cut multi-byte
/// character. Nothing may panic.
#[test]
fn truncated_inputs_never_panic() {
    let compose = "x-common: &common\n  restart: unless-stopped\nservices:\n  web:\n    <<: *common\n    image: \"nginx:1.27\" # é\n    build:\n      context: ./web\n      args: [A=1, \"B=${X:-ü}\"]\n";
    let workflow = "on: push\njobs:\n  b:\n    strategy:\n      matrix:\n        app: [api, web]\n        include: [{app: api, file: api/Dockerfile}]\n    steps:\n      - uses: docker/build-push-action@v5 # v5.1.0\n        with:\n          context: ./${{ matrix.app }}\n          cache-to: |\n            type=gha,scope=x\n      - run: |\n          DOCKER_BUILDKIT=0 docker build --force-rm -f \"a b\" . || true\n";
    let script = "#!/bin/sh\ndocker buildx build --cache-to type=gha -f 'x\\' --target=\"dev\" \\\n  . || :\n";
    for source in [compose, workflow, script] {
        for end in (0..=source.len()).filter(|&i| source.is_char_boundary(i)) {
            let text = &source[..end];
            let files = [
                SourceFile::new("compose.yaml", text),
                SourceFile::new(".github/workflows/ci.yml", text),
                SourceFile::new("build.sh", text),
                SourceFile::new("web/.dockerignore", text),
                SourceFile::new("web/Dockerfile", "FROM alpine:3.21\n"),
            ];
            let _ = check(&files, &Config::default());
        }
    }
}
