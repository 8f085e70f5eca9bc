"""The auditors' workbench: timelines with data diffs, the executed path through history, verification."""
