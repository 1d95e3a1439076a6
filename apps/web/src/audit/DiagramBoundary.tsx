import { Component, type ReactNode } from 'react';

/** Shows `fallback` instead of the diagram if drawing it fails, so the replay page keeps working. */
export class DiagramBoundary extends Component<
  { fallback: ReactNode; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
