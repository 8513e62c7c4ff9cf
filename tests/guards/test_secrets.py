from __future__ import annotations

import pytest

from sai.guards import Action, GuardContext
from sai.guards.secrets import SecretsGuard

CTX = GuardContext()
PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx1b2\n-----END RSA PRIVATE KEY-----"


def labels(text: str) -> list[str]:
    return [span.label for span in SecretsGuard().find(text)]


class TestSecretsScanner:
    @pytest.mark.parametrize(
        ("text", "label"),
        [
            ("key AKIAIOSFODNN7EXAMPLE here", "aws-access-key"),
            ("token ghp_" + "a1B2" * 9, "github-token"),
            ("slack xoxb-123456789012-abcdefABCDEF", "slack-token"),
            ("stripe sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "stripe-key"),
            ("google AIza" + "SyA-1234567890abcdefghijklmnopqrstu", "google-api-key"),
            ("claude sk-ant-" + "api03-" + "x" * 40, "anthropic-key"),
            (PEM, "private-key"),
            ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N", "jwt"),
            ("db postgres://admin:s3cretPass@db.internal:5432/app", "url-credentials"),
        ],
    )
    def test_known_shapes(self, text: str, label: str) -> None:
        assert label in labels(text)

    def test_keyword_needs_entropy(self) -> None:
        assert labels('password = "hunter2hunter2"') == []
        assert labels('password = "Xq8#vL2p!Rt9zW"') == ["keyword-secret"]

    def test_high_entropy_token(self) -> None:
        assert labels("value: Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZkdISUpLTE1O") == [
            "high-entropy-token"
        ]

    @pytest.mark.parametrize(
        "text",
        [
            "commit 3f786850e387550fdab836ed7e6dc881de23001b fixed the bug",
            "Set the token in your environment before running the script.",
            "The password policy needs 14 characters.",
            "Use the AWS console to create an access key for the deploy user.",
            "uuid 123e4567-e89b-12d3-a456-426614174000",
        ],
    )
    def test_ordinary_text_is_not_a_secret(self, text: str) -> None:
        assert SecretsGuard().scan(text, CTX).action is Action.allow

    def test_redaction(self) -> None:
        result = SecretsGuard().scan("use AKIAIOSFODNN7EXAMPLE now", CTX)
        assert result.action is Action.redact
        assert result.redacted == "use [REDACTED:aws-access-key] now"
