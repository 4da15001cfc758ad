//! Rules about base images: which image, pinned how.

pub mod unpinned_base_image;

pub(crate) static RULES: &[&super::Rule] = &[&unpinned_base_image::RULE];
