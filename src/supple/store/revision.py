"""The Alembic head revision, known without importing Alembic (a test keeps it true)."""

HEAD = "0011"
