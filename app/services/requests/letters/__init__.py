"""The letters a case issues: templates, .docx and PDF."""
