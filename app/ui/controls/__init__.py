"""Small building blocks every dialog, panel and page uses (they open no dialogs themselves)."""
