// Limits every neutral UI value must respect so that any adapter can render it; platform-specific
// limits live in each adapter's converter.

export const UI_LIMITS = {
  /** Discord custom_id is 1–100 characters and carries "actionId|value". */
  valueMax: 75,
  /** Five buttons per Discord action row; Slack allows more, the smaller wins. */
  controlsPerRowMax: 5,
  /** Discord selects hold 25 options; Slack 100. */
  selectOptionsMax: 25,
  fieldIdMax: 40,
  contextMax: 60,
} as const;
