"""Use cases: what a runner can do, called by the CLI and the web app alike.

Submodules: ``routines`` (today, plan), ``logbook`` (log, history), ``profile`` (init),
``library`` (exercises, explain) and ``shapes`` (the JSON contract).
"""
