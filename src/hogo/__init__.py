"""hogo (保護): personal-information protection management for Japan's APPI."""

__version__ = "0.1.0"
