"""Process settings of the server: how long one thread may hold the interpreter lock."""

from __future__ import annotations

import sys

import pytest

from xinzhi.web import server


@pytest.fixture
def keep_interval():  # type: ignore[no-untyped-def]
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


def test_interpreter_lock_is_shared_every_half_millisecond(keep_interval, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(server.ENV_SWITCH, raising=False)
    server.share_interpreter_lock()
    assert sys.getswitchinterval() == pytest.approx(0.0005)
    monkeypatch.setenv(server.ENV_SWITCH, "2")
    server.share_interpreter_lock()
    assert sys.getswitchinterval() == pytest.approx(0.002)
    server.share_interpreter_lock(1)
    assert sys.getswitchinterval() == pytest.approx(0.001)
