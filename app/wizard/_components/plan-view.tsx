import Link from 'next/link';

import { BookRefLink } from '@/app/_components/book-ref-link';
import { GlossaryText } from '@/app/_components/glossary-text';
import { deploymentLabel, type Plan, type PlanConstraint } from '@/lib/recommend';

/** How each kind of constraint is labelled: a hard limit the user did not mark is said to be one. */
export const NATURE_LABEL: Record<PlanConstraint['nature'], string> = {
  'must-have': 'must-have',
  'hard-limit': 'hard limit, applied though not marked must-have',
  data: 'your data',
};

/** Where a kind of tool lives on this site. */
const kindHref = (p: NonNullable<Plan['firstStep']>) => (p.kindType === 'category' ? `/methods/${p.kindId}` : `/restoration/${p.kindId}`);

/**
 * The plan: four numbered steps (start, next rung, check, where to run) and the constraints that
 * shaped them. Sized to fit one 1280×800 screen under the header; `present` enlarges it for a room.
 */
export function PlanView({ plan, linked, present = false }: { plan: Plan; linked: Set<string>; present?: boolean }) {
  const first = plan.firstStep;
  return (
    <section className={`plan${present ? ' plan-present' : ''}`} aria-labelledby="plan-title" data-testid="plan">
      <h2 id="plan-title" className="plan-title">
        Your plan
      </h2>
      <ol className="plan-steps">
        <li className="plan-step card" data-testid="plan-first">
          <h3>
            <span className="plan-num" aria-hidden="true">
              1
            </span>{' '}
            Start with
          </h3>
          {first ? (
            <>
              <p className="plan-lead">
                <Link href={kindHref(first)} data-testid="plan-kind">
                  {first.kindName}
                </Link>
                {first.tool ? (
                  <>
                    {first.kindType === 'category' ? ', using ' : ' with '}
                    <Link href={`/tools/${first.tool.id}`} data-testid="plan-tool" data-tool-id={first.tool.id}>
                      <strong>{first.tool.name}</strong>
                    </Link>
                  </>
                ) : null}
                {first.linker && first.linker.id !== first.tool?.id ? (
                  <>
                    {', then link the objects over time with '}
                    <Link href={`/tools/${first.linker.id}`} data-testid="plan-linker" data-tool-id={first.linker.id}>
                      <strong>{first.linker.name}</strong>
                    </Link>
                  </>
                ) : null}
              </p>
              {first.skippedHigherKinds.length > 0 ? (
                <p className="muted plan-small">
                  {first.skippedHigherKinds.map((k) => k.name).join(', ')} ranked higher, but no tool for it fits your constraints.
                </p>
              ) : null}
              <p className="plan-small">
                {first.howToStart}
                {first.training ? (
                  <>
                    {' '}
                    <GlossaryText text={first.training.text} linked={linked} />
                  </>
                ) : null}
              </p>
              {first.runnerPreset ? (
                <p className="no-print">
                  <Link className="button" href={first.runnerPreset.route} data-testid="run-it-here">
                    Run it here: 3D-RCAN {first.runnerPreset.preset} preset
                  </Link>
                </p>
              ) : null}
              <p className="plan-ref">
                Book: <BookRefLink bookRef={first.bookRef} />
                {first.training && first.training.bookRef.section !== first.bookRef.section ? (
                  <>
                    {' · '}
                    <BookRefLink bookRef={first.training.bookRef} />
                  </>
                ) : null}
              </p>
            </>
          ) : (
            <p data-testid="plan-no-fit">
              {plan.noFit?.text ?? 'No kind of tool fits every constraint you set.'} {plan.noFit ? <BookRefLink bookRef={plan.noFit.bookRef} /> : null}
            </p>
          )}
        </li>
        <li className="plan-step card" data-testid="plan-next">
          <h3>
            <span className="plan-num" aria-hidden="true">
              2
            </span>{' '}
            If it is not good enough
          </h3>
          {plan.nextRung ? (
            <>
              <p className="plan-lead">
                {plan.nextRung.name}
                {plan.nextRung.tool ? (
                  <>
                    {', for example '}
                    <Link href={`/tools/${plan.nextRung.tool.id}`}>{plan.nextRung.tool.name}</Link>
                  </>
                ) : null}
              </p>
              <p className="plan-small">
                <GlossaryText text={plan.nextRung.text} linked={linked} />
              </p>
              <p className="plan-ref">
                Book: <BookRefLink bookRef={plan.nextRung.bookRef} />
              </p>
            </>
          ) : (
            <p className="plan-small">There is no further rung for your answers: revisit your success criterion or the data (troubleshooting guide, Fig 9.10).</p>
          )}
        </li>
        <li className="plan-step card" data-testid="plan-check">
          <h3>
            <span className="plan-num" aria-hidden="true">
              3
            </span>{' '}
            Check the result
          </h3>
          {plan.check ? (
            <>
              <p className="plan-lead">{plan.check.name}</p>
              <p className="plan-small">
                <GlossaryText text={plan.check.text} linked={linked} />
              </p>
              <p className="plan-ref">
                <Link className="no-print" href={plan.check.route} data-testid="evaluate-link">
                  Compute it on your images
                </Link>
                <span className="no-print"> · </span>Book: <BookRefLink bookRef={plan.check.bookRef} />
              </p>
            </>
          ) : (
            <p className="plan-small">Compare the output with a few images checked by hand before relying on it.</p>
          )}
        </li>
        <li className="plan-step card" data-testid="plan-where">
          <h3>
            <span className="plan-num" aria-hidden="true">
              4
            </span>{' '}
            Where to run it
          </h3>
          <p className="plan-lead">{deploymentLabel(plan.whereToRun.mode)}</p>
          <p className="plan-small">
            <GlossaryText text={plan.whereToRun.text} linked={linked} />
          </p>
          <p className="plan-ref">
            Book: <BookRefLink bookRef={plan.whereToRun.bookRef} />
          </p>
        </li>
      </ol>
      {plan.retune ? (
        <p className="plan-footer" data-testid="plan-retune">
          <strong>Before switching:</strong> <GlossaryText text={plan.retune.text} linked={linked} /> (
          <Link href={`/tools/${plan.retune.tool.id}`}>{plan.retune.tool.name}</Link>; book: <BookRefLink bookRef={plan.retune.bookRef} />)
        </p>
      ) : null}
      {plan.settings ? (
        // One line, so the plan keeps to one screen; what each setting does is on the tool's page and in the report.
        <p className="plan-footer" data-testid="plan-settings">
          <strong>Settings to check on {plan.settings.tool.name} first:</strong>{' '}
          {plan.settings.settings.map((k, i) => (
            <span key={k.name} title={k.what}>
              {i > 0 ? ', ' : ''}
              <code>{k.name}</code>
            </span>
          ))}{' '}
          (<Link href={`/tools/${plan.settings.tool.id}#settings`}>what each does</Link>; book: <BookRefLink bookRef={plan.settings.bookRef} />)
        </p>
      ) : null}
      {plan.before.length > 0 || plan.constraints.length > 0 ? (
        <div className="plan-footer" data-testid="plan-constraints">
          {plan.before.length > 0 ? (
            <p>
              <strong>Clean up first:</strong>{' '}
              {plan.before.map((b, i) => (
                <span key={b.step}>
                  {i > 0 ? '; ' : ''}
                  {b.label.replace(/\.$/, '')}
                  {b.tool ? (
                    <>
                      {' '}
                      (<Link href={`/tools/${b.tool.id}`}>{b.tool.name}</Link>)
                    </>
                  ) : null}
                </span>
              ))}
              .
            </p>
          ) : null}
          {plan.constraints.length > 0 ? (
            <p>
              <strong>Constraints applied:</strong>{' '}
              {plan.constraints.map((c, i) => (
                <span key={c.question} data-testid={`constraint-${c.question}`}>
                  {i > 0 ? '; ' : ''}
                  {c.answer} <span className={`tag${c.nature === 'hard-limit' ? ' tag-warn' : ''}`}>{NATURE_LABEL[c.nature]}</span>
                  {c.removed.length > 0 ? (
                    <span className="muted">
                      {' '}
                      ruled out {c.removed.length === 1 ? c.removed[0] : `${c.removed.length}: ${c.removed.slice(0, 3).join(', ')}${c.removed.length > 3 ? '…' : ''}`}
                    </span>
                  ) : (
                    <span className="muted"> ruled nothing out</span>
                  )}
                </span>
              ))}
              .
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
