"""Believable demo data for a town office, placed around today, all or nothing."""
