"""Statements compiled once for a stand-in record and bound to each real one."""

from __future__ import annotations

import uuid

import pytest

from kotopolku.core.compiled import MARK_ID, MARK_UUID, StatementCache, bind, check_marks


def test_bind__puts_the_records_id_and_uuid_where_the_marks_are_and_nothing_else():
    record = uuid.uuid4()
    params = [MARK_ID, 5, str(MARK_UUID), MARK_UUID, MARK_UUID.hex, "text", True, [1]]
    assert bind(params, pk=42, uuid_value=record) == [
        42,
        5,
        str(record),
        record,
        record.hex,
        "text",
        True,
        [1],
    ]


def test_bind__without_the_value_a_statement_reads__is_refused():
    with pytest.raises(ValueError):
        bind([MARK_ID], uuid_value=uuid.uuid4())
    with pytest.raises(ValueError):
        bind([str(MARK_UUID)], pk=1)


def test_check_marks__a_mark_written_into_the_text_or_inside_a_value__is_refused():
    check_marks("SELECT 1 WHERE id = %s", [MARK_ID])
    with pytest.raises(ValueError):
        check_marks(f"SELECT 1 WHERE id = {MARK_ID}", [])
    with pytest.raises(ValueError):
        check_marks("SELECT 1 WHERE name = %s", [f"client {MARK_UUID}"])


def test_statement_cache__keeps_the_last_used_up_to_its_size():
    cache: StatementCache[str] = StatementCache(size=2)
    built = []

    def build(key: str) -> str:
        built.append(key)
        return key.upper()

    assert cache.get("a", lambda: build("a")) == "A"
    cache.get("b", lambda: build("b"))
    cache.get("a", lambda: build("a"))  # kept; now the latest used
    cache.get("c", lambda: build("c"))  # "b" is dropped
    cache.get("a", lambda: build("a"))
    cache.get("b", lambda: build("b"))
    assert built == ["a", "b", "c", "b"] and len(cache) == 2
