"""`check` over a whole data folder."""
