import { describe, expect, it } from 'vitest';
import { headerForm, headerNeeds, leastZoomForNames } from '../src/canvas/laneHeader.ts';

const MA = { name: 'Medical assistant (care-team pool)', department: 'Care team', height: 120 };
const FRONT = { name: 'Front desk & check-in', department: 'Front office', height: 120 };

describe('a lane’s header beside a band of any height', () => {
  it('shows name and department whole when the band has room, else the name alone, never part of it', () => {
    const needs = headerNeeds(MA.name, MA.department, 120);
    // Four lines of name in the editor's 120-px column, and the department under it.
    expect(needs.full).toBeGreaterThan(64);
    expect(needs.compact).toBeLessThan(needs.full);
    expect(headerForm(needs.full, needs)).toBe('full');
    // The band the walk saw at 64 px cut the name after "(care-team": now the name alone shows.
    expect(headerForm(64, needs)).toBe('compact');
    expect(headerForm(needs.compact - 1, needs)).toBe('one-line');
    expect(headerForm(12, needs)).toBe('none');
  });

  it('stops zooming out where the longest name would stop fitting its band', () => {
    const least = leastZoomForNames([FRONT, MA], 120);
    expect(least).toBeCloseTo(headerNeeds(MA.name, MA.department, 120).compact / 120, 5);
    expect(least).toBeLessThan(0.5);
    // A wider column wraps the name onto fewer lines: it can zoom out further.
    expect(leastZoomForNames([FRONT, MA], 168)).toBeLessThan(least);
  });
});
