"""Server-issued web chat conversation ids (bot/channels/conversation_ids.py): #16 item 3."""
from __future__ import annotations

from bot.channels import conversation_ids as ids

KEY = b"k" * 32


def test_an_issued_id_verifies_into_its_namespace_until_it_expires():
    token, expires = ids.issue(KEY, now=1_000)
    sender = ids.verify(KEY, token, now=1_001)
    assert sender and sender.startswith("rest:") and sender == "rest:" + token.split(".")[0]
    assert ids.verify(KEY, token, now=expires + 1) is None


def test_made_up_copied_or_tampered_ids_are_refused():
    token, _ = ids.issue(KEY, now=1_000)
    ident, expires, signature = token.split(".")
    assert ids.verify(KEY, "resident-1", now=1_001) is None                       # a name anyone could send
    assert ids.verify(KEY, "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", now=1_001) is None     # an openid
    assert ids.verify(KEY, f"{ident}.{int(expires) + 86400}.{signature}", now=1_001) is None   # lifetime stretched
    assert ids.verify(KEY, f"other.{expires}.{signature}", now=1_001) is None
    assert ids.verify(b"another-deployment-key-000000000", token, now=1_001) is None
    assert ids.verify(KEY, None) is None and ids.verify(KEY, 42) is None
