import { describe, expect, it } from 'vitest';
import { EditorPage, MyWorkPage, screenFor, TrackingPage, WorkflowsPage } from '../src/screens/screens.ts';

/**
 * The first screen's code is fetched while the session is checked (`preloadSignedIn`): it must be the
 * screen the person lands on, or they wait for it after signing in and download one they never see.
 */
describe('the screen whose code is fetched at sign-in', () => {
  it('is Workflows for a lead, whose home it is (not My work, whose path begins the same)', () => {
    expect(screenFor(['designer'], '/')).toBe(WorkflowsPage);
    expect(screenFor(['designer'], '/workflows')).toBe(WorkflowsPage);
  });

  it('is My work for clinic staff', () => {
    expect(screenFor(['front-desk'], '/')).toBe(MyWorkPage);
    expect(screenFor(['designer', 'front-desk'], '/work')).toBe(MyWorkPage);
  });

  it('is the screen of the address opened', () => {
    expect(screenFor(['designer'], '/workflows/appointment-request')).toBe(EditorPage);
    expect(screenFor(['designer'], '/tracking')).toBe(TrackingPage);
  });
});
