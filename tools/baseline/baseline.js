// Lexicon baseline: npm `sentiment` (AFINN-165, English word list) on the SocialFirst dev set.
// Usage: node baseline.js [path/to/mentions.jsonl] [dev|test|all]
// Sentiment: score > 0 positive, < 0 negative, 0 neutral (the baseline cannot say "mixed").
// Urgent: the baseline has no categories, so "urgent" is predicted for an AFINN score <= -3.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Sentiment = require('sentiment');

const file = process.argv[2] || path.join(__dirname, '..', '..', 'data', 'devset', 'mentions.jsonl');
const split = process.argv[3] || 'all';
const analyzer = new Sentiment();
const labels = ['positive', 'neutral', 'negative', 'mixed'];

const rows = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
  .filter((r) => split === 'all' || r.split === split);

function predict(text) {
  const r = analyzer.analyze(text);
  return { sentiment: r.score > 0 ? 'positive' : r.score < 0 ? 'negative' : 'neutral', urgent: r.score <= -3 };
}

function metrics(group) {
  const pairs = group.map((r) => ({ gold: r, pred: predict(r.text) }));
  const acc = pairs.filter((p) => p.gold.sentiment === p.pred.sentiment).length / pairs.length;
  const f1s = labels.map((l) => {
    const tp = pairs.filter((p) => p.gold.sentiment === l && p.pred.sentiment === l).length;
    const fp = pairs.filter((p) => p.gold.sentiment !== l && p.pred.sentiment === l).length;
    const fn = pairs.filter((p) => p.gold.sentiment === l && p.pred.sentiment !== l).length;
    if (tp + fp + fn === 0) return null;
    const pr = tp + fp ? tp / (tp + fp) : 0;
    const rc = tp + fn ? tp / (tp + fn) : 0;
    return pr + rc ? (2 * pr * rc) / (pr + rc) : 0;
  }).filter((x) => x !== null);
  const tp = pairs.filter((p) => p.gold.urgent && p.pred.urgent).length;
  const fp = pairs.filter((p) => !p.gold.urgent && p.pred.urgent).length;
  const fn = pairs.filter((p) => p.gold.urgent && !p.pred.urgent).length;
  return {
    n: pairs.length,
    acc,
    f1: f1s.reduce((a, b) => a + b, 0) / f1s.length,
    urgentP: tp + fp ? tp / (tp + fp) : NaN,
    urgentR: tp + fn ? tp / (tp + fn) : NaN,
  };
}

const f = (v) => (Number.isNaN(v) ? '–' : v.toFixed(3));
console.log(`npm sentiment ${require('sentiment/package.json').version} (AFINN) on ${path.relative(process.cwd(), file)} (split: ${split})\n`);
console.log('| group | n | sentiment acc | sentiment macro-F1 | urgent P | urgent R |');
console.log('|---|---:|---:|---:|---:|---:|');
const groups = ['all', 'en', 'zh-Hans', 'zh-Hant', 'es', 'de', 'fr', 'sl', 'ja', 'unknown'];
for (const g of groups) {
  const subset = g === 'all' ? rows : rows.filter((r) => r.language === g);
  if (subset.length === 0) continue;
  const m = metrics(subset);
  console.log(`| ${g} | ${m.n} | ${f(m.acc)} | ${f(m.f1)} | ${f(m.urgentP)} | ${f(m.urgentR)} |`);
}
