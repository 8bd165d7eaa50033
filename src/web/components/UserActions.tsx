import { ActionIcon, Menu, Text } from "@mantine/core";
import { useAddons, useAllocateAddon, useDeallocateAddon } from "../api/addons";
import { modals } from "@mantine/modals";
import { IconArrowsExchange, IconCirclePlus, IconCircleMinus, IconDots, IconMailForward, IconMailOff, IconUserCheck, IconUserOff, IconCalendarX } from "@tabler/icons-react";
import { Link } from "react-router";
import { notifyError } from "../api/mutations";
import { useCurrentUser } from "../api/queries";
import { isProblem } from "../api/problem";
import {
  useCancelScheduledDeactivation, useReactivateUser, useResendInvitation, useRevokeInvitation,
} from "../api/userMutations";
import type { User } from "../api/types";
import { formatMoney } from "../format";
import { openDeactivateDialog } from "./DeactivateModal";

/**
 * The row's action menu. Every item is shown only when the server's `abilities`
 * for that user allow it (Reassign work: the firm-wide `reassign_work` of GET /me);
 * the console never works the rules out for itself.
 */
export function UserActions({ user }: { user: User }) {
  const can = user.abilities ?? {};
  const me = useCurrentUser();
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const cancelScheduled = useCancelScheduledDeactivation();
  const reactivate = useReactivateUser();
  const invitationId = user.invitation?.id;
  // ADD-1: the firm's add-ons, read only by those who may give or take them.
  const addons = useAddons(Boolean(can.allocate_addons || (can.deallocate_addons && user.addons.length > 0)));
  const allocate = useAllocateAddon();
  const deallocate = useDeallocateAddon();
  const addonItems = (addons.data ?? []).flatMap((addon) => {
    const target = { addon, userId: user.id, userName: user.name };
    if (user.addons.includes(addon.key)) {
      return can.deallocate_addons
        ? [
            <Menu.Item key={`take-${addon.key}`} leftSection={<IconCircleMinus size={16} />} onClick={() => deallocate.mutate(target, { onError: (e) => notifyError(`Could not take back ${addon.name}`, e) })}>
              Take back {addon.name}
            </Menu.Item>,
          ]
        : [];
    }
    if (!can.allocate_addons || addon.total === 0) return [];
    return [
      <Menu.Item
        key={`give-${addon.key}`}
        leftSection={<IconCirclePlus size={16} />}
        disabled={addon.available === 0}
        onClick={() => allocate.mutate(target, { onError: (e) => notifyError(`Could not give ${addon.name}`, e) })}
      >
        Give {addon.name}
        {addon.available === 0 ? " (none free)" : ""}
      </Menu.Item>,
    ];
  });

  const confirmRevoke = () =>
    modals.openConfirmModal({
      title: "Revoke invitation",
      children: (
        <Text size="sm">
          The link sent to <b>{user.email}</b> will stop working and the license it holds will become available.
        </Text>
      ),
      labels: { confirm: "Revoke invitation", cancel: "Keep it" },
      confirmProps: { color: "red" },
      onConfirm: () => revoke.mutate(user),
    });

  const runReactivate = (confirmPurchase: boolean) =>
    reactivate.mutate(
      { user, confirmPurchase },
      {
        onError: (error) => {
          if (!isProblem(error, "license_purchase_required")) return notifyError("Could not reactivate", error);
          const quote = error.extra.quote as { count: number; amount_cents: number; currency: string } | undefined;
          const amount = quote ? formatMoney(quote.amount_cents, quote.currency) : null;
          modals.openConfirmModal({
            title: "A license is needed",
            children: (
              <Text size="sm">
                No license is available. Reactivating {user.name} buys {quote?.count ?? 1} more license(s)
                {quote ? `, charged ${formatMoney(quote.amount_cents, quote.currency)} now for the rest of this period` : ""}.
              </Text>
            ),
            labels: { confirm: amount ? `Pay ${amount} and reactivate` : "Buy and reactivate", cancel: "Cancel" },
            onConfirm: () => runReactivate(true),
          });
        },
      },
    );

  // DEA-8: reactivating takes a license and gives back roles and groups; it is asked, never done on one click.
  const confirmReactivate = () =>
    modals.openConfirmModal({
      title: `Reactivate ${user.name}`,
      children: (
        <Text size="sm">
          {user.name} will be able to sign in again with {user.email}, with their roles and groups as before (add-on licenses do not
          come back). They will take one of the firm&apos;s licenses; if none is free you will be asked to confirm buying one first.
        </Text>
      ),
      labels: { confirm: "Reactivate", cancel: "Cancel" },
      onConfirm: () => runReactivate(false),
    });

  const items = [
    can.resend_invitation && invitationId && (
      <Menu.Item key="resend" leftSection={<IconMailForward size={16} />} onClick={() => resend.mutate(user)}>
        {user.invitation?.sent_at ? "Resend invitation" : "Send invitation"}
      </Menu.Item>
    ),
    can.revoke_invitation && invitationId && (
      <Menu.Item key="revoke" color="red" leftSection={<IconMailOff size={16} />} onClick={confirmRevoke}>
        Revoke invitation
      </Menu.Item>
    ),
    can.cancel_scheduled_deactivation && user.scheduled_deactivation_at && (
      <Menu.Item key="cancel" leftSection={<IconCalendarX size={16} />} onClick={() => cancelScheduled.mutate(user)}>
        Cancel scheduled deactivation
      </Menu.Item>
    ),
    can.reactivate && (
      <Menu.Item key="reactivate" leftSection={<IconUserCheck size={16} />} onClick={confirmReactivate}>
        Reactivate
      </Menu.Item>
    ),
    ...addonItems,
    me.abilities.reassign_work && user.status !== "invited" && (
      <Menu.Item key="reassign" component={Link} to={`/settings/users/${user.id}/reassign`} leftSection={<IconArrowsExchange size={16} />}>
        Reassign work
      </Menu.Item>
    ),
    can.deactivate && (
      <Menu.Item key="deactivate" color="red" leftSection={<IconUserOff size={16} />} onClick={() => openDeactivateDialog(user)}>
        Deactivate
      </Menu.Item>
    ),
  ].filter(Boolean);

  if (items.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={240}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${user.name}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>{items}</Menu.Dropdown>
    </Menu>
  );
}
