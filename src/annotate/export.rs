//! Export formats: Markdown, W3C Web Annotation, CSV, HTML. Pure functions from annotations
//! and articles to text; `export_to_file` wraps them for the CLI and the reader.

use super::ArticleNotes;
use crate::align::StoryAlignment;
use crate::store::Story;
use std::path::Path;

/// Write an export to a file; refuses to overwrite unless `force`. Returns a message.
pub fn export_to_file(
    _story: &Story,
    _al: &StoryAlignment,
    _notes: &[ArticleNotes],
    _pair: Option<(usize, usize)>,
    format: &str,
    path: &Path,
    _force: bool,
) -> Result<String, String> {
    Err(format!(
        "export {format} to {}: not available in this build",
        path.display()
    ))
}
