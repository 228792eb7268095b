// LiteLLM's cost formula (generic_cost_per_token) read from the raw price
// JSON alone, with no llm.h code: check-costs-oracle prices a sample of
// models with it (tests/cli/cost_oracle.mjs, whose header says where each
// rule comes from), and tools/gen_replay_expected.mjs every recorded answer.
export const TIER_SUFFIX = /_(flex|priority|fast|ultrafast)$/;
export const num = (e, key) => (typeof e[key] === 'number' ? e[key] : undefined);

// The rate of `key` for the request: tier key, then base key; with an
// active threshold X, the _above_X key (tier first) before those.
export function rate(e, key, tier, above) {
  const order = [];
  if (above && tier) order.push(`${key}_above_${above}_tokens_${tier}`);
  if (above) order.push(`${key}_above_${above}_tokens`);
  if (tier) order.push(`${key}_${tier}`);
  order.push(key);
  for (const k of order) if (num(e, k) !== undefined) return num(e, k);
  return undefined;
}

// The active threshold ("200k") for prompt_tokens, or null. LiteLLM counts
// xAI's from >= (utils.py _INCLUSIVE_THRESHOLD_PROVIDERS, "for providers such
// as xAI that bill the higher tier once the prompt reaches the threshold").
export function threshold(e, prompt) {
  const inclusive = e.litellm_provider === 'xai';
  let best = null;
  for (const k of Object.keys(e)) {
    const m = /^input_cost_per_token_above_(\d+)(k?)_tokens$/.exec(k);
    if (!m || TIER_SUFFIX.test(k)) continue;
    const x = Number(m[1]) * (m[2] ? 1000 : 1);
    if ((prompt > x || (inclusive && prompt === x)) && (!best || x > best.x)) best = { x, name: m[1] + m[2] };
  }
  return best ? best.name : null;
}

// u: {prompt, completion, cached, write5m, write1h, reasoning, tier}.
// rules: LiteLLM's by default; KNOWN_DIFFERENCES changes one to show what
// llm.h does instead.
export const LITELLM = { oneHourFallsBack: false };
export function litellmCost(e, u, rules = LITELLM) {
  const tier = u.tier === 'fast' ? 'priority' : u.tier ?? null;
  const above = threshold(e, u.prompt);
  const r = (key) => rate(e, key, tier, above) ?? 0;
  const write = u.write5m + u.write1h;
  const textIn = Math.max(0, u.prompt - u.cached - write);
  let prompt = textIn * r('input_cost_per_token') + u.cached * r('cache_read_input_token_cost');
  const oneHour = rate(e, 'cache_creation_input_token_cost_above_1hr', tier, above) ?? (rules.oneHourFallsBack ? r('cache_creation_input_token_cost') : 0);
  if (u.write1h > 0) prompt += u.write5m * r('cache_creation_input_token_cost') + u.write1h * oneHour;
  else prompt += write * r('cache_creation_input_token_cost');
  const out = r('output_cost_per_token');
  // _resolve_reasoning_token_cost: the tier's reasoning price; else, when the
  // tier has its own output price, that; else the reasoning price; else output
  let reasoningRate = tier ? num(e, `output_cost_per_reasoning_token_${tier}`) : undefined;
  if (reasoningRate === undefined && tier && num(e, `output_cost_per_token_${tier}`) !== undefined) reasoningRate = out;
  if (reasoningRate === undefined) reasoningRate = num(e, 'output_cost_per_reasoning_token') ?? out;
  const completion = (u.completion - u.reasoning) * out + u.reasoning * reasoningRate;
  return prompt + completion;
}

