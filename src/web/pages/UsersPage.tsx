import { Button, Center, Group, Loader, Paper, Select, Tabs, TextInput } from "@mantine/core";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import { IconArrowsSort, IconFileImport, IconFilter, IconMailQuestion, IconSearch, IconUserOff, IconUserPlus, IconUsers } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { useSearchParams } from "react-router";
import { useCurrentUser, useUsers } from "../api/queries";
import type { UserFilters, UserSort, UserStatusFilter } from "../api/types";
import { AssignRolesModal } from "../components/AssignRolesModal";
import { BulkActionsBar } from "../components/BulkActionsBar";
import { BulkChangeModal, type BulkAction } from "../components/BulkChangeModal";
import { ImportUsersModal } from "../components/ImportUsersModal";
import { EmptyState } from "../components/EmptyState";
import { InviteUserModal } from "../components/InviteUserModal";
import { LicenseBanner } from "../components/LicenseBanner";
import { ManageLicensesModal } from "../components/ManageLicensesModal";
import { LoadError } from "../components/LoadError";
import { PageHeader } from "../components/PageHeader";
import { ListFooter } from "../components/PracticeParts";
import { UsersTable, type RowSelection } from "../components/UsersTable";
import { exportUrl, FILTER_PARAMS, filtersOf, UserFilterBar } from "../components/UserFilters";
import { useRowSelection } from "../components/useRowSelection";

const TABS: { value: UserStatusFilter; label: string }[] = [
  { value: "active", label: "Active" },
  { value: "invited", label: "Invited" },
  { value: "deactivated", label: "Deactivated" },
  { value: "all", label: "All" },
];

const EMPTY: Record<UserStatusFilter, { icon: ReactNode; title: string; text: string }> = {
  active: {
    icon: <IconUsers size={26} stroke={1.5} />,
    title: "No active users",
    text: "People appear here once they have accepted their invitation and can sign in.",
  },
  invited: {
    icon: <IconMailQuestion size={26} stroke={1.5} />,
    title: "No invited users",
    text: "People you invite are listed here until they accept. Each pending invitation holds a license and expires after 24 hours unless it is resent.",
  },
  deactivated: {
    icon: <IconUserOff size={26} stroke={1.5} />,
    title: "No deactivated users",
    text: "When someone leaves the firm, deactivate them to free their license. Their work stays in place and they can be reactivated later.",
  },
  all: {
    icon: <IconUsers size={26} stroke={1.5} />,
    title: "No users yet",
    text: "Everyone in your firm, whatever their status, is listed here.",
  },
};

const SORTS: { value: UserSort; label: string }[] = [
  { value: "name", label: "Name, A to Z" },
  { value: "-name", label: "Name, Z to A" },
  { value: "email", label: "Email, A to Z" },
  { value: "-email", label: "Email, Z to A" },
  { value: "-created_at", label: "Newest first" },
  { value: "created_at", label: "Oldest first" },
];

function isStatus(value: string | null): value is UserStatusFilter {
  return TABS.some((tab) => tab.value === value);
}

function isSort(value: string | null): value is UserSort {
  return SORTS.some((sort) => sort.value === value);
}

function UsersList({ status, search, sort, filters, selection }: {
  status: UserStatusFilter;
  search: string;
  sort: UserSort;
  filters: UserFilters;
  selection?: RowSelection;
}) {
  const users = useUsers(status, search, sort, filters);
  if (users.isPending) {
    return (
      <Center py={64}>
        <Loader size="sm" aria-label="Loading users" />
      </Center>
    );
  }
  if (users.isError) return <LoadError error={users.error} title="Could not load users" onRetry={() => void users.refetch()} />;

  const rows = users.data.pages.flatMap((page) => page.data);
  if (rows.length === 0) {
    if (search) {
      return (
        <EmptyState icon={<IconSearch size={26} stroke={1.5} />} title="No matching users">
          Nobody in this list matches “{search}”. Check the spelling, or search by email instead.
        </EmptyState>
      );
    }
    if (FILTER_PARAMS.some((key) => filters[key])) {
      return (
        <EmptyState icon={<IconFilter size={26} stroke={1.5} />} title="No matching users">
          Nobody in this list has the role, group and subscription type chosen. Clear a filter to see more.
        </EmptyState>
      );
    }
    const empty = EMPTY[status];
    return (
      <EmptyState icon={empty.icon} title={empty.title}>
        {empty.text}
      </EmptyState>
    );
  }
  return (
    <>
      <UsersTable users={rows} status={status} selection={selection} />
      <ListFooter count={rows.length} noun="user" more={users.hasNextPage} loading={users.isFetchingNextPage} onMore={() => void users.fetchNextPage()} />
    </>
  );
}

