"""依申请公开 cases: registration, steps, deadlines, letters, ledger and remedies."""
