"""Safe, validated parsing of a deployment bundle (BPMN and DMN files).

``parse_bundle`` is the only way diagrams enter the engine. Each file is parsed by lxml with entity
resolution, DTD loading and network access off; any DOCTYPE or entity declaration is rejected outright.
BPMN files are validated against the BPMN 2.0 + spiffworkflow XSD, DMN files against their DMN schema.
The checks of ``docs/contracts.md`` follow (call activities resolve inside the bundle, service operators
are known, decisions exist, start events are either one none start or message starts only, user tasks
carry a ``formKey``, priorities and durations are well formed), and every piece of Python the diagrams
carry (scripts, conditions, timer texts, service parameters, message payloads, DMN cells) must compile
in the sandbox. Only then are the files handed to SpiffWorkflow's parser. Every rejection is a
``DeployError`` naming the file, the element id and the line.

The modules, in the order a bundle meets them:

* ``documents``: reading each file safely (``elements``: the lxml accessors all modules share);
* ``schema``: XSD validation and unique element ids;
* ``contracts``: the contract checks of processes and decisions (``code``: code compiles, timers parse);
* ``index``: the element index of each process;
* ``bundle``: ``parse_bundle``, the SpiffWorkflow specs, the files each process needs and content hashes.
"""
from engine.parsing.bundle import Bundle, ParsedProcess, parse_bundle
from engine.parsing.index import ElementIndex, FlowNodeInfo, SequenceFlowInfo

__all__ = ["Bundle", "ElementIndex", "FlowNodeInfo", "ParsedProcess", "SequenceFlowInfo", "parse_bundle"]
