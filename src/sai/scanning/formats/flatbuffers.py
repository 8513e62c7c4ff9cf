"""TFLite models (``.tflite``) and ExecuTorch programs (``.pte``): FlatBuffers read directly.

Neither format carries code: the interpreter runs built-in kernels, and custom operators or
delegates only name native code the application linked in. What can still reach files or
Python is a *Flex* op (select TensorFlow ops, ``custom_code`` ``Flex<Op>``): it runs the named
TensorFlow op through the TensorFlow runtime, so a Flex op on the SavedModel list of ops that
read files or run Python (``FlexPyFunc``, ``FlexReadFile``) is dangerous. Other Flex ops are
ordinary TensorFlow kernels; custom ops TFLite itself ships are ordinary too, and any other
custom op is reported as unknown (sai cannot tell what the registered kernel does). ExecuTorch
backend delegates are reported for information.
"""

from __future__ import annotations

import struct
from typing import ClassVar

from sai.scanning._flatbuffer import FlatBuffer, FlatError
from sai.scanning.detect import Format
from sai.scanning.formats._tf_ops import DANGEROUS_GRAPH_OPS
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.rules import finding

#: Custom operators whose kernels ship with TFLite itself (tensorflow/lite/kernels).
TFLITE_CUSTOM_OPS = frozenset(
    {
        "TFLite_Detection_PostProcess", "Convolution2DTransposeBias", "MaxPoolingWithArgmax2D",
        "MaxUnpooling2D", "AudioSpectrogram", "Mfcc", "NumericVerify", "Rfft2D",
        "TFLite_Rfft2d", "Irfft2d", "SignatureRunner",
    }
)  # fmt: skip
_MODEL_OPERATOR_CODES, _CODE_CUSTOM = 1, 1
_PROGRAM_PLANS, _PLAN_DELEGATES, _DELEGATE_ID = 1, 6, 0


def _op_rule(name: str) -> str | None:
    """The rule a custom operator code breaks, if any."""
    if name.startswith("Flex") and name[4:] in DANGEROUS_GRAPH_OPS:
        return "tflite.dangerous-op"
    if name.startswith("Flex") or name in TFLITE_CUSTOM_OPS:
        return None
    return "tflite.custom-op"


class TfliteScanner(FormatScanner):
    """TFLite FlatBuffers (file identifier ``TFL3``)."""

    format: ClassVar[Format] = Format.tflite

    def scan(self, item: Item, ctx: ScanContext) -> None:
        buffer = FlatBuffer(item.data)
        try:
            model = buffer.root()
            for code in buffer.tables_of(model, _MODEL_OPERATOR_CODES):
                name = buffer.string(code, _CODE_CUSTOM)
                rule = None if name is None else _op_rule(name)
                if rule is not None:
                    what = "runs the TensorFlow op" if rule.endswith("dangerous-op") else "uses"
                    ctx.report(
                        finding(
                            rule,
                            f"operator code {what} {name!r}",
                            member=item.member,
                            offset=code,
                        )
                    )
        except (FlatError, struct.error) as error:
            offset = error.offset if isinstance(error, FlatError) else None
            ctx.report(finding("tflite.malformed", str(error), member=item.member, offset=offset))


class ExecuTorchScanner(FormatScanner):
    """ExecuTorch programs (file identifier ``ET`` and two digits)."""

    format: ClassVar[Format] = Format.executorch

    def scan(self, item: Item, ctx: ScanContext) -> None:
        buffer = FlatBuffer(item.data)
        try:
            program = buffer.root()
            plans = buffer.tables_of(program, _PROGRAM_PLANS)
            if not plans:
                raise FlatError("program has no execution plan", program)
            for plan in plans:
                for delegate in buffer.tables_of(plan, _PLAN_DELEGATES):
                    backend = buffer.string(delegate, _DELEGATE_ID)
                    ctx.report(
                        finding(
                            "executorch.delegate",
                            f"part of the program runs in the {backend!r} backend",
                            member=item.member,
                            offset=delegate,
                        )
                    )
        except (FlatError, struct.error) as error:
            offset = error.offset if isinstance(error, FlatError) else None
            ctx.report(
                finding("executorch.malformed", str(error), member=item.member, offset=offset)
            )


__all__ = ["TFLITE_CUSTOM_OPS", "ExecuTorchScanner", "TfliteScanner"]
