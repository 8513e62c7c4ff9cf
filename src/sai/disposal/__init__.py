"""Secure disposal (principle 13, 5.5.1): approve, crypto-erase, verify, certify; transfer.

A data custodian approves (``custodians.approve``); ``dispose.dispose`` destroys every copy of
the asset's data key, deletes the copies sai knows of, verifies, records ``disposal.completed``
and issues a certificate that ``certificate.verify_certificate`` checks offline.
"""

from sai.disposal.certificate import VerifiedCertificate, verify_certificate
from sai.disposal.custodians import approve, current_approval, custodians
from sai.disposal.dispose import DisposalOutcome, DisposalRequest, dispose
from sai.disposal.errors import CertificateError, DisposalError, DisposalIncomplete

__all__ = [
    "CertificateError",
    "DisposalError",
    "DisposalIncomplete",
    "DisposalOutcome",
    "DisposalRequest",
    "VerifiedCertificate",
    "approve",
    "current_approval",
    "custodians",
    "dispose",
    "verify_certificate",
]
