import type { BilingualText } from "../types";
import type { CallbackFigures } from "./callbacks";
import type { ChurnFigures } from "./churn";
import type { ComplaintFigures } from "./complaints";
import type { SatisfactionFigures } from "./satisfaction";
import type { Targets } from "./types";

export type TargetKey = keyof Targets;

export interface TargetLine {
  key: TargetKey;
  label: BilingualText;
  /** How the actual figure is measured, printed under the table. */
  basis: BilingualText;
  comparison: "atLeast" | "atMost";
  target: number;
  actual: number | null;
  /** null when there was nothing to measure. */
  met: boolean | null;
}

const META: Record<TargetKey, Omit<TargetLine, "target" | "actual" | "met">> = {
  satisfaction: {
    key: "satisfaction",
    label: { zh: "客户满意度", en: "Customer satisfaction" },
    basis: { zh: "回访或档案中评价为“满意”及以上的客户占比", en: "share rating 满意 (satisfied) or better" },
    comparison: "atLeast",
  },
  loyalty: {
    key: "loyalty",
    label: { zh: "客户忠诚度", en: "Customer loyalty" },
    basis: { zh: "以客户保留率计：期内保留客户 ÷ 服务客户", en: "measured as retention: customers kept ÷ served" },
    comparison: "atLeast",
  },
  churn: {
    key: "churn",
    label: { zh: "客户流失率", en: "Churn rate" },
    basis: { zh: "期内流失客户 ÷ 服务客户", en: "customers lost ÷ customers served" },
    comparison: "atMost",
  },
};

/** The plan's objectives with no results yet (the plan states them; the report measures them). */
export function objectives(targets: Targets): TargetLine[] {
  return (Object.keys(META) as TargetKey[]).map((key) => ({
    ...META[key],
    target: targets[key],
    actual: null,
    met: null,
  }));
}

/** Results against the plan's targets (satisfaction ≥, loyalty ≥, churn ≤). */
export function targetResults(targets: Targets, satisfaction: SatisfactionFigures, churn: ChurnFigures): TargetLine[] {
  const actual: Record<TargetKey, number | null> = {
    satisfaction: satisfaction.rate,
    loyalty: churn.retentionRate,
    churn: churn.churnRate,
  };
  return objectives(targets).map((line) => {
    const value = actual[line.key];
    const met = value === null ? null : line.comparison === "atLeast" ? value >= line.target : value <= line.target;
    return { ...line, actual: value, met };
  });
}

/**
 * Improvement measures (改进措施, domain §5 and §6) suggested by the period's figures: each names the gap it answers.
 * The supervisor edits them; they are a starting point, not a verdict.
 */
export function improvements(
  targets: readonly TargetLine[],
  callbacks: CallbackFigures,
  complaints: ComplaintFigures,
  churn: ChurnFigures,
): BilingualText[] {
  const out: BilingualText[] = [];
  const missed = (key: TargetKey) => targets.find((t) => t.key === key)?.met === false;
  if (callbacks.total.overdue > 0) {
    const worst = [...callbacks.byOwner].sort((a, b) => b.overdue - a.overdue)[0];
    out.push({
      zh: `逾期未回访 ${callbacks.total.overdue} 次（${worst.owner} ${worst.overdue} 次最多）：主管逐日督办，下周内补齐，必要时调整人员负荷。`,
      en: `${callbacks.total.overdue} callbacks overdue (most: ${worst.owner}, ${worst.overdue}): the supervisor follows up daily, to be cleared within a week; rebalance workloads if needed.`,
    });
  }
  if (callbacks.total.noAnswer > 0) {
    out.push({
      zh: `未接通 ${callbacks.total.noAnswer} 次：换时段再拨，仍未接通的改用微信、邮件或上门。`,
      en: `${callbacks.total.noAnswer} calls not answered: call again at another time, then try WeChat, e-mail or a visit.`,
    });
  }
  if (missed("satisfaction")) {
    out.push({
      zh: "满意度未达目标：对评价“一般”及以下的客户安排调解回访和建议回访，收集意见并限期整改。",
      en: "Satisfaction below target: mediation and advice callbacks for customers rating neutral or worse; collect their views and fix them by a deadline.",
    });
  }
  // Complaints of the period not yet called back, and older ones whose callback of the period is still open.
  const unclosed = complaints.open + complaints.earlierOpen;
  if (unclosed > 0) {
    out.push({
      zh: `尚有 ${unclosed} 起投诉未回访闭环：指定负责人，24 小时内联系客户确认问题。`,
      en: `${unclosed} complaints not yet closed by a callback: name an owner and call the customer within 24 hours.`,
    });
  }
  if (missed("churn") || missed("loyalty")) {
    const reason = churn.reasons[0];
    out.push({
      zh: `流失率超出目标${reason ? `（主要原因：${reason.reason}）` : ""}：建立流失预警，对久未联系和满意度下降的客户提前回访，按价值开展挽回。`,
      en: `Churn above target${reason ? ` (main reason: ${reason.reason})` : ""}: set up early warning, call customers who are drifting or less satisfied, and win back by value.`,
    });
  }
  if (!out.length) {
    out.push({
      zh: "各项指标达到目标：保持现有回访频率，继续按等级开展关怀。",
      en: "All targets met: keep the callback rhythm and the care by grade.",
    });
  }
  return out;
}
