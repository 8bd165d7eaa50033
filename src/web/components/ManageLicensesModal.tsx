import { Alert, Button, Center, Divider, Group, Loader, Modal, Stack, Switch, Text } from "@mantine/core";
import { IconCalendarEvent } from "@tabler/icons-react";
import { notifyError } from "../api/mutations";
import { useCancelRemoval, useRenewalOption } from "../api/licenseMutations";
import { useCurrentUser, useLicenses } from "../api/queries";
import type { Licenses } from "../api/types";
import { formatDate, formatMoney, plural } from "../format";
import { LicenseStats } from "./LicenseStats";
import { AddLicenses, RemoveLicenses } from "./LicenseForms";
import { LoadError } from "./LoadError";

function PendingRemoval({ licenses: l }: { licenses: Licenses }) {
  const cancel = useCancelRemoval();
  if (l.pending_removal === 0) return null;
  return (
    <Alert color="orange.9" variant="light" icon={<IconCalendarEvent size={18} />} data-testid="pending-removal">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Text size="sm">
          {plural(l.pending_removal, "license")} {l.pending_removal === 1 ? "is" : "are"} scheduled for removal on{" "}
          {formatDate(l.next_renewal_at)}.
        </Text>
        <Button
          size="xs"
          variant="white"
          color="orange"
          loading={cancel.isPending}
          onClick={() => cancel.mutate(undefined, { onError: (e) => notifyError("Could not cancel the removal", e) })}
        >
          Cancel removal
        </Button>
      </Group>
    </Alert>
  );
}

/** LIC-5: annual plans only; changing it needs the firm.settings permission. */
function RenewalOption({ licenses: l }: { licenses: Licenses }) {
  const me = useCurrentUser();
  const renewal = useRenewalOption();
  if (l.plan !== "annual") return null;
  const allowed = me.abilities.manage_firm;
  return (
    <Switch
      checked={l.remove_unused_at_renewal}
      disabled={!allowed || renewal.isPending}
      onChange={(event) =>
        renewal.mutate(event.currentTarget.checked, { onError: (e) => notifyError("Could not change the renewal option", e) })
      }
      label="Remove unused licenses at renewal"
      description={
        allowed
          ? "At renewal the total drops to the number of licenses in use, so you are not billed for empty seats."
          : "Only an administrator with account settings access can change this."
      }
    />
  );
}

/** Total, in use, available, pending removal; add, remove, cancel a removal; the renewal option. */
export function ManageLicensesModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const licenses = useLicenses();
  const l = licenses.data;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Manage licenses"
      size={640}
      // CON-5: Escape closes this dialog only when pressed in it. A purchase's confirmation opens
      // over it, in a dialog of its own, and Escape there closes that alone (Mantine's own
      // Escape would close both at once: every open dialog listens to the whole window).
      closeOnEscape={false}
      onKeyDown={(event: React.KeyboardEvent) => {
        if (event.key === "Escape" && !event.nativeEvent.isComposing) onClose();
      }}
    >
      {licenses.isPending ? (
        <Center py="xl">
          <Loader size="sm" aria-label="Loading licenses" />
        </Center>
      ) : !l ? (
        <LoadError error={licenses.error} title="Could not load licenses" onRetry={() => void licenses.refetch()} />
      ) : (
        <Stack gap="lg">
          <Stack gap="xs">
            <LicenseStats licenses={l} />
            <Text size="sm" c="dimmed">
              {l.plan === "annual" ? "Annual" : "Monthly"} plan at {formatMoney(l.price_cents, l.currency)} per license. The
              current period ends on {formatDate(l.period_end)}; estimated next bill{" "}
              {formatMoney(l.next_bill_estimate_cents, l.currency)}.
            </Text>
          </Stack>
          <PendingRemoval licenses={l} />
          <AddLicenses licenses={l} />
          <Divider />
          <RemoveLicenses licenses={l} />
          {l.plan === "annual" && (
            <>
              <Divider />
              <RenewalOption licenses={l} />
            </>
          )}
        </Stack>
      )}
    </Modal>
  );
}
