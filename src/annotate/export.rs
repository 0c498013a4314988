//! Export formats (filled in by the export work): Markdown, W3C Web Annotation, CSV, HTML.
