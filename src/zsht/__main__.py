"""`python -m zsht` runs the command line."""

from .cli import main

main()
