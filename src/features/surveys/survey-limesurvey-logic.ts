// LimeSurvey conditions as skip logic. filiera's skip rule is "if the answer to this single-choice
// question is one of these, jump to that later question", so a LimeSurvey condition maps when the
// questions it shows form one run right after the question they depend on, all asking for the same
// answers. Conditions come from the conditions table or a simple relevance equation
// (`Q1.NAOK == "A1" or Q1.NAOK == "A2"`); anything else is reported and the question always asked.
import type { LsModel } from './survey-limesurvey-model.ts';
import type { MappedQuestion } from './survey-limesurvey-questions.ts';

type Condition = { sourceQid: string; values: Set<string> } | 'unmappable' | null;

function fromTable(model: LsModel, qid: string): Condition {
  const rows = model.conditions.filter((r) => r.qid === qid);
  if (rows.length === 0) return null;
  const [first] = rows;
  const sourceQid = first!.cqid ?? '';
  const sameSource = rows.every(
    (r) => r.cqid === sourceQid && r.scenario === first!.scenario && (r.method ?? '==') === '==' && new RegExp(`X${sourceQid}$`).test(r.cfieldname ?? ''),
  );
  return sameSource ? { sourceQid, values: new Set(rows.map((r) => r.value ?? '')) } : 'unmappable';
}

/** `Q1.NAOK == "A1"`, or with the question's SGQA name (`461723X10X101.NAOK`) as compiled conditions use. */
const TERM = /^\(*\s*([A-Za-z][A-Za-z0-9_]*|\d+X\d+X\d+)(?:\.NAOK|\.code)?\s*==\s*(?:"([^"]*)"|'([^']*)')\s*\)*$/;

function fromRelevance(model: LsModel, relevance: string): Condition {
  const expression = relevance.trim();
  if (expression === '' || expression === '1') return null;
  const inner = expression.replace(/^\(+|\)+$/g, '');
  const terms = inner.split(/\s+or\s+|\s*\|\|\s*/i).map((t) => TERM.exec(t.trim()));
  if (terms.some((m) => !m)) return 'unmappable';
  const titles = new Set(terms.map((m) => m![1]));
  if (titles.size !== 1) return 'unmappable';
  const name = [...titles][0]!;
  const sgqa = /^\d+X\d+X(\d+)$/.exec(name);
  const source = model.questions.find((q) => (sgqa ? q.qid === sgqa[1] : q.title === name));
  if (!source) return 'unmappable';
  return { sourceQid: source.qid, values: new Set(terms.map((m) => m![2] ?? m![3] ?? '')) };
}

/**
 * Adds `skipTo` rules to the mapped questions (in place) and returns the codes of questions whose
 * condition could not be mapped.
 */
export function mapConditions(model: LsModel, mapped: MappedQuestion[]): string[] {
  const conditionOf = new Map<string, Condition>();
  for (const q of model.questions) {
    const c = fromTable(model, q.qid) ?? fromRelevance(model, q.relevance);
    conditionOf.set(q.qid, c);
  }
  const unmapped = new Set<string>();
  const handled = new Set<string>();
  const jumped = new Set<number>();
  /** Array rows share their question's id: the first row's code names the question. */
  const codeOf = (qid: string) => mapped.find((m) => m.qid === qid)!.code;

  mapped.forEach((source, index) => {
    const targets = mapped
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => {
        const c = conditionOf.get(m.qid);
        return c && c !== 'unmappable' && c.sourceQid === source.qid && m.qid !== source.qid;
      });
    if (targets.length === 0) return;
    const c = conditionOf.get(targets[0]!.m.qid) as { values: Set<string> };
    const first = targets[0]!.i;
    const last = targets.at(-1)!.i;
    const values = [...c.values];
    const sameValues = targets.every(({ m }) => {
      const other = conditionOf.get(m.qid) as { values: Set<string> };
      return other.values.size === values.length && values.every((v) => other.values.has(v));
    });
    const contiguous = first === index + 1 && last - first + 1 === targets.length;
    const goTo = mapped[last + 1];
    const codes = source.optionCodes;
    const known = codes && values.every((v) => codes.has(v));
    const free = !targets.some(({ i }) => jumped.has(i));
    if (!sameValues || !contiguous || !goTo || !codes || !known || !free) {
      for (const { m } of targets) {
        unmapped.add(codeOf(m.qid));
        handled.add(m.qid);
      }
      return;
    }
    const shown = new Set(values.map((v) => codes.get(v)!));
    const ifAnswer = [...codes.values()].filter((code) => !shown.has(code));
    for (const { i, m } of targets) {
      jumped.add(i);
      handled.add(m.qid);
    }
    if (ifAnswer.length > 0) source.raw.skipTo = { ifAnswer, goTo: goTo.code };
  });

  for (const q of model.questions) {
    if (conditionOf.get(q.qid) && !handled.has(q.qid) && mapped.some((m) => m.qid === q.qid)) {
      unmapped.add(codeOf(q.qid));
    }
  }
  return [...unmapped];
}
