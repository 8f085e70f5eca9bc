"""The audit log: hash chain (chain.py) and the auditors' tools built on it."""
