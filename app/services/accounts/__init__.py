"""Accounts, passwords and who may sign and publish."""
