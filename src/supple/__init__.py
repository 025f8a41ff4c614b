"""Supple: a melt-and-mould mobility coach for runners."""

__version__ = "0.1.0"
