"""The web app: the caseworker desk's pages and the JSON API they use (FastAPI)."""
