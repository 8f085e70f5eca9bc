"""A user task's organisation scope is the route's `org` entry its `orgKey` property names, else the entry of its
candidate group; the engine knows no group of its own."""
from __future__ import annotations

BPMN = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="scope_defs"
    targetNamespace="http://profroute.test/scope">
  <bpmn:process id="scoped" name="Scoped" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:parallelGateway id="split"><bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing><bpmn:outgoing>f3</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:userTask id="by_office" name="By office">
      <bpmn:extensionElements><spiffworkflow:properties>
        <spiffworkflow:property name="formKey" value="by_office"/>
        <spiffworkflow:property name="candidateGroup" value="reviewers"/>
        <spiffworkflow:property name="orgKey" value="office"/>
      </spiffworkflow:properties></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:userTask id="by_group" name="By group">
      <bpmn:extensionElements><spiffworkflow:properties>
        <spiffworkflow:property name="formKey" value="by_group"/>
        <spiffworkflow:property name="candidateGroup" value="reviewers"/>
      </spiffworkflow:properties></bpmn:extensionElements>
      <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end_office"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="end_group"><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split"/>
    <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="by_office"/>
    <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="by_group"/>
    <bpmn:sequenceFlow id="f4" sourceRef="by_office" targetRef="end_office"/>
    <bpmn:sequenceFlow id="f5" sourceRef="by_group" targetRef="end_group"/>
  </bpmn:process>
</bpmn:definitions>
"""


def test_org_key_names_the_org_entry_that_scopes_the_task(engine):
    engine.deploy_files([("scoped.bpmn", BPMN)])
    instance_id = engine.start("scoped", {}, org={"office": "office-7", "reviewers": "group-3"})
    scopes = {task.element_id: (task.candidate_group, task.org_scope) for task in engine.tasks(instance_id=instance_id)}
    assert scopes == {"by_office": ("reviewers", "office-7"), "by_group": ("reviewers", "group-3")}
