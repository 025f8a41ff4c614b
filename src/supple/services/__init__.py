"""Use cases: what a runner can do, called by the CLI and the web app alike.

Submodules: ``routines`` (today, plan), ``logbook`` (log, history), ``profile`` (init),
``library`` (exercises, explain), ``shapes`` (the JSON contract), and for measuring and
adapting ``assess`` (screening tests), ``soreness``, ``levels`` (ladder decisions) and
``triage`` (complaints and red flags).
"""
