"""The curated datasets bundled with citygraph (CSV files; see README.md here)."""
