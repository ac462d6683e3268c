"""Qt widgets. Thin: every decision is made by app.services."""
