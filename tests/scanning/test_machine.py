"""The pickle machine: imports, calls, fail-closed parsing, limits; fuzzing."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest
from benchmarks.corpus import build as b
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.scanning.pickle import PickleLimits, PickleMode, default_allowlist, simulate
from sai.scanning.pickle.allowlist import AllowList, parse_allowlist

ALLOW = default_allowlist()


def run(data: bytes, **kwargs: object):  # type: ignore[no-untyped-def]
    return simulate(memoryview(data), allow=ALLOW, **kwargs)  # type: ignore[arg-type]


class TestImports:
    def test_reports_callable_and_offset(self) -> None:
        result = run(b.call_pickle("os", "system"))
        assert [(f.callable, f.offset) for f in result.findings] == [("os.system", 2)]
        assert result.complete

    def test_allowed_pair_is_silent(self) -> None:
        assert run(pickle.dumps({"a": [1, 2]}, 2)).findings == []

    def test_matching_is_exact(self) -> None:
        result = run(b.stack_global_call("collections", "OrderedDict.fromkeys"))
        assert result.findings[0].callable == "collections.OrderedDict.fromkeys"

    def test_protocol_2_maps_python2_names(self) -> None:
        result = run(b.call_pickle("__builtin__", "eval", "1"))
        assert result.findings[0].callable == "builtins.eval"

    def test_memoised_operands_are_followed(self) -> None:
        data = b.proto(4, b.sbu("os") + b"\x94" + b.sbu("system") + b"\x94h\x00h\x01\x93.")
        assert run(data).findings[0].callable == "os.system"

    def test_torchscript_classes_only_in_torchscript_mode(self) -> None:
        data = b.proto(2, b.global0("__torch__.m", "Net") + b")\x81.")
        assert run(data).findings
        assert not run(data, mode=PickleMode(torchscript=True)).findings

    def test_policy_extension(self) -> None:
        data = b.call_pickle("mypkg", "Net")
        extended = ALLOW.extended([("mypkg", "Net")])
        assert simulate(memoryview(data), allow=extended).findings == []


class TestFailClosed:
    def test_payload_before_a_parse_error_is_reported(self) -> None:
        result = run(b.call_pickle("os", "system")[:-1] + b"\xff")
        rules = [f.rule for f in result.findings]
        assert rules == ["pickle.import-not-allowed", "pickle.malformed"]
        assert not result.complete
        assert result.findings[-1].incomplete

    @pytest.mark.parametrize(
        "data",
        [b"", b"\x80", b"\x80\x02", b"(", b"h\x05.", b"0.", b"\x80\x02X\xff\xff\xff\x7f", b"d."],
    )
    def test_broken_streams_are_incomplete(self, data: bytes) -> None:
        result = run(data)
        assert not result.complete
        assert any(f.incomplete for f in result.findings)

    def test_persistent_ids_only_with_a_loader(self) -> None:
        data = b.proto(2, b.sbu("x") + b"Q.")
        assert run(data).findings[0].rule == "pickle.persistent-id"
        assert run(data, mode=PickleMode(persistent_ids=True)).findings == []

    def test_opcode_limit(self) -> None:
        data = b"N0" * 10_000 + b"N."
        result = run(data, limits=PickleLimits(max_opcodes=5000))
        assert [f.rule for f in result.findings] == ["pickle.limit"]


class TestNeverExecutes:
    def test_named_module_is_not_imported(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        canary = tmp_path / "sai_canary_mod.py"
        flag = tmp_path / "imported"
        canary.write_text(f"open({str(flag)!r}, 'w').close()\ndef boom(x): pass\n")
        monkeypatch.syspath_prepend(str(tmp_path))
        result = run(b.call_pickle("sai_canary_mod", "boom"))
        assert result.findings[0].callable == "sai_canary_mod.boom"
        assert "sai_canary_mod" not in sys.modules
        assert not flag.exists()


class TestAllowList:
    def test_every_entry_has_a_reason(self) -> None:
        from importlib import resources

        text = resources.files("sai.scanning.pickle").joinpath("allowlist.txt").read_text()
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                body, _, reason = line.partition("#")
                assert len(body.split()) in (2, 3), line
                assert reason.strip(), line

    def test_dangerous_names_are_absent(self) -> None:
        for module, name in [
            ("builtins", "eval"),
            ("builtins", "setattr"),
            ("os", "system"),
            ("torch.storage", "_load_from_bytes"),
            ("pickle", "loads"),
        ]:
            assert not ALLOW.allows(module, name)

    def test_parse_rejects_malformed_lines(self) -> None:
        with pytest.raises(ValueError, match="line 2"):
            parse_allowlist("a b\nonly-one\n")
        assert AllowList(parse_allowlist("a b  # x\n")).allows("a", "b")


class TestFuzz:
    @settings(max_examples=300, deadline=None)
    @given(st.binary(max_size=512))
    def test_random_bytes_never_crash(self, data: bytes) -> None:
        result = run(data)
        assert result.end <= len(data)

    @settings(max_examples=150, deadline=None)
    @given(
        st.lists(
            st.sampled_from(
                list(
                    b"()0125NIJKLSTUVXabcdeghijlopqrstu}]\x80\x81\x85\x86\x87\x88\x89\x8c\x93\x94\x95"
                )
            ),
            max_size=200,
        ),
        st.binary(max_size=64),
    )
    def test_opcode_soup_never_crashes(self, ops: list[int], tail: bytes) -> None:
        data = bytes(ops) + tail
        run(data, mode=PickleMode(joblib=True, persistent_ids=True))

    @settings(max_examples=100, deadline=None)
    @given(
        st.recursive(
            st.none() | st.integers() | st.text(max_size=8) | st.binary(max_size=8),
            lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=4), c, max_size=4),
            max_leaves=20,
        ),
        st.integers(0, 5),
    )
    def test_plain_values_are_clean(self, value: object, protocol: int) -> None:
        result = run(pickle.dumps(value, protocol))
        assert result.complete
        assert result.findings == []
