// Every Discord limit the converter and the command manifest touch, named once. Several of these
// are not checked by the discord.js builders (content length, the 6,000-character embed total, rows
// per message, buttons per row, components per modal) and only fail on Discord's side with 50035.
// Source: discord-api-docs (message.mdx, components/reference.mdx, application-commands.mdx).

export const DISCORD_LIMITS = {
  /** Message `content`. */
  contentMax: 2000,
  embedsPerMessage: 10,
  embedTitleMax: 256,
  embedDescriptionMax: 4096,
  embedFieldsMax: 25,
  embedFieldNameMax: 256,
  embedFieldValueMax: 1024,
  embedFooterMax: 2048,
  embedAuthorMax: 256,
  /** Sum of every title, description, field name and value, footer and author across a message's embeds. */
  embedTotalMax: 6000,
  actionRowsPerMessage: 5,
  buttonsPerRow: 5,
  buttonLabelMax: 80,
  customIdMax: 100,
  selectOptionsMax: 25,
  selectOptionLabelMax: 100,
  selectOptionValueMax: 100,
  selectOptionDescriptionMax: 100,
  selectPlaceholderMax: 150,
  modalTitleMax: 45,
  modalComponentsMax: 5,
  textInputLabelMax: 45,
  textInputPlaceholderMax: 100,
  textInputValueMax: 4000,
  /** A Text Display component's content (shown above a modal's fields). */
  textDisplayContentMax: 4000,
  /** Label component description (help text under a modal field). */
  labelDescriptionMax: 100,
  /** `nonce` on message create; `enforce_nonce` dedupes sends with the same one for a few minutes. */
  nonceMax: 25,
  threadNameMax: 100,
  commandNameMax: 32,
  commandDescriptionMax: 100,
  commandOptionsMax: 25,
  commandChoicesMax: 25,
  commandChoiceNameMax: 100,
  commandChoiceValueMax: 100,
  commandStringOptionMax: 6000,
  commandsMax: 100,
  autocompleteChoicesMax: 25,
} as const;

/**
 * Cuts to `max` UTF-16 units (the stricter of the ways a length can be counted), marking the cut
 * with an ellipsis and never leaving half of a surrogate pair.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + '…';
}
