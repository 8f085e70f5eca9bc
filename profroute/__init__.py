"""The composition root: the `profroute` console script and the wiring of every room (the only room that
imports them all)."""
