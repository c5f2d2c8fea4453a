import type { AxeResults, ElementContext, Result } from 'axe-core';

type Axe = { run(context: ElementContext, options: object): Promise<AxeResults> };

/** axe-core on the page, as the browser sees it (open shadow roots included); only the rules named. */
export async function axeViolations(context: ElementContext, rules: string[]): Promise<Result[]> {
  const holder = window as unknown as { axe?: Axe };
  // @ts-expect-error -- axe's browser build registers itself on window and has no module types.
  if (!holder.axe) await import('axe-core/axe.min.js');
  const results = await holder.axe!.run(context, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
  return results.violations;
}

/** One line per failing node, so an assertion's message says what failed where. */
export function describeViolations(violations: Result[]): string[] {
  return violations.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')} ${node.failureSummary ?? ''}`));
}
