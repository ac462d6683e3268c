"""工作要点 as a task ledger."""
