// One merged plan per format id, built on first use from every version the registry holds.
import type { FormatRegistry } from "../format/registry.js";
import type { Format } from "../format/types.js";
import { buildPlan, type FormatPlan } from "./plan.js";

export function planCache(registry: FormatRegistry): (formatId: string) => FormatPlan {
  const plans = new Map<string, FormatPlan>();
  return (id) => {
    let plan = plans.get(id);
    if (!plan) {
      const versions = registry
        .versions(id)
        .map((v) => registry.get(id, v))
        .filter((f): f is Format => f !== undefined);
      plans.set(id, (plan = buildPlan(versions)));
    }
    return plan;
  };
}
