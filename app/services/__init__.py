"""Domain logic: pure Python over a session factory; no Qt, no UI."""
