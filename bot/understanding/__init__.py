"""Normalisers that turn colloquial Chinese into facts: money, counts, phones, ID numbers, places,
dates, causes and priority groups. Pure Python over field libraries (jionlp, cn2an, python-stdnum);
no Rasa imports, so the same code serves the dialogue, the operator console and the tests.
"""
from bot.understanding.extract import Extraction, extract_facts  # noqa: F401
