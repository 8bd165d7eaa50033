import { useState } from "react";
import { Badge, Button, Center, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { modals } from "@mantine/modals";
import { useAddonQuote, useAddons, useBuyAddon, useOptOutOfTrial } from "../api/addons";
import { useIdempotencyKey } from "../api/idempotency";
import { notifyError } from "../api/mutations";
import { problemMessage } from "../api/problem";
import { useCurrentUser, useLicenses } from "../api/queries";
import type { Addon } from "../api/types";
import { formatDate, formatMoney, plural } from "../format";
import { CountRow, validCount } from "./LicenseForms";
import { LoadError } from "./LoadError";

const STATUS: Record<Addon["status"], { label: string; color: string }> = {
  inactive: { label: "Not bought", color: "gray.9" },
  active: { label: "Active", color: "teal.9" },
  trial: { label: "Free trial", color: "navy.9" },
  opted_out: { label: "Trial declined", color: "gray.9" },
};

/** Buying more of an add-on: the prorated price first, then a confirmation naming the amount (CON-3). */
function BuyAddon({ addon, periodEnd, per }: { addon: Addon; periodEnd: string; per: string }) {
  const [value, setValue] = useState<number | string>(1);
  const [debounced] = useDebouncedValue(value, 250);
  const count = validCount(debounced);
  const quote = useAddonQuote(addon.key, count);
  const buy = useBuyAddon();
  const idempotency = useIdempotencyKey();
  const ready = quote.data && count !== null && quote.data.count === validCount(value);
  const trial = addon.status === "trial";

  const confirm = () => {
    if (!ready) return;
    const q = quote.data;
    const amount = formatMoney(q.amount_cents, q.currency);
    modals.openConfirmModal({
      title: `Add ${addon.name} licenses`,
      children: (
        <Text size="sm" data-testid="addon-purchase-confirmation">
          {trial ? (
            <>
              {plural(q.count, "license")} will join the free trial at once. Nothing is charged now; they convert to paid with the rest of the trial
              on {formatDate(addon.trial_ends_at!)} unless you opt out.
            </>
          ) : (
            <>
              {plural(q.count, "license")} will be added at once and <b>{amount}</b> charged now, prorated to {formatDate(periodEnd)}. Each then
              renews at {formatMoney(addon.price_cents, addon.currency)} per {per}.
            </>
          )}
        </Text>
      ),
      labels: { confirm: trial ? "Add to the trial" : `Pay ${amount}`, cancel: "Cancel" },
      onConfirm: () => {
        const body = { addon: addon.key, count: q.count, trial: false };
        buy.mutate(
          { ...body, key: idempotency.keyFor(body) },
          { onSuccess: () => { idempotency.reset(); setValue(1); }, onError: (error) => notifyError(`Could not buy ${addon.name} licenses`, error) },
        );
      },
    });
  };

  return (
    <Stack gap={4}>
      <CountRow label={`${addon.name} licenses to add`} value={value} onChange={setValue} error={value !== "" && validCount(value) === null ? "From 1 to 10,000" : null}>
        <Button onClick={confirm} disabled={!ready} loading={buy.isPending} miw={200} variant={addon.trial_available ? "default" : "filled"}>
          {ready ? (quote.data.amount_cents === 0 ? "Add licenses" : `Buy and pay ${formatMoney(quote.data.amount_cents, quote.data.currency)}`) : "Buy licenses"}
        </Button>
      </CountRow>
      {quote.isError && <Text size="sm" c="red">{problemMessage(quote.error)}</Text>}
    </Stack>
  );
}

/** ADD-3: the work add-on's free trial, started on an explicit confirmation. */
function StartTrial({ addon }: { addon: Addon }) {
  const buy = useBuyAddon();
  const idempotency = useIdempotencyKey();
  const [value, setValue] = useState<number | string>(1);
  const count = validCount(value);
  const start = () => {
    if (count === null) return;
    modals.openConfirmModal({
      title: `Start the ${addon.name} trial`,
      children: (
        <Text size="sm" data-testid="trial-confirmation">
          {plural(count, "license")} of {addon.name}, free for {addon.trial_days} days. At the end of the trial they convert to paid at{" "}
          {formatMoney(addon.price_cents, addon.currency)} each per period, prorated, unless you opt out before then.
        </Text>
      ),
      labels: { confirm: "Start the free trial", cancel: "Cancel" },
      onConfirm: () => {
        const body = { addon: addon.key, count, trial: true };
        buy.mutate({ ...body, key: idempotency.keyFor(body) }, { onError: (error) => notifyError("Could not start the trial", error) });
      },
    });
  };
  return (
    <CountRow label="Licenses to try" value={value} onChange={setValue} error={value !== "" && count === null ? "From 1 to 10,000" : null}>
      <Button onClick={start} disabled={count === null} loading={buy.isPending} miw={200}>
        Start {addon.trial_days}-day free trial
      </Button>
    </CountRow>
  );
}

function OptOut({ addon }: { addon: Addon }) {
  const optOut = useOptOutOfTrial();
  const confirm = () =>
    modals.openConfirmModal({
      title: `Opt out of the ${addon.name} trial`,
      children: (
        <Text size="sm">
          The trial ends now and nothing is charged. The {plural(addon.allocated, "person", "people")} holding {addon.name} will lose it.
        </Text>
      ),
      labels: { confirm: "Opt out", cancel: "Keep the trial" },
      confirmProps: { color: "red" },
      onConfirm: () => optOut.mutate(undefined, { onError: (error) => notifyError("Could not opt out", error) }),
    });
  return (
    <Button variant="default" color="red" onClick={confirm} loading={optOut.isPending}>
      Opt out of the trial
    </Button>
  );
}

function AddonSection({ addon, periodEnd, per, canBuy }: { addon: Addon; periodEnd: string; per: string; canBuy: boolean }) {
  const status = STATUS[addon.status];
  return (
    <Stack gap="sm" p="lg" data-testid={`addon-${addon.key}`} style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Title order={5}>{addon.name}</Title>
          <Badge variant="light" color={status.color}>
            {status.label}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {formatMoney(addon.price_cents, addon.currency)} per license per {per}
        </Text>
      </Group>
      <Text size="sm" data-testid={`addon-${addon.key}-counts`}>
        {plural(addon.total, "license")} · {addon.allocated} held · {addon.available} free
      </Text>
      {addon.status === "trial" && addon.trial_ends_at && (
        <Text size="sm" c="dimmed">
          Free until {formatDate(addon.trial_ends_at)}; it then converts to paid unless you opt out.
        </Text>
      )}
      {canBuy && (
        <Group align="flex-end" gap="lg" wrap="wrap">
          {addon.trial_available ? <StartTrial addon={addon} /> : <BuyAddon addon={addon} periodEnd={periodEnd} per={per} />}
          {addon.status === "trial" && <OptOut addon={addon} />}
        </Group>
      )}
    </Stack>
  );
}

/** ADD-1, ADD-3: the firm's add-ons on the Billing page: licenses, holders, trial, buying. */
export function AddonsCard() {
  const me = useCurrentUser();
  const addons = useAddons();
  const licenses = useLicenses();
  const per = licenses.data?.plan === "annual" ? "year" : "month";
  return (
    <Paper withBorder>
      <Stack gap={2} p="lg" pb="sm">
        <Title order={4}>Add-ons</Title>
        <Text size="sm" c="dimmed">
          Extra features for some of your people. Give them from each person&apos;s actions in Manage users.
        </Text>
      </Stack>
      {addons.isPending || licenses.isPending ? (
        <Center py={32}>
          <Loader size="sm" aria-label="Loading add-ons" />
        </Center>
      ) : addons.isError ? (
        <LoadError error={addons.error} title="Could not load add-ons" onRetry={() => void addons.refetch()} />
      ) : (
        addons.data.map((addon) => (
          <AddonSection key={addon.key} addon={addon} periodEnd={licenses.data?.period_end ?? ""} per={per} canBuy={me.abilities.manage_licenses} />
        ))
      )}
    </Paper>
  );
}
