"""The `supple` command: thin Typer commands over supple.services."""
