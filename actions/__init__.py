"""rasa-sdk actions: read slots, call bot.services, utter. No business rules live here."""
