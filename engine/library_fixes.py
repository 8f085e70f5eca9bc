"""Corrections to SpiffWorkflow 3.2.0 bugs that cannot be worked around from outside (primer §13).
Imported once by the engine; each has a test in tests/engine/test_library_fixes.py."""
from __future__ import annotations

from collections.abc import MutableMapping

from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import MultiInstanceTask


def _init_data_output_with_cardinality(self, my_task) -> None:
    # 3.2.0 reads an undefined name `data_ouput` here (NameError whenever the output collection exists).
    if not self.data_output.exists(my_task):
        self.data_output.set(my_task, [])
        return
    data_output = self.data_output.get(my_task)
    if not isinstance(data_output, MutableMapping) and len(data_output) > 0:
        self.raise_data_exception(
            "If loop cardinality is specificied, the output must be a map (dict) or empty sequence (list)", my_task)


MultiInstanceTask.init_data_output_with_cardinality = _init_data_output_with_cardinality
