// Block Kit limits as Slack enforces them, so a renderer bug makes the fake answer `invalid_blocks`
// (or `invalid_arguments` for views) the way the real Slack would.
type Json = Record<string, unknown>;

const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  optionText: 75,
  optionValue: 75,
  selectOptions: 100,
  optionGroups: 100,
  radioOptions: 10,
  placeholder: 150,
  id: 255,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextMaxLength: 3000,
  viewTitle: 24,
  privateMetadata: 3000,
  messageText: 40_000,
};

const text = (o: unknown): string => ((o as Json | undefined)?.text as string | undefined) ?? '';

function checkOptions(options: unknown, where: string, max: number, problems: string[]): void {
  const list = (options as Json[] | undefined) ?? [];
  if (list.length > max) problems.push(`${where}: ${list.length} options > ${max}`);
  for (const o of list) {
    if (text(o.text).length > LIMITS.optionText) problems.push(`${where}: option text > ${LIMITS.optionText}`);
    if (String(o.value ?? '').length > LIMITS.optionValue) problems.push(`${where}: option value > ${LIMITS.optionValue}`);
  }
}

function checkElement(el: Json, where: string, actionIds: Set<string>, problems: string[]): void {
  const id = el.action_id as string | undefined;
  if (id !== undefined) {
    if (id.length > LIMITS.id) problems.push(`${where}: action_id > ${LIMITS.id}`);
    if (actionIds.has(id) && id !== 'value') problems.push(`${where}: duplicate action_id ${id}`);
    actionIds.add(id);
  }
  if (el.placeholder && text(el.placeholder).length > LIMITS.placeholder) problems.push(`${where}: placeholder > ${LIMITS.placeholder}`);
  switch (el.type) {
    case 'button':
      if (text(el.text).length > LIMITS.buttonText) problems.push(`${where}: button text > ${LIMITS.buttonText}`);
      break;
    case 'static_select':
    case 'multi_static_select':
      if (el.option_groups) {
        const groups = el.option_groups as Json[];
        if (groups.length > LIMITS.optionGroups) problems.push(`${where}: too many option groups`);
        for (const g of groups) checkOptions(g.options, where, LIMITS.selectOptions, problems);
      } else checkOptions(el.options, where, LIMITS.selectOptions, problems);
      break;
    case 'radio_buttons':
    case 'checkboxes':
      checkOptions(el.options, where, LIMITS.radioOptions, problems);
      break;
    case 'plain_text_input':
      if (Number(el.max_length ?? 0) > LIMITS.plainTextMaxLength) problems.push(`${where}: max_length > ${LIMITS.plainTextMaxLength}`);
      break;
    case 'number_input':
      break;
    default:
      problems.push(`${where}: unknown element ${String(el.type)}`);
  }
}

/** Problems with a list of blocks on a surface; empty when Slack would accept them. */
export function blockProblems(blocks: unknown, surface: 'message' | 'modal' | 'home'): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  const problems: string[] = [];
  const max = surface === 'message' ? LIMITS.messageBlocks : LIMITS.viewBlocks;
  if (blocks.length > max) problems.push(`${blocks.length} blocks > ${max}`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    const where = `block ${i} (${String(b.type)})`;
    const blockId = b.block_id as string | undefined;
    if (blockId !== undefined) {
      if (blockId.length > LIMITS.id) problems.push(`${where}: block_id > ${LIMITS.id}`);
      if (blockIds.has(blockId)) problems.push(`${where}: duplicate block_id`);
      blockIds.add(blockId);
    }
    switch (b.type) {
      case 'section': {
        if (!b.text && !b.fields) problems.push(`${where}: needs text or fields`);
        if (text(b.text).length > LIMITS.sectionText) problems.push(`${where}: text > ${LIMITS.sectionText}`);
        const fields = (b.fields as Json[] | undefined) ?? [];
        if (fields.length > LIMITS.sectionFields) problems.push(`${where}: ${fields.length} fields > ${LIMITS.sectionFields}`);
        if (fields.some((f) => text(f).length > LIMITS.fieldText)) problems.push(`${where}: field > ${LIMITS.fieldText}`);
        break;
      }
      case 'header':
        if ((b.text as Json | undefined)?.type !== 'plain_text') problems.push(`${where}: header must be plain_text`);
        if (text(b.text).length > LIMITS.headerText) problems.push(`${where}: header > ${LIMITS.headerText}`);
        break;
      case 'context': {
        const elements = (b.elements as Json[] | undefined) ?? [];
        if (elements.length === 0 || elements.length > LIMITS.contextElements) problems.push(`${where}: ${elements.length} elements`);
        if (elements.some((e) => text(e).length > LIMITS.sectionText)) problems.push(`${where}: element text > ${LIMITS.sectionText}`);
        break;
      }
      case 'divider':
        break;
      case 'actions': {
        const elements = (b.elements as Json[] | undefined) ?? [];
        if (elements.length === 0 || elements.length > LIMITS.actionsElements) problems.push(`${where}: ${elements.length} elements`);
        for (const el of elements) checkElement(el, where, actionIds, problems);
        break;
      }
      case 'input':
        if (surface === 'message') problems.push(`${where}: input blocks belong in views`);
        if (text(b.label).length > LIMITS.inputLabel) problems.push(`${where}: label > ${LIMITS.inputLabel}`);
        if (b.hint && text(b.hint).length > LIMITS.inputHint) problems.push(`${where}: hint > ${LIMITS.inputHint}`);
        checkElement(b.element as Json, where, new Set(), problems);
        break;
      default:
        problems.push(`${where}: unknown block type`);
    }
  });
  return problems;
}

export function viewProblems(view: unknown, surface: 'modal' | 'home'): string[] {
  const v = (view ?? {}) as Json;
  const problems = [...blockProblems(v.blocks, surface)];
  if (v.type !== surface) problems.push(`view type ${String(v.type)} is not ${surface}`);
  if (surface === 'modal') {
    for (const key of ['title', 'submit', 'close']) if (v[key] && text(v[key]).length > LIMITS.viewTitle) problems.push(`${key} > ${LIMITS.viewTitle}`);
    if (!v.title) problems.push('modal needs a title');
    const hasInput = ((v.blocks as Json[] | undefined) ?? []).some((b) => b.type === 'input');
    if (hasInput && !v.submit) problems.push('a modal with inputs needs a submit label');
    if (String(v.private_metadata ?? '').length > LIMITS.privateMetadata) problems.push('private_metadata > 3000');
    if (String(v.callback_id ?? '').length > LIMITS.id) problems.push('callback_id > 255');
  }
  return problems;
}

export function textProblems(args: Json): string[] {
  const problems: string[] = [];
  const t = args.text as string | undefined;
  if (!t && !args.blocks) problems.push('no_text');
  if (t && t.length > LIMITS.messageText) problems.push('msg_too_long');
  return problems;
}
