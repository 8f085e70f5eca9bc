"""JSON REST API for integrations, authenticated by per-user bearer tokens."""
