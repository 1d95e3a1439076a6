import { useMergedRef } from '@mantine/hooks';
import { forwardRef, type TextareaHTMLAttributes, useLayoutEffect, useRef } from 'react';

/**
 * The text box of a picker that grows to show its whole value on as many lines as it needs: a step
 * title or a choice longer than the inspector is wide wraps instead of being cut off. It is what a
 * `Select` draws as its input (`component={GrowingText}`); typing and choosing work as in any Select.
 */
export const GrowingText = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(
  function GrowingText({ value, ...props }, ref) {
    const own = useRef<HTMLTextAreaElement>(null);
    const merged = useMergedRef(own, ref);
    // biome-ignore lint/correctness/useExhaustiveDependencies: a new value may need more or fewer lines
    useLayoutEffect(() => {
      const box = own.current;
      if (!box) return;
      const fit = () => {
        box.style.height = 'auto';
        box.style.height = `${box.scrollHeight + box.offsetHeight - box.clientHeight}px`;
      };
      fit();
      // The panel's width decides the lines: a narrower screen wraps more.
      if (typeof ResizeObserver === 'undefined') return;
      let width = box.clientWidth;
      const watch = new ResizeObserver(() => {
        if (box.clientWidth === width) return;
        width = box.clientWidth;
        fit();
      });
      watch.observe(box);
      return () => watch.disconnect();
    }, [value]);
    return <textarea rows={1} {...props} value={value} ref={merged} />;
  },
);
