"""Persistence for verify: models, engine, schema upgrades, full-text search, queries.

This package knows nothing of the application above it (enforced by import-linter).
"""
