"""`python main.py bench`: synthetic office-scale data, measurements against baselines, a report."""
