/** One checkbox of a group. */
export interface CheckboxOption {
  value: string;
  label: string;
  /** Say this to screen readers instead of `label` (a masked name, say). */
  spokenLabel?: string;
}
