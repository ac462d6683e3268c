"""Attachments, backups and restore, integrity checks, server mode and the audit anchors."""
