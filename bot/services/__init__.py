"""Use cases: what the dialogue, the web app and the channels ask the core to do."""
