"""Office profile and the declared, typed settings."""
