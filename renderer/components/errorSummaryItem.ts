/**
 * One error in the summary: its message and the id of the field it belongs to. An error that
 * belongs to no field (the council cannot be reached, say) has no `fieldId` and is plain text.
 */
export interface ErrorSummaryItem {
  fieldId?: string;
  message: string;
}
