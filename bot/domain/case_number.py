"""Case numbers (案件编号, #16 finding 6): the office prefix, the day (yymmdd, readable), six random
digits and a check digit by Damm's algorithm over the day and the digits, e.g. LS2612034830178.
Random, so a known number says nothing about the next one; the check digit catches every mistyped
digit and every swap of two neighbours; digits only, so a phone keypad types it. Numbers made before
(prefix, day, row id: LS2611230007) are stored as they are and keep working: nothing here rejects them.
"""
from __future__ import annotations

import re
import secrets
from datetime import date

SERIAL_DIGITS = 6
_NEW_FORM = re.compile(r"[A-Z]*(\d{12})(\d)")
# Damm's totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004)
_DAMM = ("0317598642", "7092154863", "4206871359", "1750983426", "6123045978",
         "3674209581", "5869720134", "8945362017", "9438617205", "2581436790")


def check_digit(digits: str) -> str:
    interim = 0
    for digit in digits:
        interim = int(_DAMM[interim][int(digit)])
    return str(interim)


def new_case_number(prefix: str, day: date, serial: int | None = None) -> str:
    """A new number for a case made on `day` (the office's day); `serial` random unless given."""
    serial = secrets.randbelow(10 ** SERIAL_DIGITS) if serial is None else serial
    body = f"{day:%y%m%d}{serial:0{SERIAL_DIGITS}d}"
    return f"{prefix}{body}{check_digit(body)}"


def check_ok(number: str) -> bool:
    """False for a number of the new form (12 digits and a check digit after the prefix) whose check
    digit is wrong. A number of another form (an old one) is not judged here: True."""
    match = _NEW_FORM.fullmatch(number or "")
    return match is None or check_digit(match.group(1)) == match.group(2)
