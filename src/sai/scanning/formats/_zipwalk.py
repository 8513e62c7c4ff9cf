"""Reading zip members for the zip-based format scanners, reporting irregularities."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sai.scanning.containers import ContainerError, LimitExceeded, Unsupported
from sai.scanning.containers.paths import escaping_name
from sai.scanning.containers.zip import ZipMember, member_data, read_zip
from sai.scanning.formats.base import Item, ScanContext
from sai.scanning.rules import finding


def report_container_error(error: ContainerError, member: str, ctx: ScanContext) -> None:
    """A container error as its fail-closed finding."""
    rule = (
        "archive.limit"
        if isinstance(error, LimitExceeded)
        else "archive.unsupported"
        if isinstance(error, Unsupported)
        else "archive.malformed"
    )
    ctx.report(finding(rule, error.message, member=member, offset=error.offset))


def report_member_name(name: str, member: str, ctx: ScanContext) -> None:
    """A finding when an archive member's name would land outside the extraction folder."""
    problem = escaping_name(name)
    if problem is not None:
        ctx.report(finding("archive.member-path", f"member {name!r} {problem}", member=member))


def report_link(name: str, kind: str, target: str, member: str, ctx: ScanContext) -> None:
    """A finding for a link or special file inside an archive (never followed)."""
    what = f"a {kind.replace('link', ' link')} to {target!r}" if target else f"a {kind}"
    ctx.report(finding("archive.link", f"member {name!r} is {what}", member=member))


def zip_members(
    item: Item, ctx: ScanContext, want: Callable[[ZipMember], bool] = lambda _: True
) -> Iterator[tuple[ZipMember, Item]]:
    """Each readable member that ``want`` selects, as an Item; problems become findings."""
    try:
        listing = read_zip(item.data, max_members=ctx.limits.max_members)
    except ContainerError as error:
        report_container_error(error, item.member, ctx)
        return
    for note in listing.irregular:
        ctx.report(finding("archive.lenient", note, member=item.member))
    start = min((m.header_offset for m in listing.members), default=0)
    if start > 0:
        # Bytes before the first member: loaders that check the magic number at offset 0
        # (torch.load, np.load) read them, not the zip (a pickle + zip polyglot).
        ctx.scan_member(item.data[:start], item.child("<prefix>"), "<prefix>", item.depth + 1)
    seen: set[int] = set()
    for member in listing.members:
        if member.header_offset in seen or member.name.endswith("/") or not want(member):
            continue
        seen.add(member.header_offset)
        path = item.child(member.name)
        report_member_name(member.name, path, ctx)
        try:
            budget = ctx.expand(member.size if member.method else 0)
            data, crc_ok = member_data(item.data, member, limit=min(budget, ctx.limits.max_member))
        except ContainerError as error:
            report_container_error(error, path, ctx)
            continue
        if not crc_ok:
            ctx.report(finding("archive.lenient", "CRC does not match the content", member=path))
        if member.is_symlink:
            target = bytes(data[:4096]).decode("utf-8", "replace")
            report_link(member.name, "symlink", target, path, ctx)
            continue
        yield member, Item(data, path, member.name, item.depth + 1)


def scan_members(
    item: Item,
    ctx: ScanContext,
    special: Callable[[ZipMember], bool],
    want: Callable[[ZipMember], bool] = lambda _: True,
) -> Iterator[tuple[ZipMember, Item]]:
    """Wanted members are scanned by content, except the ``special`` ones, yielded instead."""
    for member, child in zip_members(item, ctx, want):
        if special(member):
            yield member, child
        else:
            ctx.scan_member(child.data, child.member, child.name, child.depth)


__all__ = [
    "report_container_error",
    "report_link",
    "report_member_name",
    "scan_members",
    "zip_members",
]
