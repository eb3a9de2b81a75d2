"""Third-party provision, entrustment, joint use, transfers abroad, and their records (Arts. 27-31)."""
