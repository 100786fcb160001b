"""Custom Rasa NLU components (adapters from Rasa's pipeline to bot.understanding)."""
