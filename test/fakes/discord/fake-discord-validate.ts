// What the fake Discord refuses with 50035 "Invalid Form Body": the documented message, embed,
// component, modal and command limits, written out independently of the adapter's constants so
// a converter bug fails a test instead of agreeing with itself.

type Json = Record<string, any>;

const MAX = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  label: 80,
  customId: 100,
  options: 25,
  optionText: 100,
  placeholder: 150,
  modalTitle: 45,
  modalComponents: 5,
  inputLabel: 45,
  inputPlaceholder: 100,
  nonce: 25,
} as const;

function embedProblems(embeds: Json[]): string[] {
  const problems: string[] = [];
  if (embeds.length > MAX.embeds) problems.push(`embeds: more than ${MAX.embeds}`);
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const len = (s: unknown) => (typeof s === 'string' ? s.length : 0);
    if (len(e.title) > MAX.title) problems.push(`embeds[${i}].title too long`);
    if (len(e.description) > MAX.description) problems.push(`embeds[${i}].description too long`);
    if (len(e.footer?.text) > MAX.footer) problems.push(`embeds[${i}].footer too long`);
    if (len(e.author?.name) > MAX.author) problems.push(`embeds[${i}].author too long`);
    const fields: Json[] = e.fields ?? [];
    if (fields.length > MAX.fields) problems.push(`embeds[${i}].fields: more than ${MAX.fields}`);
    for (const f of fields) {
      if (!f.name || len(f.name) > MAX.fieldName) problems.push(`embeds[${i}].fields.name invalid`);
      if (!f.value || len(f.value) > MAX.fieldValue) problems.push(`embeds[${i}].fields.value invalid`);
    }
    total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name) + fields.reduce((n, f) => n + len(f.name) + len(f.value), 0);
  }
  if (total > MAX.embedTotal) problems.push(`embeds: total ${total} > ${MAX.embedTotal}`);
  return problems;
}

function componentProblems(rows: Json[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const id = (c: Json, where: string) => {
    if (typeof c.custom_id !== 'string' || c.custom_id.length < 1 || c.custom_id.length > MAX.customId) problems.push(`${where}.custom_id invalid`);
    else if (ids.has(c.custom_id)) problems.push(`${where}.custom_id duplicated`);
    else ids.add(c.custom_id);
  };
  if (rows.length > MAX.rows) problems.push(`components: more than ${MAX.rows} rows`);
  for (const [r, row] of rows.entries()) {
    const items: Json[] = row.components ?? [];
    if (row.type !== 1 || items.length === 0) problems.push(`components[${r}] is not an action row with components`);
    const selects = items.filter((c) => c.type === 3).length;
    if (selects > 0 && items.length > 1) problems.push(`components[${r}]: a select must be alone in its row`);
    if (items.length > MAX.buttonsPerRow) problems.push(`components[${r}]: more than ${MAX.buttonsPerRow} buttons`);
    for (const [n, c] of items.entries()) {
      const where = `components[${r}].components[${n}]`;
      if (c.type === 2) {
        if (c.label !== undefined && c.label.length > MAX.label) problems.push(`${where}.label too long`);
        if (c.style === 5) {
          if (typeof c.url !== 'string') problems.push(`${where}.url missing`);
        } else id(c, where);
      } else if (c.type === 3) {
        id(c, where);
        const options: Json[] = c.options ?? [];
        if (options.length < 1 || options.length > MAX.options) problems.push(`${where}.options count`);
        if ((c.placeholder ?? '').length > MAX.placeholder) problems.push(`${where}.placeholder too long`);
        for (const o of options)
          if (!o.label || o.label.length > MAX.optionText || !o.value || o.value.length > MAX.optionText) problems.push(`${where}.options invalid`);
      } else problems.push(`${where}: unexpected type ${c.type}`);
    }
  }
  return problems;
}

/** Problems with a message body (create, edit, interaction reply, follow-up). */
export function messageProblems(body: Json, options: { hasFiles?: boolean; edit?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (typeof body.content === 'string' && body.content.length > MAX.content) problems.push(`content: ${body.content.length} > ${MAX.content}`);
  if (body.nonce !== undefined && String(body.nonce).length > MAX.nonce) problems.push('nonce too long');
  problems.push(...embedProblems(body.embeds ?? []), ...componentProblems(body.components ?? []));
  const empty = !body.content && !(body.embeds ?? []).length && !(body.components ?? []).length && !options.hasFiles;
  if (empty && !options.edit) problems.push('empty message');
  return problems;
}

/** Problems with a modal (interaction callback type 9). */
export function modalProblems(data: Json): string[] {
  const problems: string[] = [];
  if (!data.title || data.title.length > MAX.modalTitle) problems.push('title invalid');
  if (!data.custom_id || data.custom_id.length > MAX.customId) problems.push('custom_id invalid');
  const components: Json[] = data.components ?? [];
  if (components.length < 1 || components.length > MAX.modalComponents) problems.push(`components: 1–${MAX.modalComponents}`);
  for (const c of components) {
    if (c.type === 10) {
      // Text Display: text shown in the modal, nothing to fill in.
      if (typeof c.content !== 'string' || c.content.length < 1 || c.content.length > 4000) problems.push('text display content: 1–4000');
      continue;
    }
    const input = c.type === 18 ? c.component : c.type === 1 ? c.components?.[0] : undefined;
    const label = c.type === 18 ? c.label : input?.label;
    if (!input || input.type !== 4) problems.push('each component must hold a text input');
    if (!label || label.length > MAX.inputLabel) problems.push('label invalid');
    if (c.type === 18 && input?.label !== undefined) problems.push('text input inside a label must not have its own label');
    if ((input?.placeholder ?? '').length > MAX.inputPlaceholder) problems.push('placeholder too long');
    if (!input?.custom_id || input.custom_id.length > MAX.customId) problems.push('input custom_id invalid');
  }
  return problems;
}

/** Problems with one application command in a bulk PUT. */
export function commandProblems(command: Json): string[] {
  const problems: string[] = [];
  const name = (n: unknown) => typeof n === 'string' && /^[-_\p{Ll}\p{N}]{1,32}$/u.test(n);
  const description = (d: unknown) => typeof d === 'string' && d.length >= 1 && d.length <= 100;
  const walk = (options: Json[], where: string) => {
    if (options.length > 25) problems.push(`${where}: more than 25 options`);
    let optionalSeen = false;
    for (const o of options) {
      if (!name(o.name)) problems.push(`${where}.${o.name}: bad name`);
      if (!description(o.description)) problems.push(`${where}.${o.name}: bad description`);
      if ((o.choices ?? []).length > 25) problems.push(`${where}.${o.name}: more than 25 choices`);
      if (o.choices && o.autocomplete) problems.push(`${where}.${o.name}: choices and autocomplete`);
      if (o.type === 1 || o.type === 2) walk(o.options ?? [], `${where}.${o.name}`);
      else {
        if (o.required && optionalSeen) problems.push(`${where}.${o.name}: required after optional`);
        if (!o.required) optionalSeen = true;
      }
    }
  };
  if (!name(command.name)) problems.push(`${command.name}: bad name`);
  if (!description(command.description)) problems.push(`${command.name}: bad description`);
  walk(command.options ?? [], command.name);
  return problems;
}
