/** SES-3: whether the signed-in user has a second factor, whether the firm requires one, and the recovery codes left. */
import type { ReadContext } from "../context.js";
import { loadFirm } from "../firms/load-firm.js";
import { findFactor } from "./factor.js";

export async function getTwoFactor({ db, actor }: ReadContext) {
  const [factor, { firm }] = await Promise.all([findFactor(db, actor.firmId, actor.userId), loadFirm(db, actor.firmId)]);
  const enabled = !!factor?.enabledAt;
  return { enabled, required_by_firm: firm.twoFactorRequired, recovery_codes_left: enabled ? factor.recoveryCodeHashes.length : 0 };
}
