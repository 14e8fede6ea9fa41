"""coach: a terminal coaching agent for people managers."""

__version__ = "0.1.0"
