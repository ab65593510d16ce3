import { readFileSync } from 'node:fs';
import { loadKnowledgeBase } from '../lib/knowledge/load';
import { recommend } from '../lib/recommend';
import { pruneAnswers } from '../lib/wizard/conditions';
const kb = loadKnowledgeBase(process.env.GUIDANCE_KB_ROOT ?? process.cwd());
for (const id of process.argv.slice(2)) {
  const c = JSON.parse(readFileSync(`/work/wt/corpus/knowledge/validation/cases/${id}.json`, 'utf8'));
  const a = pruneAnswers(kb.questions, c.answers);
  const r = recommend(a, kb);
  console.log('=====', id, JSON.stringify(c.expected));
  console.log(JSON.stringify(a.values));
  console.log('cats', r.categories.map((x) => `${x.id}:${x.score}`).join(' '));
  console.log('meths', r.restorationMethods.slice(0, 5).map((x) => `${x.id}:${x.score}`).join(' '));
  for (const t of r.tools.slice(0, Number(process.env.N ?? 5))) console.log(' T', t.id, t.score, t.reasons.map((x) => `${x.delta}:${x.text.slice(0, 60)}`).join(' | '));
  if (process.env.M) for (const t of r.restorationMethods.slice(0, 4)) console.log(' M', t.id, t.score, t.reasons.map((x) => `${x.delta}:${x.text.slice(0, 50)}`).join(' | '));
}
