"""report.pdf: the HTML report printed by WeasyPrint."""

from __future__ import annotations

from sai.errors import SaiError


class PdfUnavailableError(SaiError):
    """WeasyPrint, which renders the PDF, or the Pango library it needs, is missing."""


def render_pdf(html: str) -> bytes:
    """Print ``html`` (self-contained, as :func:`render_html` makes it) to PDF bytes."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint found no Pango library
        raise PdfUnavailableError(
            f"writing report.pdf needs WeasyPrint and the Pango library: {exc}",
            hint="install Pango (Debian: `apt-get install libpango-1.0-0 libpangoft2-1.0-0`), "
            "or skip the PDF (`--no-pdf`)",
        ) from exc
    # NOTE: a fetcher that allows no protocol keeps rendering offline even if a report were
    # ever to reference an external resource. Older WeasyPrint
    # releases took a plain function instead of a URLFetcher.
    fetcher_class = getattr(weasyprint, "URLFetcher", None)
    fetcher = fetcher_class(allowed_protocols=()) if fetcher_class else _refuse_fetch
    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf()
    return pdf


def _refuse_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"report.pdf is rendered offline; refusing to fetch {url}")


__all__ = ["PdfUnavailableError", "render_pdf"]
