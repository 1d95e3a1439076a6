import { Grid } from '@mantine/core';
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

/** From this width of the panel the form and the step's help stand side by side. */
const SIDE_BY_SIDE_PX = 620;

/**
 * The step's form and its "How to do this step": side by side in a wide panel (the form on the left),
 * the help above the form in a narrow one. The page has them in the order they are on screen, so Tab
 * meets the help's FAQ link before the form there and after it here: a CSS order only moved the
 * pictures, and Tab reached the link last, past the outcome buttons. Keyed, the form keeps what was
 * typed when the panel is resized across the line.
 */
export function FormBesideHelp({ form, help }: { form: ReactNode; help: ReactNode | null }) {
  const box = useRef<HTMLDivElement>(null);
  const [wide, setWide] = useState(false);
  // Measured before the first paint, then on every resize: never a frame in the other order.
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setWide(element.clientWidth >= SIDE_BY_SIDE_PX);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const formColumn = (
    <Grid.Col key="form" span={help && wide ? 7 : 12}>
      {form}
    </Grid.Col>
  );
  const helpColumn = help && (
    <Grid.Col key="help" span={wide ? 5 : 12}>
      {help}
    </Grid.Col>
  );
  return (
    <div ref={box}>
      <Grid gap="md">{wide ? [formColumn, helpColumn] : [helpColumn, formColumn]}</Grid>
    </div>
  );
}
