"""``python -m paceplan`` runs the command line."""

from .cli import main

main(prog_name="paceplan")
