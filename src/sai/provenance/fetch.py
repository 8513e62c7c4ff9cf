"""Download a dataset over HTTP(S) and capture where and when it came from.

The body streams to a temporary file beside the destination while it is hashed; only a
complete download (status 2xx, byte count equal to any Content-Length) is moved into place.
A failed, truncated or inconsistent download raises ``FetchError`` and leaves nothing behind,
so nothing is ever recorded for it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx

from sai.provenance.digest import Progress
from sai.provenance.errors import FetchError

ProgressFactory = Callable[[int | None], AbstractContextManager[Progress]]
MAX_REDIRECTS = 10


def _no_progress(_: int | None) -> AbstractContextManager[Progress]:
    return nullcontext(lambda _count: None)


@dataclass(frozen=True)
class Retrieval:
    """What the server said and what arrived: the facts a provenance record keeps."""

    url: str
    final_url: str
    retrieved: datetime
    size: int
    digest: str
    http_date: str | None
    etag: str | None
    last_modified: str | None
    content_type: str | None
    redirects: tuple[str, ...]


def http_time(value: str | None) -> str | None:
    """An HTTP date header as ISO 8601 UTC, or None when absent or unparseable."""
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _announced(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length")
    if value is None:
        return None
    if not value.isdigit():
        raise FetchError(f"{response.url}: the server sent an invalid Content-Length {value!r}")
    return int(value)


def fetch(
    url: str,
    dest: Path,
    *,
    client: httpx.Client | None = None,
    progress: ProgressFactory = _no_progress,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Retrieval:
    """Download ``url`` to ``dest`` (replacing it only on success) and describe the retrieval."""
    if not url.startswith(("http://", "https://")):
        raise FetchError(f"{url!r} is not an http:// or https:// URL")
    own = client is None
    session = client or httpx.Client(max_redirects=MAX_REDIRECTS, timeout=60.0)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    try:
        retrieval = _download(session, url, partial, progress, now)
        partial.replace(dest)
        return retrieval
    except httpx.TooManyRedirects:
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.HTTPError as exc:
        raise FetchError(
            f"{url}: the download failed ({type(exc).__name__}: {exc})",
            hint="nothing was recorded; retry, or fetch it another way and use `sai data record`",
        ) from None
    finally:
        partial.unlink(missing_ok=True)
        if own:
            session.close()


def _download(
    client: httpx.Client,
    url: str,
    partial: Path,
    progress: ProgressFactory,
    now: Callable[[], datetime],
) -> Retrieval:
    with client.stream("GET", url, follow_redirects=True) as response:
        if response.status_code >= 400:
            raise FetchError(
                f"{url}: the server answered {response.status_code} {response.reason_phrase}",
                hint="nothing was recorded; check the URL",
            )
        if response.status_code >= 300:
            raise FetchError(f"{url}: a redirect ({response.status_code}) without a Location")
        announced = _announced(response)
        hasher = hashlib.sha256()
        size = 0
        with partial.open("wb") as out, progress(announced) as advance:
            try:
                for chunk in response.iter_bytes(1024 * 1024):
                    out.write(chunk)
                    hasher.update(chunk)
                    size += len(chunk)
                    advance(len(chunk))
            except httpx.RemoteProtocolError:
                said = f" of the {announced:,} announced (Content-Length)" if announced else ""
                raise FetchError(
                    f"{url}: the connection closed after {response.num_bytes_downloaded:,} "
                    f"bytes{said}; the download is incomplete",
                    hint="nothing was recorded; retry later or ask the publisher",
                ) from None
        raw = response.num_bytes_downloaded
        if announced is not None and raw != announced:
            raise FetchError(
                f"{url}: the server announced {announced:,} bytes (Content-Length) but sent "
                f"{raw:,}; the download is incomplete or the header is wrong",
                hint="nothing was recorded; retry later or ask the publisher",
            )
        headers = response.headers
        return Retrieval(
            url=url,
            final_url=str(response.url),
            retrieved=now(),
            size=size,
            digest=f"sha256:{hasher.hexdigest()}",
            http_date=headers.get("date"),
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            content_type=headers.get("content-type"),
            redirects=tuple(str(r.url) for r in response.history),
        )


__all__ = ["Retrieval", "fetch", "http_time"]
