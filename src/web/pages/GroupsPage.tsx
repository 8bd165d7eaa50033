import { useMemo, useState } from "react";
import { Button, Center, Loader, Paper, Tabs, Text } from "@mantine/core";
import { modals } from "@mantine/modals";
import { IconArchive, IconPlus, IconUsersGroup } from "@tabler/icons-react";
import { useSearchParams } from "react-router";
import { useArchiveGroup, usePeople } from "../api/groups";
import { useCurrentUser, useGroups } from "../api/queries";
import type { Group } from "../api/types";
import { EmptyState } from "../components/EmptyState";
import { GroupModal } from "../components/GroupModal";
import { GroupsTable, type GroupRowActions } from "../components/GroupsTable";
import { LoadError } from "../components/LoadError";
import { PageHeader } from "../components/PageHeader";
import { plural } from "../format";

function CreateButton({ onCreate }: { onCreate: () => void }) {
  return (
    <Button variant="light" mt="xs" leftSection={<IconPlus size={16} />} onClick={onCreate}>
      Create group
    </Button>
  );
}

function GroupsList({ archived, actions, onCreate }: { archived: boolean; actions?: GroupRowActions; onCreate?: () => void }) {
  const groups = useGroups(archived);
  // An empty Active tab reads differently when archived groups exist (CON-4: what the server holds).
  const archivedGroups = useGroups(true);
  const people = usePeople();
  const byId = useMemo(() => new Map((people.data ?? []).map((u) => [u.id, u])), [people.data]);
  if (groups.isPending) {
    return (
      <Center py={64}>
        <Loader size="sm" aria-label="Loading groups" />
      </Center>
    );
  }
  if (groups.isError) return <LoadError error={groups.error} title="Could not load groups" onRetry={() => void groups.refetch()} />;
  if (groups.data.length === 0) {
    return archived ? (
      <EmptyState icon={<IconArchive size={26} stroke={1.5} />} title="No archived groups">
        A group you archive keeps its members and comes back with them when you unarchive it.
      </EmptyState>
    ) : archivedGroups.data && archivedGroups.data.length > 0 ? (
      <EmptyState icon={<IconUsersGroup size={26} stroke={1.5} />} title="No active groups" action={onCreate && <CreateButton onCreate={onCreate} />}>
        Every group is archived: {plural(archivedGroups.data.length, "archived group")} in the Archived tab. Unarchive one there, or create a new
        group.
      </EmptyState>
    ) : (
      <EmptyState
        icon={<IconUsersGroup size={26} stroke={1.5} />}
        title="No groups yet"
        action={onCreate && <CreateButton onCreate={onCreate} />}
      >
        Groups gather the people who work together, such as a practice area or an office, so they can be given access
        and rates at once.
      </EmptyState>
    );
  }
  return <GroupsTable groups={groups.data} people={byId} actions={actions} />;
}

/** Groups (GRP-1, GRP-2): active and archived, created and edited here, archived with care. */
export function GroupsPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const archived = params.get("view") === "archived";
  const [dialog, setDialog] = useState<{ group?: Group } | null>(null);
  const archive = useArchiveGroup();
  const canManage = me.abilities.manage_groups;

  const confirmArchive = (group: Group, toArchive: boolean) =>
    modals.openConfirmModal({
      title: toArchive ? `Archive ${group.name}` : `Unarchive ${group.name}`,
      children: (
        <Text size="sm">
          {toArchive
            ? `Its ${plural(group.member_ids.length, "member")} stay in it, but the group no longer grants access and cannot be chosen for anything new. You can unarchive it later.`
            : `The group grants access again and can be chosen as before, with its ${plural(group.member_ids.length, "member")}.`}
        </Text>
      ),
      labels: { confirm: toArchive ? "Archive group" : "Unarchive group", cancel: "Cancel" },
      confirmProps: toArchive ? { color: "red" } : undefined,
      onConfirm: () => archive.mutate({ group, archive: toArchive }),
    });

  const actions: GroupRowActions | undefined = canManage
    ? { onEdit: (group) => setDialog({ group }), onArchive: confirmArchive }
    : undefined;
  const create = canManage ? () => setDialog({}) : undefined;

  return (
    <>
      <PageHeader
        title="Groups"
        description="Groups gather people who work together. An archived group keeps its members but grants no access and cannot be chosen for anything new."
        actions={
          create && (
            <Button leftSection={<IconPlus size={18} stroke={1.6} />} onClick={create}>
              Create group
            </Button>
          )
        }
      />
      <GroupModal opened={dialog !== null} group={dialog?.group} onClose={() => setDialog(null)} />
      <Paper withBorder>
        <Tabs
          style={{ "--tab-border-color": "transparent" }}
          value={archived ? "archived" : "active"}
          onChange={(value) => setParams(value === "archived" ? { view: "archived" } : {}, { replace: true })}
        >
          <Tabs.List px="md" pt="xs" style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
            <Tabs.Tab value="active">Active</Tabs.Tab>
            <Tabs.Tab value="archived">Archived</Tabs.Tab>
          </Tabs.List>
        </Tabs>
        <GroupsList archived={archived} actions={actions} onCreate={create} />
      </Paper>
    </>
  );
}
