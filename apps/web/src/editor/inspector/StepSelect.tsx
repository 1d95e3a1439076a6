import { Select, type SelectProps } from '@mantine/core';
import { memo, type RefObject, useRef } from 'react';
import { WRAPPED } from './WrapSelect.tsx';

type Handlers = Pick<SelectProps, 'onChange' | 'onBlur' | 'onFocus' | 'onSearchChange' | 'onDropdownOpen'>;

/** Props other than callbacks decide whether the list draws again (a style object compares by its entries). */
function sameProps(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const x = a[k];
    const y = b[k];
    if (x === y || typeof x === 'function') return true;
    if (k === 'style' && x && y && typeof x === 'object' && typeof y === 'object')
      return sameProps(x as Record<string, unknown>, y as Record<string, unknown>);
    return false;
  });
}

const Options = memo(function Options({
  handlers,
  ...props
}: SelectProps & { handlers: RefObject<Handlers> }) {
  return (
    <Select
      {...WRAPPED}
      {...props}
      // Mantine's default keeps every option in the page (hidden) while the list is closed; with 1,000
      // steps each picker would put 1,000 options in the page and every layout of it would pay for
      // them. The options exist only while the list is open.
      comboboxProps={{ keepMounted: false, ...props.comboboxProps }}
      // Each option says which step it is (its title is what the lead reads; two may read alike).
      renderOption={({ option }) => <span data-step={option.value}>{option.label}</span>}
      onChange={(value, option) => handlers.current.onChange?.(value, option)}
      onBlur={(event) => handlers.current.onBlur?.(event)}
      onFocus={(event) => handlers.current.onFocus?.(event)}
    />
  );
}, sameProps);

/**
 * A Select over the workflow's steps. Its options are in the page only while its list is open (with
 * 1,000 steps, 1,000 options each); it draws again only when its options, value or label change,
 * never because the inspector around it did (callbacks are read when called, so they stay current).
 * Pair it with `useStepOptions`, whose list follows an edit a moment later, off the edit's frame.
 */
export function StepSelect(props: SelectProps) {
  const handlers = useRef<Handlers>(props);
  handlers.current = props;
  const { onChange: _c, onBlur: _b, onFocus: _f, ...rest } = props;
  return <Options {...rest} handlers={handlers} />;
}
