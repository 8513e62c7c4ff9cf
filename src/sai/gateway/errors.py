"""Errors of the gateway: configuration and key problems (CLI), and HTTP errors (clients)."""

from __future__ import annotations

from sai.errors import InputError, SaiError


class GatewayError(SaiError):
    """Root of the gateway's errors."""


class GatewayConfigError(GatewayError, InputError):
    """The gateway cannot start as configured: the message names the setting (exit 2)."""


class ApiKeyError(GatewayError, InputError):
    """An API key or role given on the command line is unknown or unusable (exit 2)."""


class ReviewError(GatewayError, InputError):
    """A review id is unknown or the review was already decided (exit 2)."""


class SelfReviewError(ReviewError):
    """The key deciding a review is the key whose request was held."""


class HttpError(Exception):
    """An OpenAI-style error answer: status, error type, code and a message for the caller."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        error_type: str = "invalid_request_error",
        param: str | None = None,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.error_type = error_type
        self.param = param
        self.headers = headers

    def body(self) -> dict[str, object]:
        """The JSON body OpenAI clients understand."""
        return {
            "error": {
                "message": self.message,
                "type": self.error_type,
                "param": self.param,
                "code": self.code,
            }
        }


def limit_reached(message: str, retry_after: int) -> HttpError:
    """The 429 answer of a rate limit or token budget, with its ``retry-after``."""
    return HttpError(
        429,
        "rate_limit_exceeded",
        message,
        error_type="rate_limit_error",
        headers=(("retry-after", str(retry_after)),),
    )


__all__ = [
    "ApiKeyError",
    "GatewayConfigError",
    "GatewayError",
    "HttpError",
    "ReviewError",
    "SelfReviewError",
    "limit_reached",
]
