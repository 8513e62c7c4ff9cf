"""Lenient readers for the containers models travel in: zip, tar, gzip, bz2, xz, zlib.

They read what loaders read, including files that strict readers reject (bad CRCs, odd flag
bits, names that differ between local and central headers), and stop at the scan limits with
an error instead of running out of memory.
"""

from sai.scanning.containers.errors import ContainerError, LimitExceeded, Unsupported
from sai.scanning.containers.streams import decompress
from sai.scanning.containers.tar import TarMember, read_tar
from sai.scanning.containers.zip import ZipListing, ZipMember, member_data, read_zip

__all__ = [
    "ContainerError",
    "LimitExceeded",
    "TarMember",
    "Unsupported",
    "ZipListing",
    "ZipMember",
    "decompress",
    "member_data",
    "read_tar",
    "read_zip",
]
