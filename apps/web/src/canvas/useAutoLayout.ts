import type { Definition } from '@portalflow/engine';
import { useEffect, useState } from 'react';
import { autoLayout } from '../model/autoLayout.ts';
import type { Layout } from '../model/document.ts';
import { loadElk } from './elk.ts';

/**
 * The layout to draw: the stored one when it places every step; otherwise the quick column layout
 * first and, a moment later, ELK's layout (a workflow seeded or imported without positions).
 */
export function useAutoLayout(definition: Definition, layout: Layout): Layout {
  const [computed, setComputed] = useState<{ for: Definition; layout: Layout } | null>(null);
  const complete = Object.keys(definition.steps).every((id) => layout.positions[id]);
  useEffect(() => {
    if (complete) return;
    let cancelled = false;
    loadElk()
      .then((elk) => autoLayout(elk, definition, layout))
      .then((result) => {
        if (!cancelled) setComputed({ for: definition, layout: result });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [complete, definition, layout]);
  if (complete) return layout;
  return computed?.for === definition ? computed.layout : layout;
}
