"""Persistence: SQLAlchemy tables, Alembic migrations and repositories.

Import the submodules you need; this package imports nothing heavy by itself so that the
quick read path (``supple.store.quick``) stays fast.
"""
