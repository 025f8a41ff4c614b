"""The web app and HTTP API: `create_app(settings)`; routes import services only."""
