"""The injection guard in the gateway: a request read as one joined text, or unit by unit.

The gateway used to join every string of a chat request (message names, content, tool
definitions, tool calls) into one text for the injection guard; it now lists each message and
each tool definition as a unit (`GuardContext.units`) that the guard reads on its own, which
is what lets the gateway cache a unit's result. This compares the two readings on chat
requests built around rows of the validation split (``../shared/data/prompt_injection``, the
split the threshold was chosen on; the test split is not read): the row is the new user turn
(with a message name and the gateway benchmark's tool definition), in three shapes of request:

* ``turn``: the turn alone (with its name and the tool definition);
* ``history``: after an earlier benign turn (another validation row) and an assistant answer;
* ``tools``: as ``history`` plus an assistant tool call and its tool result (data).

Reported: the share of requests the guard blocks, benign rows (false positives) and attack
rows (detected), for each reading.

    python benchmarks/guard_units.py            # 400 rows of each label per shape
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
from pathlib import Path
from typing import Any

from sai.gateway._fields import chat_input
from sai.gateway.config import GuardPolicy
from sai.gateway.guarding import GuardRunner
from sai.guards import Direction, GuardContext

try:
    from benchmarks.gateway import TOOLS
except ModuleNotFoundError:  # run as a script: benchmarks/ is on sys.path
    from gateway import TOOLS  # type: ignore[no-redef]

VALIDATION = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "data"
    / "prompt_injection"
    / "validation.jsonl"
)
_CALL = {
    "id": "c1",
    "type": "function",
    "function": {"name": "lookup_city", "arguments": '{"name": "Paris"}'},
}
SHAPES = ("turn", "history", "tools")


def request(turn: str, shape: str, earlier: str) -> dict[str, Any]:
    """A chat request whose last user message is ``turn``."""
    messages: list[dict[str, Any]] = []
    if shape != "turn":
        messages += [
            {"role": "user", "name": "alice", "content": earlier},
            {"role": "assistant", "content": "Sure, here is what I found."},
        ]
    if shape == "tools":
        messages += [
            {"role": "assistant", "content": None, "tool_calls": [_CALL]},
            {"role": "tool", "tool_call_id": "c1", "content": "Paris has 2.1 million people."},
        ]
    messages.append({"role": "user", "name": "alice", "content": turn})
    return {"model": "m", "messages": messages, "tools": TOOLS}


def _blocked(runner: GuardRunner, body: dict[str, Any], *, units: bool) -> bool:
    found = chat_input(body)
    segments = [slot.get() for slot in [*found.system_slots, *found.slots]]
    data = [False] * len(found.system_slots) + found.data
    groups = found.system_groups + found.groups if units else []
    context = GuardContext(direction=Direction.input)
    outcome = asyncio.run(runner.check(segments, Direction.input, context, data=data, units=groups))
    return outcome.action.value != "allow"


def compare(rows: int, seed: int = 7) -> dict[str, Any]:
    """Block rates of both readings per shape and label."""
    lines = VALIDATION.read_text(encoding="utf-8").splitlines()
    texts: dict[int, list[str]] = {0: [], 1: []}
    for line in lines:
        row = json.loads(line)
        texts[int(row["label"])].append(row["text"])
    runner = GuardRunner(GuardPolicy(input=("injection",), budget_ms=600_000))
    rng = random.Random(seed)
    out: dict[str, Any] = {"rows_per_label": rows, "seed": seed}
    for shape in SHAPES:
        for label, name in ((0, "benign"), (1, "attack")):
            counts = {"joined": 0, "units": 0}
            for turn in rng.sample(texts[label], rows):
                body = request(turn, shape, rng.choice(texts[0]))
                counts["joined"] += _blocked(runner, body, units=False)
                counts["units"] += _blocked(runner, body, units=True)
            out[f"{shape}/{name}"] = {k: round(v / rows, 3) for k, v in counts.items()}
    runner.close()
    out["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=400)
    args = parser.parse_args()
    print(json.dumps(compare(args.rows), indent=2))


if __name__ == "__main__":
    main()
