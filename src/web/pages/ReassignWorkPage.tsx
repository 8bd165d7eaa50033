import { useState } from "react";
import { Alert, Anchor, Box, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconArrowsExchange, IconCircleCheck, IconDownload, IconLock } from "@tabler/icons-react";
import { useParams, Link } from "react-router";
import { useCurrentUser } from "../api/queries";
import {
  KINDS, hasTarget, planProblem, reportUrl, targetField, useReassign, useReassignPreview, type ReassignTargets, type Reassignment, type WorkKind,
} from "../api/reassignments";
import type { User } from "../api/types";
import { EmptyState } from "../components/EmptyState";
import { FormAlert } from "../components/FormAlert";
import { PageHeader } from "../components/PageHeader";
import { PlanPreview, TargetSelects, workCounts } from "../components/ReassignPlan";
import { StatusBadge } from "../components/UserBadges";
import { BackLink, WithUser } from "../components/WithUser";
import { formatDate, plural } from "../format";

function Finished({ reassignment, onAgain }: { reassignment: Reassignment; onAgain: () => void }) {
  return (
    <Alert color="teal.9" variant="light" icon={<IconCircleCheck size={18} />} title="Work reassigned" data-testid="reassign-done">
      <Stack gap="xs">
        <Text size="sm">
          Moved {workCounts(reassignment.counts)} on {formatDate(reassignment.created_at, true)}. Everyone who received work has been told.
        </Text>
        <Group gap="md">
          <Anchor href={reportUrl(reassignment.id)} download size="sm" fw={500} display="inline-flex" style={{ alignItems: "center", gap: 4 }}>
            <IconDownload size={16} aria-hidden /> Download the report (CSV)
          </Anchor>
          <Button variant="default" size="xs" onClick={onAgain}>
            Reassign more
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function ReassignForm({ user }: { user: User }) {
  const [targets, setTargets] = useState<ReassignTargets>({});
  const [done, setDone] = useState<Reassignment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [targetErrors, setTargetErrors] = useState<Partial<Record<WorkKind, string>>>({});
  const preview = useReassignPreview(user.id, targets);
  const reassign = useReassign();
  const moving = preview.data ? KINDS.filter((kind) => targets[targetField(kind)]).reduce((sum, kind) => sum + (preview.data[kind]?.count ?? 0), 0) : 0;

  if (done) {
    return (
      <Finished
        reassignment={done}
        onAgain={() => {
          setDone(null);
          setTargets({});
        }}
      />
    );
  }
  const confirm = () => {
    setError(null);
    setTargetErrors({});
    reassign.mutate(
      { fromUserId: user.id, targets },
      {
        onSuccess: setDone,
        onError: (err) => {
          const refused = planProblem(err);
          setTargetErrors(refused.byKind);
          setError(refused.message);
        },
      },
    );
  };
  return (
    <Stack gap="lg">
      <Paper withBorder p="lg">
        <Title order={3} fz="md" mb={4}>
          Who receives it
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Choose an active colleague for each kind of work to move; leave a kind empty to keep it where it is.
        </Text>
        <TargetSelects fromUserId={user.id} targets={targets} onChange={setTargets} errors={targetErrors} />
      </Paper>
      <Paper withBorder p="lg">
        <Title order={3} fz="md" mb="sm">
          Preview
        </Title>
        <PlanPreview fromUserId={user.id} targets={targets} />
      </Paper>
      <FormAlert>{error}</FormAlert>
      <Group justify="flex-end">
        <Button
          leftSection={<IconArrowsExchange size={16} />}
          disabled={!hasTarget(targets) || !preview.data || moving === 0}
          loading={reassign.isPending}
          onClick={confirm}
        >
          {moving > 0 ? `Reassign ${plural(moving, "item")}` : "Reassign"}
        </Button>
      </Group>
    </Stack>
  );
}

/** Reassign work (REA-1..9): from any active or deactivated user, per kind, after a preview; then the report. */
export function ReassignWorkPage() {
  const { id = "" } = useParams();
  const me = useCurrentUser();
  return (
    <WithUser id={id}>
      {({ versioned: { user } }) => (
        <Box maw={960}>
          <BackLink to={`/settings/users/${user.id}`} label={user.name.trim() || user.email} />
          <PageHeader
            title="Reassign work"
            aside={<StatusBadge user={user} />}
            description={`Move ${user.name}’s open matters, tasks and upcoming events to active colleagues. Closed, private and past work stays where it is.`}
            actions={
              me.abilities.view_reassignments && (
                <Anchor component={Link} to={`/settings/reassignments?from_user_id=${encodeURIComponent(user.id)}`} size="sm">
                  Past reassignments from {user.name.trim() || user.email}
                </Anchor>
              )
            }
          />
          {me.abilities.reassign_work ? (
            <ReassignForm user={user} />
          ) : (
            <EmptyState icon={<IconLock size={26} stroke={1.5} />} title="You cannot reassign work">
              Ask an administrator who manages users to reassign this work.
            </EmptyState>
          )}
        </Box>
      )}
    </WithUser>
  );
}
