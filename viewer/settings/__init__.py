"""Settings that persist between runs (QSettings): the file, and one reader per kind of value."""
