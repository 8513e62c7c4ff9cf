"""Model signatures in the OpenSSF model-signing format: in-toto statement, DSSE, Sigstore bundle.

>>> from sai.inventory.signing import sign_model, verify_model  # doctest: +SKIP
>>> sign_model(Path("model"), Path("model.sig"), Path(".sai/keys/model-signing.key"))
>>> verify_model(Path("model"), Path("model.sig"), Path(".sai/keys/model-signing.pub")).ok
"""

from sai.inventory.signing.bundle import BUNDLE_MEDIA_TYPE, Bundle, parse_bundle
from sai.inventory.signing.keys import ensure_signing_key, key_hint, load_public_key
from sai.inventory.signing.model import (
    SignResult,
    VerifyResult,
    model_name_of,
    sign_model,
    verify_model,
)
from sai.inventory.signing.statement import (
    PREDICATE_TYPE,
    SignedManifest,
    build_statement,
    parse_statement,
)

__all__ = [
    "BUNDLE_MEDIA_TYPE",
    "PREDICATE_TYPE",
    "Bundle",
    "SignResult",
    "SignedManifest",
    "VerifyResult",
    "build_statement",
    "ensure_signing_key",
    "key_hint",
    "load_public_key",
    "model_name_of",
    "parse_bundle",
    "parse_statement",
    "sign_model",
    "verify_model",
]
