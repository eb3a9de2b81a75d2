"""Adapters: the ways hogo talks to the outside world (mail, letters, exporters, notice formats, ...)."""
