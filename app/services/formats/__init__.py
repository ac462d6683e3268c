"""How things are written and read: Chinese dates, 文号, fonts, .docx/.xlsx/zip/JSON, atomic files."""
