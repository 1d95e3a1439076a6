import { LANE as BPMN_LANE, NODE_SIZE as BPMN_NODE_SIZE } from '@portalflow/bpmn';
import { describe, expect, it } from 'vitest';
import { LANE, NODE_SIZE } from '../src/model/geometry.ts';

// The BPMN package maps the editor's boxes to diagram shapes by their centres, so it keeps a copy
// of the canvas geometry (packages cannot import the web app). The copy must not drift.
describe('BPMN export uses the canvas geometry', () => {
  it('box sizes and lane measures match the editor', () => {
    expect(BPMN_NODE_SIZE).toEqual(NODE_SIZE);
    expect(BPMN_LANE).toEqual(LANE);
  });
});
