/** One option of a radio group. */
export interface RadioOption {
  value: string;
  label: string;
  hint?: string;
}
