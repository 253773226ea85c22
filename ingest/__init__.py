"""Ingest: documents and data files -> typed facts with provenance (no rdflib here)."""
