"""Assessment rules, each returning its verdict with reasons and the rule ids of RULES.md.
Pure Python: no Rasa, SQLAlchemy, requests or web imports."""
from bot.policy.classify import Classification, Reason, classify  # noqa: F401
