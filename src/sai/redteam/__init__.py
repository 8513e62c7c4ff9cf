"""Red team: attack the AI system before release and whenever it changes, and gate the release.

Probes make attempts (prompts and what success looks like), targets send them (an
OpenAI-compatible endpoint, an HTTP template, a local model, the gateway's predict route),
detectors judge the answers; each is a plugin behind its own ``base.py`` and registry. A run
appends every attempt to ``run.jsonl`` (so it resumes after a kill), becomes findings
(``findings``, ``report``), is recorded in the ledger bound to the exact version it tested
(``record``, ``binding``), and ``gate`` decides the release against the policy in sai.yaml.
Classic-model attacks (membership inference, extraction, evasion) live in ``attacks``.
See docs/redteam.md.
"""
