"""`sai._record`: value classes that behave as the dataclasses they replace.

Each record class below has a dataclass twin with the same fields and options; whatever the
field values, both must agree on equality, hashing, ``repr``, immutability, pickling and
copying (the classes of `sai scan`'s path moved from dataclasses to records, and their users
must see no difference).
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sai._record import FrozenRecord, Record


@dataclasses.dataclass(frozen=True)
class FrozenTwin:
    name: str
    size: int
    hidden: object = dataclasses.field(default=None, compare=False, repr=False)


class FrozenRec(FrozenRecord):
    __slots__ = ("hidden", "name", "size")
    _uncompared = ("hidden",)
    _unshown = ("hidden",)
    name: str
    size: int
    hidden: object

    def __init__(self, name: str, size: int, hidden: object = None) -> None:
        self._assign(name, size, hidden)


@dataclasses.dataclass
class MutableTwin:
    items: list[Any]
    flag: bool = False


class MutableRec(Record):
    __slots__ = ("flag", "items")
    items: list[Any]
    flag: bool

    def __init__(self, items: list[Any], flag: bool = False) -> None:
        self.items = items
        self.flag = flag


# NOTE: the twins' repr names their own class: compare the text after the class name.
def _fields_repr(value: object) -> str:
    text = repr(value)
    return text[text.index("(") :]


values = st.tuples(st.text(max_size=5), st.integers(-3, 3), st.integers(0, 2))


@given(values, values)
def test_a_frozen_record_compares_hashes_and_shows_as_its_dataclass_twin(
    a: tuple[str, int, int], b: tuple[str, int, int]
) -> None:
    ra, rb, ta, tb = FrozenRec(*a), FrozenRec(*b), FrozenTwin(*a), FrozenTwin(*b)
    assert (ra == rb) is (ta == tb)
    assert (ra != rb) is (ta != tb)
    assert hash(ra) == hash(ta)  # both hash the tuple of the compared fields
    assert _fields_repr(ra) == _fields_repr(ta)


@given(st.lists(st.integers(), max_size=3), st.lists(st.integers(), max_size=3), st.booleans())
def test_a_mutable_record_compares_and_shows_as_its_dataclass_twin(
    a: list[int], b: list[int], flag: bool
) -> None:
    ra, rb = MutableRec(a, flag), MutableRec(b)
    ta, tb = MutableTwin(a, flag), MutableTwin(b)
    assert (ra == rb) is (ta == tb)
    assert _fields_repr(ra) == _fields_repr(ta)


def test_records_are_never_equal_to_other_types_or_tuples() -> None:
    record = FrozenRec("a", 1)
    assert record != ("a", 1)
    assert record != FrozenTwin("a", 1)
    assert record != MutableRec(["a"])
    assert record == FrozenRec("a", 1, hidden="ignored")


def test_a_frozen_record_refuses_assignment_and_deletion() -> None:
    record = FrozenRec("a", 1)
    with pytest.raises(AttributeError, match="cannot assign to field 'size'"):
        record.size = 2  # type: ignore[misc]
    with pytest.raises(AttributeError, match="cannot delete field 'name'"):
        del record.name
    with pytest.raises(AttributeError):
        record.other = 3  # type: ignore[attr-defined]
    assert record.size == 1


def test_a_mutable_record_is_unhashable_as_a_mutable_dataclass() -> None:
    with pytest.raises(TypeError):
        hash(MutableTwin([]))
    with pytest.raises(TypeError):
        hash(MutableRec([]))
    record = MutableRec([1])
    record.items.append(2)
    record.flag = True
    assert record == MutableRec([1, 2], True)


def test_records_survive_pickle_and_copy() -> None:
    frozen = FrozenRec("a", 1, hidden="kept")
    for clone in (pickle.loads(pickle.dumps(frozen)), copy.copy(frozen), copy.deepcopy(frozen)):
        assert clone == frozen
        assert clone.hidden == "kept"
    mutable = MutableRec([1, [2]], True)
    deep = copy.deepcopy(mutable)
    assert deep == mutable
    assert deep.items[1] is not mutable.items[1]


def test_fields_must_match_the_slots() -> None:
    with pytest.raises(TypeError, match="annotate exactly the names in __slots__"):

        class Broken(Record):
            __slots__ = ("a",)
            b: int


def test_the_digest_cache_key_stays_out_of_its_repr() -> None:
    from sai.scanning.digests import DigestCache

    cache = DigestCache(key=b"secret-mac-key")
    assert "secret" not in repr(cache)
    assert repr(cache).startswith("DigestCache(path=None, entries={}, changed=False")
