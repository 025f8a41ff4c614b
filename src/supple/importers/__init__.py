"""Reading outside files into core types: activity files (FIT, GPX, TCX), exports, calendars.

Importers read and check; they never write to the store. Each format has one reader, and all of
them end in ``supple.core.activity.Activity``.
"""
