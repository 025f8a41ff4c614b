"""The web app and HTTP API: `create_app(ctx)`; routes import services only."""
