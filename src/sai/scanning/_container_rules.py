"""The rules of the pickle machine and of containers (archives): their severities and help.

Part of the rule table of :mod:`sai.scanning.rules`, in its order.
"""

from __future__ import annotations

from sai.scanning._rule import C, H, L, M, Rule

CONTAINER_RULES = (
    Rule(
        "pickle.import-not-allowed",
        C,
        "Pickle imports a callable outside the allow-list",
        "Loading imports and may call it. A dangerous one reaches code, files, processes or "
        "the network: do not load the file. An unknown one is not known to be safe: if it is "
        "yours, allow it in the policy file with a justification.",
    ),
    Rule(
        "pickle.argument-not-allowed",
        C,
        "Pickle calls an allowed callable with arguments of a shape it is not allowed",
        "The callable is safe only with some arguments (e.g. a ufunc by name); these resolve "
        "something else. Do not load the file.",
    ),
    Rule(
        "pickle.call-computed",
        C,
        "Pickle calls a computed value",
        "A REDUCE/NEWOBJ target that is not an imported name is a gadget chain.",
    ),
    Rule(
        "pickle.non-constant-import",
        C,
        "STACK_GLOBAL operands are not constant strings",
        "The imported name is computed at load time; model files never do this.",
    ),
    Rule(
        "pickle.ext-code",
        C,
        "Pickle uses a copyreg extension code",
        "EXT opcodes import whatever the loading process registered; model files never use them.",
    ),
    Rule(
        "pickle.build-on-global",
        H,
        "Pickle sets attributes on an imported object",
        "BUILD on a class or function changes it for the whole process.",
    ),
    Rule(
        "pickle.mutates-global",
        H,
        "Pickle adds items to an imported object",
        "APPEND/SETITEM on a class or function calls its methods with attacker data.",
    ),
    Rule(
        "pickle.dunder-state",
        H,
        "Pickle state sets a dunder attribute",
        "Setting __class__, __dict__ or similar through BUILD changes behaviour of an object.",
    ),
    Rule(
        "pickle.persistent-id",
        M,
        "Pickle uses a persistent id outside a known container",
        "Plain pickle.load fails here; a custom loader decides what it means.",
    ),
    Rule(
        "pickle.nested",
        C,
        "Pickle bytes inside an argument contain a further payload",
        "The argument would be unpickled by the call that receives it.",
    ),
    Rule(
        "pickle.trailing-data",
        M,
        "Unexpected data after the pickle's STOP",
        "Some loaders read further pickles or data from the same stream.",
    ),
    Rule(
        "pickle.malformed",
        H,
        "Pickle stream does not load to the end",
        "Everything before the error would still run when loaded (fail closed).",
        True,
    ),
    Rule("pickle.limit", H, "Pickle exceeds a scan limit", "Raise the limit to scan it.", True),
    Rule(
        "archive.malformed",
        H,
        "Container is malformed",
        "Some loaders still read it; repair or re-export the file.",
        True,
    ),
    Rule(
        "archive.limit",
        H,
        "Container exceeds a limit (depth, members, expanded size)",
        "A decompression bomb or an unusually large archive; raise the limit to scan it.",
        True,
    ),
    Rule(
        "archive.unsupported",
        H,
        "Container or compression cannot be read by sai",
        "Extract it with a trusted tool and scan the contents.",
        True,
    ),
    Rule(
        "archive.member-path",
        H,
        "Archive member name is absolute or climbs out with '..'",
        "Extracting it writes outside the target folder (zip-slip); never extract this "
        "archive with a tool that trusts member names.",
    ),
    Rule(
        "archive.link",
        H,
        "Archive member is a symbolic or hard link, or a device node or FIFO",
        "A loader that extracts or reads it reaches the link's target instead (a system file "
        "as external data, a write anywhere), or creates a special file; model archives have "
        "neither. Not followed.",
    ),
    Rule(
        "archive.lenient",
        L,
        "Container has irregularities that strict readers reject",
        "Bad CRCs, odd flags or names that differ between headers: a sign of tampering.",
    ),
)
