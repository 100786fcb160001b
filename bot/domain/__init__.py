"""Plain domain objects: no Rasa, SQLAlchemy, requests or web imports here."""
from bot.domain.model import (  # noqa: F401
    Cause,
    CaseStatus,
    Fact,
    FactName,
    HardshipType,
    PriorityGroup,
)
