"""Pure decision functions over plain dataclasses; no database access, no clock, no I/O."""
