"""Evidence entries: validation, immutability, and the exact leaf bytes."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.errors import InputError
from sai.ledger import (
    Attachment,
    CanonicalJsonError,
    Entry,
    EntryIndex,
    EntryRef,
    Evidence,
    EvidenceError,
    Origin,
    OriginType,
    leaf_hash,
)

MOMENT = datetime(2026, 11, 24, 5, 49, 14, 123456, tzinfo=UTC)
DIGEST = "sha256:" + "ab" * 32

GOLDEN_LEAF = (
    '{"actor":"sai inventory","attachments":[{"digest":"sha256:' + "ab" * 32 + '",'
    '"media_type":"application/octet-stream","name":"model.safetensors","size":1024}],'
    '"data":{"algorithm":"ed25519","files":["a","b"],"note":"ü\\n"},"kind":"asset.signed",'
    '"origin":{"control":"inventory.signing","sai":"0.2.0"},'
    '"provisions":["5.2.4-2","5.2.4-10"],"subject":"models/classifier",'
    '"time":"2026-11-24T05:49:14.123456Z","v":2}'
).encode()
#: The same entry as sai 0.1 wrote it, before origins: it must stay readable.
GOLDEN_LEAF_V1 = (
    '{"actor":"sai inventory","attachments":[{"digest":"sha256:' + "ab" * 32 + '",'
    '"media_type":"application/octet-stream","name":"model.safetensors","size":1024}],'
    '"data":{"algorithm":"ed25519","files":["a","b"],"note":"ü\\n"},"kind":"asset.signed",'
    '"provisions":["5.2.4-2","5.2.4-10"],"subject":"models/classifier",'
    '"time":"2026-11-24T05:49:14.123456Z","v":1}'
).encode()
SIGNING = Origin(OriginType.CONTROL, "inventory.signing", "0.2.0")


def sample(**changes: Any) -> Evidence:
    fields: dict[str, Any] = {
        "kind": "asset.signed",
        "subject": "models/classifier",
        "provisions": ["5.2.4-10", "5.2.4-2", "5.2.4-2"],
        "actor": "sai inventory",
        "data": {"algorithm": "ed25519", "files": ["a", "b"], "note": "ü\n"},
        "attachments": [Attachment("model.safetensors", DIGEST, 1024)],
        "time": MOMENT,
        "origin": SIGNING,
    }
    fields.update(changes)
    kind, subject = fields.pop("kind"), fields.pop("subject")
    return Evidence.create(kind, subject, **fields)


class TestLeafBytes:
    def test_golden_layout(self) -> None:
        assert sample().leaf_bytes() == GOLDEN_LEAF

    def test_version_1_leaves_read_as_stated_by_their_actor(self) -> None:
        old = Evidence.from_leaf_bytes(GOLDEN_LEAF_V1)
        assert old.leaf_bytes() == GOLDEN_LEAF_V1
        assert old.origin == Origin.person("sai inventory")
        assert not old.origin.is_control
        assert (old.kind, old.subject, old.data) == (sample().kind, sample().subject, sample().data)

    def test_origin_is_part_of_the_leaf(self) -> None:
        stated = sample(origin=Origin.person("Ana"))
        assert b'"origin":{"person":"Ana"}' in stated.leaf_bytes()
        assert Evidence.from_leaf_bytes(stated.leaf_bytes()).origin == Origin.person("Ana")
        assert stated.leaf_bytes() != GOLDEN_LEAF

    def test_round_trip(self) -> None:
        evidence = sample()
        again = Evidence.from_leaf_bytes(evidence.leaf_bytes())
        assert again == evidence
        assert again.leaf_bytes() == evidence.leaf_bytes()
        assert hash(again) == hash(evidence)

    def test_time_is_utc_with_microseconds(self) -> None:
        plus_two = timezone(timedelta(hours=2))
        evidence = sample(time=datetime(2026, 1, 2, 3, 4, 5, tzinfo=plus_two))
        assert evidence.time == datetime(2026, 1, 2, 1, 4, 5, tzinfo=UTC)
        assert evidence.time.tzinfo is UTC
        assert b'"time":"2026-01-02T01:04:05.000000Z"' in evidence.leaf_bytes()
        early = sample(time=datetime(5, 1, 1, tzinfo=UTC))
        assert b'"time":"0005-01-01T00:00:00.000000Z"' in early.leaf_bytes()
        assert Evidence.from_leaf_bytes(early.leaf_bytes()) == early

    def test_create_defaults(self) -> None:
        before = datetime.now(UTC)
        evidence = Evidence.create(
            "attestation", "staff training", actor="alice", origin=Origin.person("alice")
        )
        assert before <= evidence.time <= datetime.now(UTC)
        assert evidence.data == {}
        assert evidence.provisions == ()
        assert evidence.attachments == ()

    @given(
        kind=st.from_regex(r"[a-z][a-z0-9_]{0,10}(\.[a-z0-9_]{1,8}){0,3}", fullmatch=True),
        subject=st.text(
            st.characters(min_codepoint=0x20, exclude_categories=("Cs", "Cc")),
            min_size=1,
            max_size=40,
        ),
        provisions=st.lists(
            st.from_regex(r"5\.[1-5]\.[1-9]-[1-9][0-9]?(\.[1-9])?", fullmatch=True), max_size=5
        ),
        data=st.dictionaries(
            st.text(max_size=5), st.integers(-5, 5) | st.text(max_size=5), max_size=4
        ),
        moment=st.datetimes(timezones=st.just(UTC)),
    )
    def test_round_trip_property(
        self, kind: str, subject: str, provisions: list[str], data: dict[str, Any], moment: datetime
    ) -> None:
        evidence = Evidence.create(
            kind, subject, provisions=provisions, actor="a", origin=SIGNING, data=data, time=moment
        )
        assert Evidence.from_leaf_bytes(evidence.leaf_bytes()) == evidence


class TestImmutability:
    def test_data_cannot_be_changed_afterwards(self) -> None:
        source: dict[str, Any] = {"list": [1, {"deep": "x"}]}
        evidence = sample(data=source)
        source["list"].append(2)
        source["new"] = True
        assert evidence.data == {"list": (1, {"deep": "x"})}
        with pytest.raises(TypeError):
            evidence.data["new"] = 1  # type: ignore[index]
        with pytest.raises(TypeError):
            evidence.data["list"][1]["deep"] = "y"
        assert evidence.leaf_bytes() == sample(data={"list": [1, {"deep": "x"}]}).leaf_bytes()

    def test_fields_are_frozen(self) -> None:
        evidence = sample()
        with pytest.raises(AttributeError):
            evidence.kind = "other"  # type: ignore[misc]


class TestValidation:
    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"kind": "Asset.signed"}, "kind"),
            ({"kind": "asset..signed"}, "kind"),
            ({"kind": ".asset"}, "kind"),
            ({"kind": "a" * 65}, "kind"),
            ({"kind": "asset.signed\n"}, "kind"),
            ({"subject": ""}, "subject"),
            ({"subject": "x" * 513}, "subject"),
            ({"subject": "a\nb"}, "subject"),
            ({"actor": ""}, "actor"),
            ({"actor": "bell\x07"}, "actor"),
            ({"provisions": ["5.6.1-1"]}, "provisions"),
            ({"provisions": ["5.2.4-01"]}, "provisions"),
            ({"provisions": ["5.2.4-1\n"]}, "provisions"),
            ({"provisions": ["5.2.4-١"]}, "provisions"),
            ({"provisions": "5.2.4-1"}, "provisions"),
            ({"time": datetime(2026, 1, 1)}, "time"),
            ({"data": {"ratio": 0.5}}, "data"),
            ({"data": {"big": 2**60}}, "data"),
            ({"data": [1]}, "data"),
            ({"attachments": ["not an attachment"]}, "attachments"),
            (
                {"attachments": [Attachment("a", DIGEST, 1), Attachment("a", DIGEST, 2)]},
                "attachments",
            ),
        ],
    )
    def test_bad_fields_are_named(self, changes: dict[str, Any], field: str) -> None:
        with pytest.raises(EvidenceError) as caught:
            sample(**changes)
        assert caught.value.field == field
        assert f"'{field}'" in str(caught.value)
        assert isinstance(caught.value, InputError)

    def test_float_in_data_says_what_to_do(self) -> None:
        with pytest.raises(EvidenceError, match=r"data\.ratio: floating-point") as caught:
            sample(data={"ratio": 0.5})
        assert "decimal strings" in caught.value.diagnostics()

    def test_constructor_requires_sorted_unique_provisions(self) -> None:
        fields: dict[str, Any] = {
            "kind": "scan.result",
            "subject": "s",
            "actor": "a",
            "time": MOMENT,
            "data": {},
        }
        Evidence(provisions=("5.2.4-2", "5.2.4-10"), **fields)
        for provisions in (("5.2.4-10", "5.2.4-2"), ("5.1.1-1", "5.1.1-1")):
            with pytest.raises(EvidenceError, match="sorted"):
                Evidence(provisions=provisions, **fields)

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"digest": "sha256:" + "AB" * 32}, "attachments.digest"),
            ({"digest": "md5:" + "ab" * 16}, "attachments.digest"),
            ({"size": -1}, "attachments.size"),
            ({"size": True}, "attachments.size"),
            ({"size": 2**53}, "attachments.size"),
            ({"name": ""}, "attachments.name"),
            ({"media_type": "text"}, "attachments.media_type"),
            ({"media_type": "text/plain;"}, "attachments.media_type"),
        ],
    )
    def test_bad_attachments(self, changes: dict[str, Any], field: str) -> None:
        values: dict[str, Any] = {"name": "f", "digest": DIGEST, "size": 1}
        values.update(changes)
        with pytest.raises(EvidenceError) as caught:
            Attachment(**values)
        assert caught.value.field == field

    def test_media_type_with_parameters(self) -> None:
        assert Attachment("f", DIGEST, 1, "text/plain; charset=utf-8").media_type.startswith("text")


class TestFromLeafBytes:
    def replace(self, old: bytes, new: bytes) -> bytes:
        assert old in GOLDEN_LEAF
        return GOLDEN_LEAF.replace(old, new)

    @pytest.mark.parametrize(
        ("data", "field"),
        [
            (b"[]", "leaf"),
            (b'{"v":1}', "leaf"),
            (GOLDEN_LEAF[:-1] + b',"x":1}', "leaf"),
            (
                b'{"actor":"a","attachments":[],"data":{},"kind":"k","provisions":[],"subject":"s","time":"2026-11-24T05:49:14.123456Z","v":3}',
                "v",
            ),
            (
                b'{"actor":"a","attachments":[],"data":{},"kind":"k","provisions":[],"subject":"s","time":"2026-11-24T05:49:14Z","v":1}',
                "time",
            ),
            (
                b'{"actor":"a","attachments":[],"data":{},"kind":"k","provisions":[],"subject":"s","time":"2026-13-24T05:49:14.123456Z","v":1}',
                "time",
            ),
            (
                b'{"actor":"a","attachments":[],"data":{},"kind":"k","provisions":[],"subject":"s","time":1,"v":1}',
                "time",
            ),
            (
                b'{"actor":"a","attachments":{},"data":{},"kind":"k","provisions":[],"subject":"s","time":"2026-11-24T05:49:14.123456Z","v":1}',
                "attachments",
            ),
            (
                b'{"actor":"a","attachments":[{"name":"x"}],"data":{},"kind":"k","provisions":[],"subject":"s","time":"2026-11-24T05:49:14.123456Z","v":1}',
                "attachments",
            ),
            (
                b'{"actor":"a","attachments":[],"data":[],"kind":"k","provisions":[],"subject":"s","time":"2026-11-24T05:49:14.123456Z","v":1}',
                "data",
            ),
            (
                b'{"actor":"a","attachments":[],"data":{},"kind":"k","provisions":"5.1.1-1","subject":"s","time":"2026-11-24T05:49:14.123456Z","v":1}',
                "provisions",
            ),
            (
                b'{"actor":"a","attachments":[],"data":{},"kind":"k","provisions":["5.2.4-10","5.2.4-2"],"subject":"s","time":"2026-11-24T05:49:14.123456Z","v":1}',
                "provisions",
            ),
            (
                b'{"actor":1,"attachments":[],"data":{},"kind":"k","provisions":[],"subject":"s","time":"2026-11-24T05:49:14.123456Z","v":1}',
                "actor",
            ),
        ],
    )
    def test_schema_violations_name_the_field(self, data: bytes, field: str) -> None:
        with pytest.raises(EvidenceError) as caught:
            Evidence.from_leaf_bytes(data)
        assert caught.value.field == field

    def test_non_canonical_bytes_are_refused_with_an_offset(self) -> None:
        with pytest.raises(CanonicalJsonError, match="byte 1: "):
            Evidence.from_leaf_bytes(b'{ "actor":1}')
        with pytest.raises(CanonicalJsonError):
            Evidence.from_leaf_bytes(GOLDEN_LEAF + b"\n")

    @given(st.binary(max_size=300) | st.just(GOLDEN_LEAF).map(lambda b: b[:150] + b"x" + b[151:]))
    def test_arbitrary_bytes_raise_only_input_errors(self, data: bytes) -> None:
        with contextlib.suppress(InputError):
            Evidence.from_leaf_bytes(data)


class TestEntry:
    def test_entry_and_ref(self) -> None:
        evidence = sample()
        digest = leaf_hash(evidence.leaf_bytes())
        entry = Entry(index=EntryIndex(3), evidence=evidence, leaf_hash=digest)
        ref = EntryRef(index=entry.index, leaf_hash=entry.leaf_hash)
        assert ref == EntryRef(3, digest)
        assert entry.evidence.kind == "asset.signed"


class TestAcceptedLeavesReencode:
    """from_leaf_bytes skips re-encoding; whatever it accepts must re-encode to the same bytes."""

    @settings(max_examples=300, deadline=None)
    @given(st.data())
    def test_mutated_golden_leaf(self, data: st.DataObject) -> None:
        raw = bytearray(GOLDEN_LEAF)
        for _ in range(data.draw(st.integers(1, 3))):
            position = data.draw(st.integers(0, len(raw) - 1))
            raw[position] = data.draw(st.integers(0x20, 0x7E))
        try:
            parsed = Evidence.from_leaf_bytes(bytes(raw))
        except InputError:
            return
        rebuilt = Evidence(
            kind=parsed.kind,
            subject=parsed.subject,
            provisions=parsed.provisions,
            actor=parsed.actor,
            time=parsed.time,
            data=parsed.data,
            attachments=parsed.attachments,
            origin=parsed.origin,
        )
        assert rebuilt.leaf_bytes() == bytes(raw)
        assert rebuilt == parsed
