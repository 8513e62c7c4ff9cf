"""Lenient readers for the containers models travel in: zip, tar, 7z, gzip, bz2, xz, zlib.

They read what loaders read, including files that strict readers reject (bad CRCs, odd flag
bits, names that differ between local and central headers), and stop at the scan limits with
an error instead of running out of memory. Each reader loads on first use; the 7z reader
(``containers.sevenzip``) only when a 7z archive is met, as py7zr is slow to import.
"""

from typing import TYPE_CHECKING

from sai._lazy import lazy_attributes

if TYPE_CHECKING:
    from sai.scanning.containers.errors import ContainerError, LimitExceeded, Unsupported
    from sai.scanning.containers.streams import decompress
    from sai.scanning.containers.tar import TarMember, read_tar
    from sai.scanning.containers.zip import ZipListing, ZipMember, member_data, read_zip

#: Each reader loads on first use: a scan of a pickle needs none of them.
__getattr__ = lazy_attributes(
    __name__,
    {
        "ContainerError": "errors",
        "LimitExceeded": "errors",
        "Unsupported": "errors",
        "decompress": "streams",
        "TarMember": "tar",
        "read_tar": "tar",
        "ZipListing": "zip",
        "ZipMember": "zip",
        "member_data": "zip",
        "read_zip": "zip",
    },
)

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
