"""``lintkit.records``: the record classes every syntax tree and finding is made of."""

from __future__ import annotations

import copy
import pickle
from typing import Any, ClassVar

import pytest

from lintkit.records import FrozenRecordError, field, record, replace


@record
class Point:
    x: int
    y: int = 0
    label: str = field(default="", compare=False)


@record(frozen=False)
class Bag:
    name: str
    items: list[int] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict, repr=False)
    kind: ClassVar[str] = "bag"


@record(order=True, slots=True)
class Version:
    major: int
    minor: int
    patch: int = 0


@record
class Labelled(Point):
    """A subclass adds fields after the inherited ones."""

    tag: str = "t"


@record
class Derived:
    text: str
    length: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "length", len(self.text))


def test_init_takes_the_fields_in_order_with_their_defaults() -> None:
    assert (Point(1).x, Point(1).y, Point(1, 2, "a").label) == (1, 0, "a")
    assert Point(y=3, x=4) == Point(4, 3)
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, 2, "a", "extra")  # type: ignore[call-arg]


def test_equality_and_hash_use_the_compared_fields_of_the_same_class() -> None:
    assert Point(1, 2, "a") == Point(1, 2, "b")
    assert hash(Point(1, 2, "a")) == hash(Point(1, 2, "b"))
    assert Point(1, 2) != Point(2, 1)
    assert Point(1, 2) != Labelled(1, 2)
    assert Point(1, 2).__eq__((1, 2)) is NotImplemented
    assert len({Point(1), Point(1), Point(2)}) == 2


def test_frozen_records_refuse_assignment_and_deletion() -> None:
    point = Point(1)
    with pytest.raises(FrozenRecordError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.x  # type: ignore[misc]
    assert point.x == 1


def test_mutable_records_are_comparable_but_not_hashable() -> None:
    bag = Bag("a")
    bag.items.append(1)
    assert Bag("a") != bag
    assert Bag("a", [1]) == bag
    assert Bag.__hash__ is None


def test_a_default_factory_gives_each_instance_its_own_value() -> None:
    first, second = Bag("a"), Bag("b")
    first.items.append(1)
    assert second.items == []
    assert Bag.kind == "bag"  # a class variable is not a field
    assert "kind" not in Bag.__match_args__


def test_a_mutable_plain_default_is_refused() -> None:
    with pytest.raises(ValueError, match="default_factory"):

        @record
        class Wrong:
            items: list[int] = []


def test_repr_shows_the_shown_fields() -> None:
    assert repr(Point(1, 2, "a")) == "Point(x=1, y=2, label='a')"
    assert repr(Bag("a", [1])) == "Bag(name='a', items=[1])"
    assert repr(Labelled(1)) == "Labelled(x=1, y=0, label='', tag='t')"


def test_order_compares_the_fields_as_a_tuple() -> None:
    assert Version(1, 2) < Version(1, 10) <= Version(1, 10) < Version(2, 0)
    assert Version(3, 0) > Version(2, 9, 9) >= Version(2, 9, 9)
    assert sorted([Version(2, 0), Version(1, 5), Version(1, 5, 1)]) == [
        Version(1, 5),
        Version(1, 5, 1),
        Version(2, 0),
    ]
    with pytest.raises(TypeError):
        assert Version(1, 0) < (1, 0)  # type: ignore[operator]


def test_slots_records_have_no_instance_dictionary() -> None:
    version = Version(1, 2)
    assert not hasattr(version, "__dict__")
    assert Version.__slots__ == ("major", "minor", "patch")
    with pytest.raises(FrozenRecordError):
        version.major = 2  # type: ignore[misc]


def test_post_init_runs_and_init_false_fields_are_not_parameters() -> None:
    derived = Derived("abc")
    assert derived.length == 3
    assert Derived.__match_args__ == ("text",)
    with pytest.raises(TypeError):
        Derived("abc", 3)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "value",
    [Point(1, 2, "a"), Bag("a", [1], {"k": "v"}), Version(1, 2, 3), Labelled(1, tag="x")],
    ids=repr,
)
def test_pickling_and_copying_keep_every_field(value: Any) -> None:
    for restored in (pickle.loads(pickle.dumps(value)), copy.copy(value), copy.deepcopy(value)):
        assert type(restored) is type(value)
        assert repr(restored) == repr(value)


def test_replace_changes_only_the_named_fields() -> None:
    assert replace(Point(1, 2, "a"), y=5) == Point(1, 5)
    assert replace(Point(1, 2, "a"), y=5).label == "a"
    assert replace(Derived("abc"), text="abcdef").length == 6
    assert replace(Version(1, 2, 3), patch=4) == Version(1, 2, 4)


def test_a_field_stored_in_a_base_class_slot_is_set_through_the_slot() -> None:
    class Base:
        __slots__ = ("x",)

    @record
    class Mixed(Base):
        x: int
        y: int

    mixed = Mixed(1, 2)
    assert (mixed.x, mixed.y) == (1, 2)
    assert "x" not in mixed.__dict__
    with pytest.raises(FrozenRecordError):
        mixed.x = 3  # type: ignore[misc]