export function UsersPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get("status");
  const status: UserStatusFilter = isStatus(raw) ? raw : "active";
  const rawSort = params.get("sort");
  const sort: UserSort = isSort(rawSort) ? rawSort : "name";
  const filters = filtersOf(params);
  const [query, setQuery] = useState("");
  const [search] = useDebouncedValue(query.trim(), 300);
  const me = useCurrentUser();
  const [inviting, invite] = useDisclosure();
  const [managing, manage] = useDisclosure();
  const [assigning, assign] = useDisclosure();
  const [importing, importFile] = useDisclosure();
  const [bulkAction, setBulkAction] = useState<BulkAction | null>(null);
  const picked = useRowSelection();
  // Bulk actions are for managers of users; the server still judges each user (ROL-4, ROL-7, ACC-4).
  const canBulk = me.abilities.manage_users;
  const show = (next: { status?: string; sort?: string; filters?: UserFilters }) => {
    const merged = { status, sort, ...next };
    const out: Record<string, string> = {};
    if (merged.status !== "active") out.status = merged.status;
    if (merged.sort !== "name") out.sort = merged.sort;
    for (const key of FILTER_PARAMS) {
      const value = (merged.filters ?? filters)[key];
      if (value) out[key] = value;
    }
    setParams(out, { replace: true });
  };
  const showTab = (value: string | null) => {
    if (value !== status) picked.clear();
    show({ status: value ?? "active" });
  };

  return (
    <>
      <PageHeader
        title="Manage users"
        description="Everyone in your firm who holds a license, and those who used to. Invited users hold a license until they accept or the invitation is revoked."
        actions={
          (me.abilities.import_users || me.abilities.invite_users) && (
            <Group gap="sm">
              {me.abilities.import_users && (
                <Button variant="default" leftSection={<IconFileImport size={18} stroke={1.6} />} onClick={importFile.open}>
                  Import users
                </Button>
              )}
              {me.abilities.invite_users && (
                <Button leftSection={<IconUserPlus size={18} stroke={1.6} />} onClick={invite.open}>
                  Invite user
                </Button>
              )}
            </Group>
          )
        }
      />
      <LicenseBanner onManage={me.abilities.manage_licenses ? manage.open : undefined} />
      <InviteUserModal opened={inviting} onClose={invite.close} onInvited={() => showTab("invited")} />
      <ManageLicensesModal opened={managing} onClose={manage.close} />
      {me.abilities.import_users && <ImportUsersModal opened={importing} onClose={importFile.close} onShowInvited={() => showTab("invited")} />}
      <BulkChangeModal action={bulkAction} users={picked.users} onClose={() => setBulkAction(null)} onDone={picked.remove} />
      <AssignRolesModal
        opened={assigning}
        users={picked.users}
        onClose={assign.close}
        onDeselect={picked.remove}
        onAssigned={picked.clear}
      />
      <Paper withBorder>
        <Tabs
          style={{ "--tab-border-color": "transparent" }}
          value={status}
          onChange={showTab}
        >
          <Group justify="space-between" align="flex-end" px="md" pt="xs" gap="sm" wrap="wrap" style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
            <Tabs.List>
              {TABS.map((tab) => (
                <Tabs.Tab key={tab.value} value={tab.value}>
                  {tab.label}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Group gap="xs" mb={8} wrap="nowrap">
              <Select
                aria-label="Sort users"
                size="xs"
                w={160}
                data={SORTS}
                value={sort}
                allowDeselect={false}
                leftSection={<IconArrowsSort size={14} />}
                onChange={(value) => show({ sort: value ?? "name" })}
              />
              <TextInput
                placeholder="Search name or email"
                aria-label="Search users"
                size="xs"
                w={240}
                leftSection={<IconSearch size={14} />}
                value={query}
                onChange={(event) => setQuery(event.currentTarget.value)}
              />
            </Group>
          </Group>
        </Tabs>
        <UserFilterBar filters={filters} onChange={(next) => show({ filters: next })} exportHref={exportUrl({ status, q: search, sort, filters })} />
        {canBulk && picked.users.length > 0 && (
          <BulkActionsBar count={picked.users.length} onAssignRoles={assign.open} onAction={setBulkAction} onClear={picked.clear} />
        )}
        <UsersList status={status} search={search} sort={sort} filters={filters} selection={canBulk ? picked.selection : undefined} />
      </Paper>
    </>
  );
}
