"""rasa-sdk actions: read slots, call bot.services, utter. No business rules live here."""

from bot import log_masking

log_masking.install()
