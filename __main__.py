"""`python -m plangraph` runs the command line."""

from plangraph.cli import app

app()
