//! The semantic model over parsed Dockerfiles: stages, bases, ARG/ENV expansion, edges, scripts.

use ballast_policy::dockerfile::model::{Base, CopySource, DockerfileModel, ScriptOrigin};
use ballast_policy::dockerfile::parse;

fn model(text: &str) -> DockerfileModel {
    DockerfileModel::build(&parse(text), text)
}

#[test]
fn stages_resolve_bases_through_global_args_and_earlier_stages() {
    let m = model(
        "ARG PY=3.12\nARG REG=ghcr.io\nFROM python:${PY}-slim AS Build\nFROM build AS test\nFROM $REG/team/app:${TAG:-1.0}\nFROM scratch\n",
    );
    let bases: Vec<_> = m.stages.iter().map(|s| s.base.clone()).collect();
    assert!(
        matches!(&bases[0], Base::Image(r) if r.repository == "python" && r.tag.as_deref() == Some("3.12-slim"))
    );
    assert_eq!(bases[1], Base::Stage(0), "stage names are case-insensitive");
    assert!(
        matches!(&bases[2], Base::Image(r) if r.registry.as_deref() == Some("ghcr.io") && r.tag.as_deref() == Some("1.0"))
    );
    assert_eq!(bases[3], Base::Scratch);
    assert_eq!(m.final_stage().unwrap().index, 3);
}

#[test]
fn an_unknown_build_arg_leaves_the_base_unresolved() {
    let m = model("ARG BASE\nFROM ${BASE}\n");
    assert_eq!(m.stages[0].base, Base::Unresolved("${BASE}".into()));
}

#[test]
fn stage_args_take_global_defaults_and_env_is_inherited() {
    let text = "ARG V=1\nFROM alpine:3.21 AS a\nARG V\nENV HOME_DIR=/home/v$V\nRUN echo\nFROM a\nRUN echo\n";
    let m = model(text);
    assert_eq!(m.expand_at(4, "${HOME_DIR}").value, "/home/v1");
    // ENV carries into the child stage, ARG does not.
    assert_eq!(m.expand_at(6, "$HOME_DIR").value, "/home/v1");
    assert!(!m.expand_at(6, "$V").is_known());
}

#[test]
fn copy_and_mount_edges_point_at_stages_or_images() {
    let text = "FROM golang:1.23 AS build\nFROM alpine:3.21\nCOPY --from=build /out /app\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nRUN --mount=type=bind,from=build,source=/out,target=/x ls /x\n";
    let m = model(text);
    let sources: Vec<_> = m.copy_edges.iter().map(|e| e.source.clone()).collect();
    assert_eq!(sources[0], CopySource::Stage(0));
    assert!(matches!(&sources[1], CopySource::Image(r) if r.repository == "nginx"));
    assert_eq!(sources[2], CopySource::Stage(0));
    assert_eq!(m.stages_reaching_final(), [0, 1]);
}

#[test]
fn scripts_include_heredoc_bodies_run_by_a_shell() {
    let text = "FROM alpine:3.21\nRUN <<EOF\napk add curl\nEOF\nRUN bash <<'SH'\nset -e\nSH\nRUN python - <<'PY'\nimport nltk\nPY\nCMD [\"app\"]\n";
    let ast = parse(text);
    let m = DockerfileModel::build(&ast, text);
    let origins = |i: usize| m.scripts(i).iter().map(|s| s.origin).collect::<Vec<_>>();
    assert_eq!(
        origins(1),
        [ScriptOrigin::Command, ScriptOrigin::Heredoc(0)]
    );
    assert_eq!(
        origins(2),
        [ScriptOrigin::Command, ScriptOrigin::Heredoc(0)]
    );
    assert_eq!(
        origins(3),
        [ScriptOrigin::Command],
        "a python heredoc is not a shell script"
    );
    assert!(m.scripts(4).is_empty(), "exec form runs no shell");
    let apk = &m.scripts(1)[1];
    let command = &apk.script.commands[0];
    let span = apk.span(&command.span);
    assert_eq!(&text[span.start..span.end], "apk add curl");
}

#[test]
fn onbuild_run_has_the_scripts_of_its_run() {
    let src = "FROM alpine:3.21\nONBUILD RUN apk add curl\nONBUILD CMD echo hi\n";
    let m = model(src);
    let script = &m.scripts(1)[0];
    assert_eq!(script.script.commands[0].words[0].value, "apk");
    let span = script.span(&script.script.commands[0].span);
    assert_eq!(&src[span.start..span.end], "apk add curl");
    assert!(
        m.scripts(2).is_empty(),
        "only RUN triggers run a shell script here"
    );
}
