"""Passwords: the rules a new password must meet, and argon2id hashing (pwdlib's recommended
parameters).

The rules follow NIST SP 800-63B-4 (Digital Identity Guidelines: Authentication and
Authenticator Management, 2025), section 3.1.1.2, for passwords used as the only factor:

* at least :data:`MIN_LENGTH` (15) characters, counted as Unicode code points after NFKC
  normalisation; up to :data:`MAX_LENGTH` (256) are accepted, spaces and any Unicode included;
* no composition rules (no "one digit, one capital");
* checked against a blocklist: common and breached passwords, dictionary words, repeated and
  sequential characters (``aaaa``, ``1234``), and context-specific words (the user name and
  display name, ``xinzhi`` / 新质, the user's region and role). The check is the zxcvbn
  estimator (Wheeler, "zxcvbn: Low-Budget Password Strength Estimation", USENIX Security
  2016), which holds the common-password and word lists: a password it expects to fall within
  10^8 guesses (score below 3) is refused, and so is one that is still shorter than
  :data:`MIN_REST` characters once the context words are taken out of it;
* no expiry and no forced periodic change.

Passwords are normalised with NFKC before hashing (the same keyboard input always gives the
same password); hashes made before that still verify.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from pwdlib import PasswordHash

from xinzhi.errors import InputError

MIN_LENGTH = 15
MAX_LENGTH = 256
#: what must remain of a password once the context words are removed from it
MIN_REST = 8
#: the lowest zxcvbn score accepted (3: more than 10^8 guesses)
MIN_SCORE = 3
#: context words every password is checked against
SERVICE_WORDS = ("xinzhi", "新质", "xinzhi-workspace", "admin", "administrator")


@lru_cache(maxsize=1)
def _hasher() -> PasswordHash:
    return PasswordHash.recommended()


def normalise(password: str) -> str:
    """The password as compared and hashed: Unicode NFKC (full-width letters as ASCII ...)."""
    return unicodedata.normalize("NFKC", password)


def password_problem(password: str, *, context: Iterable[str] = ()) -> str | None:
    """Why ``password`` may not be chosen, or ``None`` if it may. ``context`` holds the words
    specific to the account (user name, display name, region names)."""
    pw = normalise(password)
    if len(pw) < MIN_LENGTH:
        return f"password must have at least {MIN_LENGTH} characters (a few words make a good one)"
    if len(pw) > MAX_LENGTH:
        return f"password may have at most {MAX_LENGTH} characters"
    words = sorted({w.strip().casefold() for w in (*SERVICE_WORDS, *context) if w and len(w.strip()) >= 2},
                   key=len, reverse=True)
    rest = pw.casefold()
    hit = [w for w in words if w in rest]
    for w in hit:
        rest = rest.replace(w, "")
    if hit and len(re.sub(r"[\W_]", "", rest)) < MIN_REST:
        return f"password is too close to {hit[0]!r} (the user name, the service or a region)"
    from zxcvbn import zxcvbn

    result = zxcvbn(pw[:100], user_inputs=words)  # the estimate is about the start; the rest only adds
    if result["score"] < MIN_SCORE:
        why = result["feedback"].get("warning") or "it follows a common pattern"
        return f"password is too easy to guess: {why.rstrip('.')}"
    return None


def check_password(password: str, *, context: Iterable[str] = ()) -> None:
    """Raise :class:`InputError` when ``password`` breaks the rules (see the module)."""
    problem = password_problem(password, context=context)
    if problem:
        raise InputError(problem)


def hash_password(password: str) -> str:
    """An argon2id hash of the NFKC-normalised ``password`` (no rules checked: see
    :func:`check_password`)."""
    if not password:
        raise InputError("password must not be empty")
    return _hasher().hash(normalise(password))


def verify_password(password: str, password_hash: str) -> bool:
    """Whether ``password`` matches ``password_hash`` (False for a malformed hash)."""
    try:
        if _hasher().verify(normalise(password), password_hash):
            return True
        # a hash made before passwords were normalised
        return normalise(password) != password and bool(_hasher().verify(password, password_hash))
    except Exception:  # a malformed or foreign hash is a failed login, not a crash
        return False


#: a valid hash of a random string, verified when the username is unknown so that a login
#: takes the same time whether or not the user exists
@lru_cache(maxsize=1)
def dummy_hash() -> str:
    import secrets

    return _hasher().hash(secrets.token_hex(16))
