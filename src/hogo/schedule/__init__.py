"""Scheduled duties: the state of each periodic job (when next due, who holds it, how its last run went)."""
