/** The namespaces a BPMN 2.0 file uses. Prefixes vary between tools; these URIs do not. */
export const NS = {
  model: 'http://www.omg.org/spec/BPMN/20100524/MODEL',
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  /** portalflow's own extension elements: what BPMN has no place for, so the round trip is exact. */
  portalflow: 'https://portalflow.dev/schema/bpmn/1.0',
  /** bpmn-js colours, read by bpmn.io, Camunda Modeler and others. */
  color: 'http://www.omg.org/spec/BPMN/non-normative/color/1.0',
} as const;

/** The value of `exporter` in files this package writes. */
export const EXPORTER = 'portalflow';
