//! Rules about base images: which image, pinned how, from where.

pub mod disallowed_base_image;
pub mod heavy_runtime_base;
pub mod unpinned_base_image;
pub mod untrusted_base_image;

pub(crate) static RULES: &[&super::Rule] = &[
    &unpinned_base_image::RULE,
    &untrusted_base_image::RULE,
    &disallowed_base_image::RULE,
    &heavy_runtime_base::RULE,
];
