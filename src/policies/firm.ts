/**
 * What a person may do firm-wide (ACC-3, CON-2): sent in GET /me as `abilities`, so the console
 * shows and hides from it and never checks permission keys itself. Only what exists is listed.
 */
import { whileOpen } from "./closed-firm.js";
import type { Actor } from "../domain/context.js";
import { reassignmentPolicy } from "./reassignments.js";
import { importPolicy } from "./imports.js";
import { matterPolicy } from "./matters.js";
import { contactPolicy } from "./contacts.js";

const has = (actor: Actor, key: Parameters<Actor["permissions"]["has"]>[0]) => actor.permissions.has(key);

export function firmAbilities(actor: Actor) {
  return whileOpen(actor, {
    invite_users: has(actor, "users.manage"),
    manage_users: has(actor, "users.manage"),
    /** See the license counts: those who invite, manage licenses or read the bills. */
    view_licenses: has(actor, "users.manage") || has(actor, "licenses.manage") || has(actor, "billing.view"),
    manage_licenses: has(actor, "licenses.manage"),
    view_billing: has(actor, "billing.view"),
    manage_roles: has(actor, "roles.manage"),
    manage_groups: has(actor, "groups.manage"),
    view_feed: has(actor, "feed.view"),
    manage_firm: has(actor, "firm.settings"),
    /** ACC-6: only the primary subscriber hands the firm over. */
    transfer_ownership: actor.isPrimarySubscriber,
    /** REA-1: move a user's work to others. */
    reassign_work: reassignmentPolicy.reassign(actor),
    /** IMP: invite many people at once from a CSV file. */
    import_users: importPolicy.import(actor),
    /** PRC-1: open new matters. */
    create_matters: matterPolicy.create(actor),
    /** GRP-3: choose who sees a matter when creating it (editing asks the matter's own abilities). */
    set_matter_access: has(actor, "matters.access"),
    /** GRP-4: set custom billing rates on new matters and contacts. */
    set_custom_rates: has(actor, "rates.manage"),
    /** Add contacts (clients and others). */
    create_contacts: contactPolicy.create(actor),
    /** PRC-5: give tasks to anyone, not only to oneself. */
    assign_tasks_to_anyone: has(actor, "tasks.manage_all"),
    /** REA-9: the past reassignments and their reports. */
    view_reassignments: reassignmentPolicy.view(actor),
    /** CLS-1: close the firm's account (false once it is closed). */
    close_firm: has(actor, "firm.settings"),
    /** CLS-2: download the export of the firm's data, also while it is closed. */
    export_firm: has(actor, "firm.settings"),
  });
}

export type FirmAbilities = ReturnType<typeof firmAbilities>;
