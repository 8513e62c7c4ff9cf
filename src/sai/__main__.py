"""`python -m sai` runs the CLI."""

from sai.cli.app import main

main()
