"""公开栏 postings: 公示期, layout and PDF, photos, register and alerts."""
