"""`python -m profroute`: the console script, for worker processes started by the web app."""
from profroute.cli import main

main()
