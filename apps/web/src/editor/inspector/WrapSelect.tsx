import { Select, type SelectProps } from '@mantine/core';
import { GrowingText } from './GrowingText.tsx';

/** The props that make a Select show its whole value, wrapped (see GrowingText). */
export const WRAPPED = {
  component: GrowingText,
  multiline: true,
  styles: { input: { resize: 'none', overflow: 'hidden', whiteSpace: 'normal', lineHeight: 1.35 } },
} as unknown as Partial<SelectProps>;

/** A Select of the inspector whose chosen value wraps onto more lines rather than being cut off. */
export function WrapSelect(props: SelectProps) {
  return <Select {...WRAPPED} {...props} />;
}
