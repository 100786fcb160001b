"""Application-level encryption of personal data at rest, and keyed hashes for look-ups.

Phones, ID numbers, names, the facts, the description and the transcript are stored as Fernet
tokens (AES-128-CBC with HMAC-SHA256, from `cryptography`); phone and ID number also get a keyed
hash (HMAC-SHA256 with a key derived from the same secret) so that status questions and duplicate
checks can find them without decrypting. The key comes from settings (DATA_KEY, or the ignored
key file that the first run creates). To rotate: put the new key first (DATA_KEY=new,old) and run
`python -m bot.store.rotate_key`, which re-encrypts every token and recomputes the hashes; then
drop the old key.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy.types import Text, TypeDecorator


class FieldCipher:
    def __init__(self, keys: list[str]):
        if not keys:
            raise ValueError("no data key configured")
        self._fernet = MultiFernet([Fernet(key.encode()) for key in keys])
        self._lookup_key = hashlib.sha256(b"lookup:" + keys[0].encode()).digest()

    def encrypt(self, value: str) -> str:
        return self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")

    def encrypt_bytes(self, value: bytes) -> str:
        return self._fernet.encrypt(value).decode("ascii")

    def decrypt_bytes(self, token: str) -> bytes:
        return self._fernet.decrypt(token.encode("ascii"))

    def rotate(self, token: str) -> str:
        return self._fernet.rotate(token.encode("ascii")).decode("ascii")

    def digest(self, value: str | None) -> str | None:
        if not value:
            return None
        return hmac.new(self._lookup_key, value.strip().upper().encode("utf-8"), hashlib.sha256).hexdigest()


_cipher: FieldCipher | None = None


def configure(cipher: FieldCipher) -> None:
    global _cipher
    _cipher = cipher


def cipher() -> FieldCipher:
    if _cipher is None:
        raise RuntimeError("the data key is not configured (bot.services.bootstrap does it)")
    return _cipher


def load_or_create_keys(env_value: str | None, key_file: Path) -> list[str]:
    """Keys from DATA_KEY (comma-separated, newest first), else from the key file, which is
    created with a fresh key (mode 0600) the first time."""
    if env_value:
        return [k.strip() for k in env_value.split(",") if k.strip()]
    if not key_file.is_file():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(Fernet.generate_key().decode() + "\n")
    return [line.strip() for line in key_file.read_text().splitlines() if line.strip()]


class EncryptedText(TypeDecorator):
    """A text column stored as a Fernet token."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect) -> str | None:
        return None if value is None else cipher().encrypt(str(value))

    def process_result_value(self, value: str | None, dialect) -> str | None:
        if value is None:
            return None
        try:
            return cipher().decrypt(value)
        except InvalidToken as exc:
            raise RuntimeError("stored value cannot be decrypted with the configured data key") from exc


TOKEN_PREFIX = "gAAAAA"   # every Fernet token starts with its version byte 0x80 (base64 "gA")


def is_token(value: str | None) -> bool:
    return bool(value) and value.startswith(TOKEN_PREFIX)


class EncryptedTextOrClear(EncryptedText):
    """A text column stored as a Fernet token, for a table first written in clear (Rasa's tracker
    events): a value that is not a token is read as it is; rotate_key encrypts it."""

    cache_ok = True

    def process_result_value(self, value: str | None, dialect) -> str | None:
        return super().process_result_value(value, dialect) if is_token(value) else value


class EncryptedJSON(EncryptedText):
    """A JSON value stored as a Fernet token."""

    cache_ok = True

    def process_bind_param(self, value: Any, dialect) -> str | None:
        return None if value is None else super().process_bind_param(json.dumps(value, ensure_ascii=False), dialect)

    def process_result_value(self, value: str | None, dialect) -> Any:
        text = super().process_result_value(value, dialect)
        return None if text is None else json.loads(text)


class EncryptedBytes(TypeDecorator):
    """A file's bytes stored as a Fernet token (the documents on a case)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect) -> str | None:
        return None if value is None else cipher().encrypt_bytes(bytes(value))

    def process_result_value(self, value: str | None, dialect) -> bytes | None:
        if value is None:
            return None
        try:
            return cipher().decrypt_bytes(value)
        except InvalidToken as exc:
            raise RuntimeError("stored file cannot be decrypted with the configured data key") from exc
