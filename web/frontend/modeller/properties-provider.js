// ProfRoute's properties panel groups: user task, service task, business rule task, timers, messages,
// scripts and call activities, with lists (forms, operations, decisions) from the server.
import { SelectEntry, TextAreaEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import { isDuration, isPriority, timerProblem } from 'bpmnlint-plugin-profroute/values.js';
import {
  operatorOf, propertyValue, setModdle, setOperation, setOperatorAttribute, setProperty, setText,
  textValue,
} from './extensions.js';

function useServices() {
  return {
    commandStack: useService('commandStack'),
    moddle: useService('moddle'),
    bpmnFactory: useService('bpmnFactory'),
    debounce: useService('debounceInput'),
  };
}

function entry(id, element, component) {
  return { id, element, component };
}

function options(labels, list, current) {
  const found = list.map((item) => ({ value: item.value, label: item.label }));
  if (current && !list.some((item) => item.value === current)) {
    found.push({ value: current, label: `${current} (${labels.unknown})` });
  }
  return [{ value: '', label: labels.none }, ...found];
}

function PropertyField({ element, id, name, label, validate }) {
  const services = useServices();
  return <TextFieldEntry element={element} id={id} label={label} debounce={services.debounce}
    getValue={() => propertyValue(element.businessObject, name)}
    setValue={(value) => setProperty(services, element, name, (value || '').trim())}
    validate={validate} />;
}

function ExtensionText({ element, id, type, label, area }) {
  const services = useServices();
  const Component = area ? TextAreaEntry : TextFieldEntry;
  return <Component element={element} id={id} label={label} debounce={services.debounce}
    getValue={() => textValue(element.businessObject, type)}
    setValue={(value) => setText(services, element, type, value || '')} />;
}

export default class ProfRoutePropertiesProvider {
  constructor(propertiesPanel, config) {
    this.known = config.known;
    this.labels = config.labels;
    propertiesPanel.registerProvider(500, this);
  }

  getGroups(element) {
    return (groups) => {
      const entries = this.entries(element);
      if (entries.length) groups.splice(1, 0, { id: 'profroute', label: this.labels.task, entries });
      return groups;
    };
  }

  entries(element) {
    if (is(element, 'bpmn:UserTask')) return this.userTask(element);
    if (is(element, 'bpmn:ServiceTask')) return this.serviceTask(element);
    if (is(element, 'bpmn:BusinessRuleTask')) return this.businessRuleTask(element);
    if (is(element, 'bpmn:ScriptTask')) return this.scriptTask(element);
    if (is(element, 'bpmn:CallActivity')) return this.callActivity(element);
    if (is(element, 'bpmn:Event')) return [...this.timer(element), ...this.message(element)];
    return [];
  }

  userTask(element) {
    const { labels, known } = this;
    const forms = known.forms.map((form) => ({ value: form.id, label: form.name }));
    return [
      entry('formKey', element, ({ element: el, id }) => {
        const services = useServices();
        return <SelectEntry element={el} id={id} label={labels.form}
          getValue={() => propertyValue(el.businessObject, 'formKey')}
          setValue={(value) => setProperty(services, el, 'formKey', value)}
          getOptions={() => options(labels, forms, propertyValue(el.businessObject, 'formKey'))} />;
      }),
      entry('candidateGroup', element, (props) => <PropertyField {...props} name="candidateGroup"
        label={labels.candidateGroup} />),
      entry('priority', element, (props) => <PropertyField {...props} name="priority" label={labels.priority}
        validate={(value) => (!value || isPriority(value) ? null : labels.badPriority)} />),
      entry('dueIn', element, (props) => <PropertyField {...props} name="dueIn" label={labels.dueIn}
        validate={(value) => (!value || isDuration(value) ? null : labels.badDuration)} />),
      entry('followUpIn', element, (props) => <PropertyField {...props} name="followUpIn" label={labels.followUpIn}
        validate={(value) => (!value || isDuration(value) ? null : labels.badDuration)} />),
      entry('instructions', element, (props) => <ExtensionText {...props} area
        type="spiffworkflow:InstructionsForEndUser" label={labels.instructions} />),
    ];
  }

  serviceTask(element) {
    const { labels, known } = this;
    const operations = known.operations.map((operation) => ({ value: operation.id, label: operation.id }));
    const operator = operatorOf(element.businessObject);
    const parameters = (operator && operator.parameterList && operator.parameterList.parameters) || [];
    return [
      entry('operation', element, ({ element: el, id }) => {
        const services = useServices();
        const current = () => (operatorOf(el.businessObject) || {}).id || '';
        return <SelectEntry element={el} id={id} label={labels.operation} getValue={current}
          setValue={(value) => {
            const found = known.operations.find((operation) => operation.id === value);
            setOperation(services, el, value, found ? found.parameters : []);
          }}
          getOptions={() => options(labels, operations, current())} />;
      }),
      entry('resultVariable', element, ({ element: el, id }) => {
        const services = useServices();
        return <TextFieldEntry element={el} id={id} label={labels.resultVariable} debounce={services.debounce}
          getValue={() => (operatorOf(el.businessObject) || {}).resultVariable || ''}
          setValue={(value) => setOperatorAttribute(services, el, { resultVariable: value || undefined })} />;
      }),
      ...parameters.map((parameter) => entry(`parameter-${parameter.id}`, element, ({ element: el, id }) => {
        const services = useServices();
        return <TextFieldEntry element={el} id={id} label={`${labels.parameters}: ${parameter.id}`}
          debounce={services.debounce} getValue={() => parameter.value || ''}
          setValue={(value) => setModdle(services, el, parameter, { value: value || '' })} />;
      })),
    ];
  }

  businessRuleTask(element) {
    const { labels, known } = this;
    const decisions = known.decisions.map((decision) => ({ value: decision.id, label: decision.name }));
    return [
      entry('decision', element, ({ element: el, id }) => {
        const services = useServices();
        const current = () => textValue(el.businessObject, 'spiffworkflow:CalledDecisionId');
        return <SelectEntry element={el} id={id} label={labels.decision} getValue={current}
          setValue={(value) => setText(services, el, 'spiffworkflow:CalledDecisionId', value)}
          getOptions={() => options(labels, decisions, current())} />;
      }),
      entry('variableName', element, (props) => <ExtensionText {...props} type="spiffworkflow:VariableName"
        label={labels.variableName} />),
    ];
  }

  scriptTask(element) {
    const { labels } = this;
    return [
      entry('script', element, ({ element: el, id }) => {
        const services = useServices();
        return <TextAreaEntry element={el} id={id} label={labels.script} debounce={services.debounce}
          getValue={() => el.businessObject.script || ''}
          setValue={(value) => setModdle(services, el, el.businessObject, { scriptFormat: 'python', script: value })} />;
      }),
      ...this.scripts(element),
    ];
  }

  scripts(element) {
    const { labels } = this;
    return [
      entry('preScript', element, (props) => <ExtensionText {...props} area type="spiffworkflow:PreScript"
        label={labels.preScript} />),
      entry('postScript', element, (props) => <ExtensionText {...props} area type="spiffworkflow:PostScript"
        label={labels.postScript} />),
    ];
  }

  callActivity(element) {
    const { labels } = this;
    return [
      entry('calledElement', element, ({ element: el, id }) => {
        const services = useServices();
        return <TextFieldEntry element={el} id={id} label={labels.calledElement} debounce={services.debounce}
          getValue={() => el.businessObject.calledElement || ''}
          setValue={(value) => setModdle(services, el, el.businessObject, { calledElement: value })} />;
      }),
    ];
  }

  timer(element) {
    const { labels } = this;
    const definition = (element.businessObject.eventDefinitions || [])
      .find((candidate) => is(candidate, 'bpmn:TimerEventDefinition'));
    if (!definition) return [];
    const kinds = ['timeDate', 'timeDuration', 'timeCycle'];
    const kindOf = () => kinds.find((kind) => definition[kind]) || 'timeDuration';
    return [
      entry('timerKind', element, ({ element: el, id }) => {
        const services = useServices();
        return <SelectEntry element={el} id={id} label={labels.timerKind} getValue={kindOf}
          getOptions={() => kinds.map((kind) => ({ value: kind, label: labels[kind] }))}
          setValue={(kind) => {
            const expression = services.bpmnFactory.create('bpmn:FormalExpression',
              { body: (definition[kindOf()] || {}).body || '' });
            setModdle(services, el, definition, { timeDate: undefined, timeDuration: undefined, timeCycle: undefined,
              [kind]: expression });
          }} />;
      }),
      entry('timerValue', element, ({ element: el, id }) => {
        const services = useServices();
        return <TextFieldEntry element={el} id={id} label={labels.timerValue} debounce={services.debounce}
          getValue={() => (definition[kindOf()] || {}).body || ''}
          validate={(value) => (timerProblem(kindOf(), value) ? labels[`timer_${timerProblem(kindOf(), value)}`] : null)}
          setValue={(value) => setModdle(services, el, definition, {
            [kindOf()]: services.bpmnFactory.create('bpmn:FormalExpression', { body: value || '' }) })} />;
      }),
    ];
  }

  message(element) {
    const { labels } = this;
    const definition = (element.businessObject.eventDefinitions || [])
      .find((candidate) => is(candidate, 'bpmn:MessageEventDefinition'));
    if (!definition) return [];
    const entries = [
      entry('messageName', element, ({ element: el, id }) => {
        const services = useServices();
        return <TextFieldEntry element={el} id={id} label={labels.messageName} debounce={services.debounce}
          getValue={() => (definition.messageRef && definition.messageRef.name) || ''}
          setValue={(value) => definition.messageRef && setModdle(services, el, definition.messageRef, { name: value })} />;
      }),
      entry('correlationKey', element, (props) => <PropertyField {...props} name="correlationKeyField"
        label={labels.correlationKey} />),
    ];
    if (is(element, 'bpmn:ThrowEvent')) {
      entries.push(entry('messagePayload', element, (props) => <ExtensionText {...props} area
        type="spiffworkflow:MessagePayload" label={labels.messagePayload} />));
    } else {
      entries.push(entry('messageVariable', element, (props) => <ExtensionText {...props}
        type="spiffworkflow:MessageVariable" label={labels.messageVariable} />));
    }
    return entries;
  }
}

ProfRoutePropertiesProvider.$inject = ['propertiesPanel', 'config.profroute'];
