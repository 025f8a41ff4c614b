"""Pure domain: no I/O, no database, no framework. Deterministic functions on dataclasses."""
