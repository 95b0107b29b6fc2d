"""Password hashing with argon2id (pwdlib's recommended parameters)."""

from __future__ import annotations

from functools import lru_cache

from pwdlib import PasswordHash

from xinzhi.errors import InputError

MIN_LENGTH = 8


@lru_cache(maxsize=1)
def _hasher() -> PasswordHash:
    return PasswordHash.recommended()


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (at least :data:`MIN_LENGTH` characters)."""
    if len(password) < MIN_LENGTH:
        raise InputError(f"password must have at least {MIN_LENGTH} characters")
    return _hasher().hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    """Whether ``password`` matches ``password_hash`` (False for a malformed hash)."""
    try:
        return bool(_hasher().verify(password, password_hash))
    except Exception:  # a malformed or foreign hash is a failed login, not a crash
        return False


#: a valid hash of a random string, verified when the username is unknown so that a login
#: takes the same time whether or not the user exists
@lru_cache(maxsize=1)
def dummy_hash() -> str:
    import secrets

    return _hasher().hash(secrets.token_hex(16))
