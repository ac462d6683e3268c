"""The full-text index of the register (SQLite FTS5 or PostgreSQL tsvector)."""
