"""A readable HTML page: the binding, the rates and every finding with its evidence."""

from __future__ import annotations

from jinja2 import Environment, select_autoescape

from sai.redteam.findings import RunSummary
from sai.redteam.report.json import report_data

_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>sai red-team report {{ run.id }}</title>
<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem;text-align:left;
vertical-align:top}.critical,.high{color:#8b0000}.medium{color:#7a4b00}</style></head>
<body><main>
<h1>Red-team report</h1>
<p>Run {{ run.id }} by {{ run.tester }}, started {{ run.started }};
target {{ run.target.kind }} {{ run.target.endpoint }} {{ run.target.model }}.
{{ "Complete" if summary.complete else "INCOMPLETE" }}: {{ summary.judged }} attempts judged,
{{ summary.errors }} errors, {{ summary.findings }} findings.</p>
<h2>Tested version</h2>
<table>{% for key, value in (binding or {}).items() %}<tr><th scope="row">{{ key }}</th>
<td>{{ value if value is not none else "unknown" }}</td></tr>{% endfor %}</table>
<h2>Findings</h2>
{% if findings %}<table><thead><tr><th>severity</th><th>category</th><th>probe</th>
<th>ATLAS / OWASP</th><th>success</th><th>evidence</th></tr></thead><tbody>
{% for f in findings %}<tr><td class="{{ f.severity }}">{{ f.severity }}</td>
<td>{{ f.category }}</td>
<td>{{ f.probe }}</td><td>{{ f.atlas }} / {{ f.owasp }}</td><td>{{ f.hits }} / {{ f.total }}</td>
<td>{{ f.evidence }}</td></tr>{% endfor %}</tbody></table>
{% else %}<p>No findings.</p>{% endif %}
<h2>Success rate by category</h2>
<table><thead><tr><th>category</th><th>succeeded</th><th>judged</th></tr></thead><tbody>
{% for name, rate in rates.items() %}<tr><td>{{ name }}</td><td>{{ rate.hits }}</td>
<td>{{ rate.total }}</td></tr>{% endfor %}</tbody></table>
{% if attacks %}<h2>Classic-model attacks</h2><table><thead><tr><th>attack</th><th>summary</th>
<th>metrics</th></tr></thead><tbody>{% for a in attacks %}<tr><td>{{ a.attack }}</td>
<td>{{ a.summary }}</td><td>{{ a.metrics }}</td></tr>{% endfor %}</tbody></table>{% endif %}
</main></body></html>
"""


def render(summary: RunSummary) -> str:
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    return env.from_string(_TEMPLATE).render(**report_data(summary))


__all__ = ["render"]
