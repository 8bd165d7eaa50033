/**
 * Offboarding (DEA-1..3, DEA-5, DEA-9, REA-1): deactivate now or on a date, free the license at
 * the next bill or not, and, when the person still holds open work, say where it goes (a plan with
 * its preview) or leave it where it is.
 */
import { useState } from "react";
import { Alert, Anchor, Button, Checkbox, Divider, Group, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { modals } from "@mantine/modals";
import { IconCircleCheck, IconLock } from "@tabler/icons-react";
import { Link } from "react-router";
import { isProblem } from "../api/problem";
import { useCurrentUser } from "../api/queries";
import { chosenTargets, hasTarget, planProblem, useDeactivate, type HeldWork, type ReassignTargets, type WorkKind } from "../api/reassignments";
import type { DeactivateBody, Deactivated, User } from "../api/types";
import { formatDate } from "../format";
import { FormAlert } from "./FormAlert";
import { PlanPreview, TargetSelects, workCounts } from "./ReassignPlan";

type When = "now" | "later";
type Plan = "reassign" | "leave";

const HELD: { key: keyof HeldWork; one: string }[] = [
  { key: "matters", one: "matter" },
  { key: "tasks", one: "task" },
  { key: "events", one: "event" },
  { key: "private_matters", one: "private matter" },
];

/** What the person still holds, as the server counted it; private matters by number only (DEA-5). */
function HeldCounts({ held }: { held: HeldWork }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" data-testid="held-work">
      {HELD.map(({ key, one }) => (
        <Paper key={key} withBorder p="xs" radius="md" data-testid={`held-${key}`}>
          <Text fz={22} fw={600} lh={1.2}>
            {held[key] ?? 0}
          </Text>
          <Group gap={4} wrap="nowrap">
            {key === "private_matters" && <IconLock size={12} aria-hidden />}
            <Text size="xs" c="dimmed">
              {(held[key] ?? 0) === 1 ? one : `${one}s`}
            </Text>
          </Group>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** A `datetime-local` value as an ISO UTC time; null when empty or not a time. */
function isoOf(local: string): string | null {
  const time = new Date(local);
  return local && !Number.isNaN(time.getTime()) ? time.toISOString() : null;
}

function Done({ user, result, onClose }: { user: User; result: Deactivated; onClose: () => void }) {
  const me = useCurrentUser();
  const moved = result.reassignment;
  const scheduled = result.user.status !== "deactivated";
  return (
    <Stack gap="sm" data-testid="deactivation-done">
      <Group gap="xs" wrap="nowrap">
        <IconCircleCheck size={22} color="var(--mantine-color-teal-8)" aria-hidden />
        <Text fw={600}>
          {scheduled
            ? `${user.name} will be deactivated on ${formatDate(result.user.scheduled_deactivation_at, true)}.`
            : `${user.name} was deactivated.`}
        </Text>
      </Group>
      {moved && (
        <Text size="sm">
          Moved {workCounts(moved)}.
        </Text>
      )}
      {result.private_matters > 0 && (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />}>
          {result.private_matters === 1
            ? `1 private matter stays private: nobody can open it until ${user.name} is reactivated.`
            : `${result.private_matters} private matters stay private: nobody can open them until ${user.name} is reactivated.`}
        </Alert>
      )}
      <Group justify="flex-end" mt="xs">
        {me.abilities.reassign_work && (
          <Anchor component={Link} to={`/settings/users/${user.id}/reassign`} size="sm" onClick={onClose}>
            Reassign other work
          </Anchor>
        )}
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}

function OffboardingForm({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (result: Deactivated) => void }) {
  const deactivate = useDeactivate();
  const [when, setWhen] = useState<When>("now");
  const [at, setAt] = useState("");
  const [removeLicense, setRemoveLicense] = useState(false);
  const [held, setHeld] = useState<HeldWork | null>(null);
  const [plan, setPlan] = useState<Plan>("reassign");
  const [targets, setTargets] = useState<ReassignTargets>({});
  const [error, setError] = useState<string | null>(null);
  const [targetErrors, setTargetErrors] = useState<Partial<Record<WorkKind, string>>>({});

  const submit = () => {
    setError(null);
    setTargetErrors({});
    const body: DeactivateBody = { remove_license_at_next_bill: removeLicense };
    if (when === "later") {
      const iso = isoOf(at);
      if (!iso) return setError("Choose the date and time of the deactivation.");
      body.at = iso;
    }
    if (held && plan === "leave") body.leave_work = true;
    if (held && plan === "reassign") {
      if (!hasTarget(targets)) return setError("Choose who receives at least one kind of work, or leave the work where it is.");
      body.reassign = chosenTargets(targets);
    }
    deactivate.mutate(
      { user, body },
      {
        onSuccess: onDone,
        onError: (err) => {
          if (isProblem(err, "reassignment_required")) {
            setHeld((err.extra.counts ?? {}) as HeldWork);
            return;
          }
          const refused = planProblem(err);
          setTargetErrors(refused.byKind);
          setError(refused.message);
        },
      },
    );
  };

  const label = when === "later" ? "Schedule deactivation" : held ? (plan === "leave" ? "Deactivate and leave work" : "Deactivate and reassign") : "Deactivate";
  return (
    <Stack gap="md">
      <Text size="sm">
        {user.name} will be signed out everywhere and can no longer sign in. Nothing is deleted, and you can reactivate them later.
        If they still hold open work, you choose where it goes before anything changes.
      </Text>
      <Radio.Group label="When" value={when} onChange={(value) => setWhen(value as When)}>
        <Group gap="lg" mt={6}>
          <Radio value="now" label="Now" />
          <Radio value="later" label="On a date" />
        </Group>
      </Radio.Group>
      {when === "later" && (
        <TextInput
          type="datetime-local"
          label="Deactivate on"
          description="Until then they work as usual. You can cancel it from their row."
          value={at}
          onChange={(event) => {
            setAt(event.currentTarget.value);
            setError(null);
          }}
          w={420}
          maw="100%"
        />
      )}
      <Checkbox
        label="Remove the license at the next bill"
        description="Otherwise the freed license stays on the subscription for someone else."
        checked={removeLicense}
        onChange={(event) => setRemoveLicense(event.currentTarget.checked)}
      />
      {held && (
        <>
          <Divider />
          <Stack gap="xs">
            <Title order={3} fz="md">
              What {user.name} still holds
            </Title>
            <HeldCounts held={held} />
            <Radio.Group label="Their work" value={plan} onChange={(value) => setPlan(value as Plan)}>
              <Stack gap={6} mt={6}>
                <Radio value="reassign" label="Reassign it to active colleagues" />
                <Radio value="leave" label="Leave the work where it is" description={`Records keep naming “(Inactive) ${user.name}”; you can reassign it later.`} />
              </Stack>
            </Radio.Group>
            {plan === "reassign" && (
              <Stack gap="sm">
                <TargetSelects fromUserId={user.id} targets={targets} onChange={setTargets} errors={targetErrors} />
                <PlanPreview fromUserId={user.id} targets={targets} />
              </Stack>
            )}
          </Stack>
        </>
      )}
      <FormAlert>{error}</FormAlert>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button color="red" loading={deactivate.isPending} onClick={submit}>
          {label}
        </Button>
      </Group>
    </Stack>
  );
}

function DeactivateFlow({ user, onClose }: { user: User; onClose: () => void }) {
  const [result, setResult] = useState<Deactivated | null>(null);
  return result ? <Done user={user} result={result} onClose={onClose} /> : <OffboardingForm user={user} onClose={onClose} onDone={setResult} />;
}

/**
 * Opens the Deactivate dialog. Through the modals manager, so it outlives the row it was opened
 * from: once deactivated, the user leaves the Active list while the dialog says what happened.
 */
export function openDeactivateDialog(user: User) {
  const modalId = `deactivate-${user.id}`;
  modals.open({
    modalId,
    title: `Deactivate ${user.name}`,
    size: "xl",
    children: <DeactivateFlow user={user} onClose={() => modals.close(modalId)} />,
  });
}
