import { Checkbox } from 'antd';
import type { CheckboxGroupProps } from 'antd/es/checkbox';

/**
 * A form field choosing data items. Form.Item marks its control `aria-required`, which a group of checkboxes may not
 * carry (axe: aria-allowed-attr); the requirement is said by the label's mark and the validation message instead.
 */
export function ItemChecklist({
  'aria-required': _required,
  ...props
}: CheckboxGroupProps & { 'aria-required'?: unknown }) {
  return <Checkbox.Group role="group" {...props} />;
}
