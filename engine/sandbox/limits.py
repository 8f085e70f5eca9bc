"""The limits of the sandbox: the time budget and the sizes guarded code may build.

The other modules read them as ``limits.NAME`` when code runs, so a limit set on the package
(``engine.sandbox.MAX_TOTAL_ITEMS = ...``) takes effect everywhere; ``DEFAULT_TIME_BUDGET`` is the
default of the ``time_budget`` arguments.
"""

DEFAULT_TIME_BUDGET = 1.0
MAX_RANGE = 100_000
MAX_SEQUENCE_LENGTH = 1_000_000
MAX_TOTAL_ITEMS = 5_000_000
MAX_STORED_DEPTH = 64
MAX_INT_BITS = 16_384
