/** Turns records into the API's shapes. Abilities come from the policies, never from here. */
import type { Actor, ReadContext } from "../domain/context.js";
import { fullName, type UserRecord } from "../domain/users/user-record.js";
import { userAbilities } from "../policies/users.js";
import type { FirmOut, UserOut } from "../shared/schemas.js";
import type { firms, subscriptions } from "../db/schema.js";
import { purgeDateOf } from "../shared/closing.js";
import type { SsoSummary } from "../domain/sso/sso-settings.js";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The user as the context's actor sees them, at the context's time. */
export const presentUserTo = (ctx: ReadContext, u: UserRecord): UserOut => presentUser(u, ctx.actor, ctx.clock.now());

export function presentUser(u: UserRecord, actor: Actor, now: Date): UserOut {
  return {
    id: u.id,
    email: u.email,
    first_name: u.firstName,
    last_name: u.lastName,
    name: fullName(u),
    initials: u.initials,
    time_zone: u.timeZone,
    address: u.address,
    city: u.city,
    state: u.state,
    zip: u.zip,
    country: u.country,
    phone: u.phone,
    subscription_type: u.subscriptionType,
    status: u.status,
    is_primary_subscriber: u.isPrimarySubscriber,
    roles: u.roles.map((r) => ({ id: r.id, name: r.name })),
    groups: u.groups,
    addons: u.addons,
    invitation: u.invitation
      ? {
          id: u.invitation.id,
          sent_at: iso(u.invitation.sentAt),
          expires_at: iso(u.invitation.expiresAt),
          expired: u.invitation.expiresAt !== null && u.invitation.expiresAt <= now,
        }
      : null,
    pending_email_change:
      u.pendingEmailChange && u.pendingEmailChange.expiresAt > now
        ? { new_email: u.pendingEmailChange.newEmail, expires_at: u.pendingEmailChange.expiresAt.toISOString() }
        : null,
    deactivated_at: iso(u.deactivatedAt),
    scheduled_deactivation_at: iso(u.scheduledDeactivationAt),
    created_at: u.createdAt.toISOString(),
    updated_at: u.updatedAt.toISOString(),
    two_factor_enabled: u.twoFactorEnabled,
    abilities: userAbilities(actor, u),
  };
}

export function presentFirm(f: typeof firms.$inferSelect, s: typeof subscriptions.$inferSelect, sso: SsoSummary | null): FirmOut {
  return {
    id: f.id,
    name: f.name,
    status: f.status,
    primary_subscriber_id: f.primarySubscriberId,
    subscription: {
      plan: s.plan,
      price_cents: s.priceCents,
      currency: s.currency,
      total_licenses: s.totalLicenses,
      pending_removal: s.pendingRemoval,
      period_start: s.periodStart.toISOString(),
      period_end: s.periodEnd.toISOString(),
      remove_unused_at_renewal: s.removeUnusedAtRenewal,
    },
    sso,
    two_factor_required: f.twoFactorRequired,
    created_at: f.createdAt.toISOString(),
    closed_at: f.closedAt?.toISOString() ?? null,
    purge_at: f.closedAt ? purgeDateOf(f.closedAt).toISOString() : null,
  };
}
