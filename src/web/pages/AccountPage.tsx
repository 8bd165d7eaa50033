import { useState, type ReactNode } from "react";
import { Alert, Badge, Center, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconCrown } from "@tabler/icons-react";
import { useCurrentUser, useFirm, useLicenses } from "../api/queries";
import { useUser } from "../api/userEdit";
import { LicenseStats } from "../components/LicenseStats";
import { LoadError } from "../components/LoadError";
import { PageHeader } from "../components/PageHeader";
import { TransferOwnershipCard } from "../components/TransferOwnershipCard";
import { CloseAccountCard } from "../components/CloseAccountCard";
import { formatDate, formatMoney } from "../format";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: 0.4 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function LicensesCard() {
  // Shown to those the server lets read licenses; a 403 simply hides the card.
  const licenses = useLicenses();
  const closed = useCurrentUser().firm.status === "closed";
  if (!licenses.data) return null;
  const l = licenses.data;
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="md">
        Licenses
      </Title>
      <LicenseStats licenses={l} />
      <Text size="sm" c="dimmed" mt="md">
        {closed
          ? "The account is closed: it does not renew, and nothing more is billed."
          : `Renews on ${formatDate(l.next_renewal_at)}. Estimated next bill: ${formatMoney(l.next_bill_estimate_cents, l.currency)}.`}
      </Text>
    </Paper>
  );
}

/** The firm's owner (ACC-2), by name once their record is loaded. */
function PrimarySubscriber({ id }: { id: string }) {
  const me = useCurrentUser();
  const owner = useUser(id);
  if (id === me.id) return <>{me.name} (you)</>;
  return <>{owner.data?.user.name ?? "—"}</>;
}

export function AccountPage() {
  const me = useCurrentUser();
  const firm = useFirm();
  const [transferredTo, setTransferredTo] = useState<string | null>(null);
  if (firm.isPending) {
    return (
      <Center py={64}>
        <Loader size="sm" aria-label="Loading account" />
      </Center>
    );
  }
  if (firm.isError) return <LoadError error={firm.error} onRetry={() => void firm.refetch()} />;
  const { name, status, subscription: sub } = firm.data;

  return (
    <>
      <PageHeader title="Account" description="Your firm's account and subscription." />
      <Stack gap="lg">
        {transferredTo && (
          <Alert
            color="teal"
            variant="light"
            icon={<IconCrown size={18} />}
            title="Ownership transferred"
            withCloseButton
            onClose={() => setTransferredTo(null)}
            data-testid="ownership-transferred"
          >
            {transferredTo} is now the primary subscriber of {name}. You stay an administrator.
          </Alert>
        )}
        <Paper withBorder p="lg">
          <Group justify="space-between" mb="md">
            <Title order={4}>Firm</Title>
            <Badge color={status === "active" ? "teal.9" : "gray.9"} variant="light">
              {status === "active" ? "Active" : "Closed"}
            </Badge>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="lg">
            <Field label="Firm name">{name}</Field>
            <Field label="Primary subscriber">
              <PrimarySubscriber id={firm.data.primary_subscriber_id} />
            </Field>
            <Field label="Plan">{sub.plan === "annual" ? "Annual" : "Monthly"}</Field>
            <Field label="Price per license">
              {formatMoney(sub.price_cents, sub.currency)} / {sub.plan === "annual" ? "year" : "month"}
            </Field>
            <Field label="Licenses">
              {sub.total_licenses}
              {sub.pending_removal > 0 ? ` (${sub.pending_removal} to be removed at renewal)` : ""}
            </Field>
            <Field label="Renewal">
              {sub.plan === "annual" && sub.remove_unused_at_renewal ? "Unused licenses are removed at renewal" : "All licenses renew"}
            </Field>
            <Field label="Current period">
              {formatDate(sub.period_start)} – {formatDate(sub.period_end)}
            </Field>
            {firm.data.closed_at && <Field label="Closed on">{formatDate(firm.data.closed_at)}</Field>}
            {firm.data.purge_at && <Field label="Data deleted on">{formatDate(firm.data.purge_at)}</Field>}
          </SimpleGrid>
        </Paper>
        <LicensesCard />
        {me.abilities.transfer_ownership && <TransferOwnershipCard onTransferred={setTransferredTo} />}
        {me.abilities.close_firm && <CloseAccountCard />}
      </Stack>
    </>
  );
}
