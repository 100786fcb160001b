"""Assessment rules, each returning its verdict with reasons and the rule ids of RULES.md (../shared/policy/RULES.md, beside the checkout).
Pure Python: no Rasa, SQLAlchemy, requests or web imports."""
from bot.policy.classify import Classification, Reason, classify  # noqa: F401
