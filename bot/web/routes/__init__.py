"""The desk API's routers, one per area; each endpoint translates HTTP to one `bot.services` call."""
