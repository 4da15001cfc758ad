//! Rules about HEALTHCHECK: whether the image has one, and whether it can run.

pub mod healthcheck_tool_missing;
pub mod missing_healthcheck;

use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::dockerfile::model::Stage;
use crate::rules::binaries::{copy_paths, image_has, image_kind, ImageKind};
use crate::rules::toolchain::{package_name, system_packages};

pub(crate) static RULES: &[&super::Rule] =
    &[&missing_healthcheck::RULE, &healthcheck_tool_missing::RULE];

/// Whether `tool` (`curl`, `wget`) is in the image of the stage chain `chain` (nearest stage
/// first, as `stage_chain` gives it): installed by a package manager, copied in, or in the
/// base image. `None` when not known (an unknown base, a RUN the shell parser did not read).
pub(crate) fn tool_available(
    ctx: &DockerfileContext,
    chain: &[&Stage],
    tool: &str,
) -> Option<bool> {
    let mut unreadable = false;
    for stage in chain {
        for (index, ins) in stage.instructions(ctx.ast) {
            match ins.keyword {
                Keyword::Run => {
                    for script in ctx.model.scripts(index) {
                        if !script.script.complete {
                            unreadable = true;
                            continue;
                        }
                        let installs = script
                            .script
                            .commands
                            .iter()
                            .filter_map(system_packages)
                            .filter(|(_, removing)| !removing)
                            .flat_map(|(packages, _)| packages)
                            .any(|p| {
                                let name = package_name(p.as_str());
                                name == tool
                                    || (tool == "wget" && name == "busybox")
                                    || (tool == "curl" && name == "curl-minimal")
                                    || p.has_expansion
                            });
                        if installs {
                            return Some(true);
                        }
                    }
                }
                Keyword::Copy | Keyword::Add => {
                    if let Some((sources, dest)) = copy_paths(ins) {
                        let named = |path: &str| {
                            path.trim_end_matches('/').rsplit('/').next() == Some(tool)
                        };
                        if named(&dest.value) || sources.iter().any(|s| named(&s.value)) {
                            return Some(true);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    if unreadable {
        return None;
    }
    image_has(chain_kind(chain), tool)
}

/// The kind of image the chain stands on.
pub(crate) fn chain_kind(chain: &[&Stage]) -> ImageKind {
    chain
        .last()
        .map_or(ImageKind::Unknown, |root| image_kind(&root.base))
}
