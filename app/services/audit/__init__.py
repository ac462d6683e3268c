"""The append-only 操作日志: its hash chain and the queries over it."""
