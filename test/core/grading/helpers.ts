import { DEFAULT_STANDARD } from "../../../src/core/grading/default-standard";
import type { GradingStandard } from "../../../src/core/grading/standard";
import type { CustomerRecord } from "../../../src/core/types";

export const TODAY = "2026-11-25";

let nextRow = 2;

/** A customer with the fields given; everything else blank. */
export function customer(fields: Partial<CustomerRecord> = {}): CustomerRecord {
  const row = fields.row ?? nextRow++;
  return { code: `K${row}`, name: `客户${row}`, extra: {}, ...fields, row };
}

/** A fully filled, middling customer. */
export function typical(fields: Partial<CustomerRecord> = {}): CustomerRecord {
  return customer({
    largestPurchase: 60_000,
    monthlyPurchase: 20_000,
    paymentAttitude: "及时",
    cashFlow: "一般",
    satisfaction: 75,
    potential: "中",
    purchaseDate: "2024-11-25",
    operatingCondition: "良好",
    lastContactDate: "2026-10-01",
    complaintCount: 0,
    status: "active",
    ...fields,
  });
}

/** A mutable copy of the default standard, changed by `edit`. */
export function standardWith(edit: (s: GradingStandard) => void): GradingStandard {
  const copy = structuredClone(DEFAULT_STANDARD) as GradingStandard;
  edit(copy);
  return copy;
}
