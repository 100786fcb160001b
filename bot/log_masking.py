"""Masks ID numbers and phone numbers in every log line of a process (PIPL: logs must not carry
them), however they are written: contiguous, spaced or dashed (138 1234 5678, 411024 19850315 0014),
in full-width digits, or with +86 / 0086 in front.

Two layers, installed once per process by `install()`:
- every `logging.Formatter` masks the line it formats (message, arguments rendered, traceback and
  stack included), so handlers and formatters configured later (Rasa's, Sanic's, uvicorn's) are
  covered;
- the LogRecord factory masks the message and string arguments in place, keeping their shape (a
  formatter such as uvicorn's access formatter unpacks the arguments), for consumers that read
  records without formatting them.
"""
from __future__ import annotations

import logging
import re

_TO_ASCII = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")
_DIGIT = "0-9０-９"
_SEPARATOR = r"[ \t\u00a0\u3000\-－‐‑–—]{1,3}"
# a run of digit groups joined by short separators, optionally ending in the ID number's X
_RUN = re.compile(rf"(?<![{_DIGIT}])[{_DIGIT}]+(?:{_SEPARATOR}[{_DIGIT}]+)*(?:[XxＸｘ](?![A-Za-z]))?")
_GROUP = re.compile(rf"[{_DIGIT}]+[XxＸｘ]?")
_ID = re.compile(r"[1-9][0-9]{16}[0-9Xx]")
_PHONE = re.compile(r"(0086|86)?(1[3-9][0-9]{9})")
_LANDLINE = re.compile(r"0[1-9][0-9]{8,10}")   # area code (010, 0374 …) and a 7- or 8-digit number
_MAX_GROUPS = 8
_installed = False


def _masked(digits: str, first_group: str) -> str | None:
    """The mask of `digits` (separators removed) when they are exactly an ID number or a phone (a
    country code written as its own group is left in place, outside the mask)."""
    if _ID.fullmatch(digits):
        return digits[:4] + "*" * 10 + digits[-4:]
    phone = _PHONE.fullmatch(digits)
    if phone and phone.group(1) != first_group:
        number = phone.group(2)
        return (phone.group(1) or "") + number[:3] + "****" + number[-4:]
    if _LANDLINE.fullmatch(digits):
        return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]
    return None


def _mask_run(run: str) -> str:
    """Within one run of digit groups, mask every stretch of whole groups that is a number."""
    groups = [(m.start(), m.end(), m.group().translate(_TO_ASCII)) for m in _GROUP.finditer(run)]
    out, done, i = [], 0, 0
    while i < len(groups):
        for j in range(min(len(groups), i + _MAX_GROUPS) - 1, i - 1, -1):   # the longest stretch first
            masked = _masked("".join(g[2] for g in groups[i:j + 1]), groups[i][2])
            if masked:
                out += [run[done:groups[i][0]], masked]
                done, i = groups[j][1], j + 1
                break
        else:
            i += 1
    out.append(run[done:])
    return "".join(out)


def mask(text: str) -> str:
    """4110**********0014, 138****5678 and 0374***3456 (a landline) style masks, after reading full-width digits and ignoring
    spaces and dashes between digit groups; a `+86` stays in front of the masked phone."""
    if not text:
        return text
    return _RUN.sub(lambda m: _mask_run(m.group()), text)


def _mask_value(value):
    return mask(value) if isinstance(value, str) else value


def install() -> None:
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            record.msg = _mask_value(record.msg)
            if isinstance(record.args, tuple):
                record.args = tuple(_mask_value(a) for a in record.args)
            elif isinstance(record.args, dict):
                record.args = {k: _mask_value(v) for k, v in record.args.items()}
        except Exception:  # never lose a log line to the masking itself; the formatter still masks
            pass
        return record

    original_format = logging.Formatter.format

    def masked_format(self: logging.Formatter, record: logging.LogRecord) -> str:
        return mask(original_format(self, record))

    logging.setLogRecordFactory(factory)
    logging.Formatter.format = masked_format
    _installed = True
