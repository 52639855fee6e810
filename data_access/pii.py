"""Citizen IDs: checksum validation and the keyed hash that is all the database ever keeps.

A 13-digit ID has only about 10^12 valid values, so a plain hash is reversible by brute force;
an HMAC with a key kept outside the database is not (PDPA B.E. 2562 security measures).
"""

from __future__ import annotations

import hashlib
import hmac
import operator
import os
import secrets

from data_access import config
from data_access.errors import UserError


class MissingKeyError(UserError):
    """A configuration error the operator can fix, reported like any other user error."""


CHECK_WEIGHTS = tuple(range(13, 1, -1))
_ZERO_TOTAL = 48 * sum(CHECK_WEIGHTS)  # what the character code of "0" adds to the weighted sum
FINGERPRINT_META = "citizen_id_key_fingerprint"  # the meta row naming the key the stored hashes used


def is_valid_citizen_id(text: str) -> bool:
    """13 digits whose last is the Thai check digit: (11 - Σ d_i·(13-i) mod 11) mod 10."""
    if len(text) != 13 or not (text.isascii() and text.isdigit()):
        return False
    codes = text.encode("ascii")  # character codes: digit d is 48 + d
    total = sum(map(operator.mul, codes[:12], CHECK_WEIGHTS)) - _ZERO_TOTAL
    return (11 - total % 11) % 10 == codes[12] - 48


def citizen_hash(citizen_id: str, key: bytes) -> bytes:
    return hmac.new(key, citizen_id.encode("ascii"), hashlib.sha256).digest()


def key_fingerprint(key: bytes) -> str:
    """Names a key without revealing it: a database keeps it, so that hashes made with another key
    (which would store the same people twice, unlinked) are refused instead of mixed in."""
    return hmac.new(key, b"citizen-id-key-fingerprint", hashlib.sha256).hexdigest()[:32]


def citizen_id_key() -> bytes:
    """The configured key; the embedded default database keeps a random one in its data folder."""
    settings = config.current()
    if settings.citizen_id_key:
        return settings.citizen_id_key.encode("utf-8")
    if not settings.default_database:
        raise MissingKeyError("error.citizen_id_key")
    path = config.DATA_DIR / "citizen_id.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode("utf-8")
