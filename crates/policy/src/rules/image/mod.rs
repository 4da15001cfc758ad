//! Rules about base images: which image, pinned how.

pub mod unpinned_base_image;
