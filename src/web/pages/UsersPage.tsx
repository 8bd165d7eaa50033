import { Button, Center, Group, Loader, Paper, Tabs, Text, TextInput } from "@mantine/core";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import { IconMailQuestion, IconSearch, IconUserOff, IconUserPlus, IconUsers } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { useSearchParams } from "react-router";
import { useCurrentUser, useUsers } from "../api/queries";
import type { UserStatusFilter } from "../api/types";
import { EmptyState } from "../components/EmptyState";
import { InviteUserModal } from "../components/InviteUserModal";
import { LicenseBanner } from "../components/LicenseBanner";
import { ManageLicensesModal } from "../components/ManageLicensesModal";
import { LoadError } from "../components/LoadError";
import { PageHeader } from "../components/PageHeader";
import { UsersTable } from "../components/UsersTable";

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

function isStatus(value: string | null): value is UserStatusFilter {
  return TABS.some((tab) => tab.value === value);
}

function UsersList({ status, search }: { status: UserStatusFilter; search: string }) {
  const users = useUsers(status, search);
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
    const empty = EMPTY[status];
    return (
      <EmptyState icon={empty.icon} title={empty.title}>
        {empty.text}
      </EmptyState>
    );
  }
  return (
    <>
      <UsersTable users={rows} status={status} />
      <Group justify="space-between" px="md" py="sm" style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}>
        <Text size="xs" c="dimmed">
          Showing {rows.length} {rows.length === 1 ? "user" : "users"}
        </Text>
        {users.hasNextPage && (
          <Button variant="default" size="xs" onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
            Load more
          </Button>
        )}
      </Group>
    </>
  );
}

export function UsersPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get("status");
  const status: UserStatusFilter = isStatus(raw) ? raw : "active";
  const [query, setQuery] = useState("");
  const [search] = useDebouncedValue(query.trim(), 300);
  const me = useCurrentUser();
  const [inviting, invite] = useDisclosure();
  const [managing, manage] = useDisclosure();
  const showTab = (value: string | null) => setParams(value && value !== "active" ? { status: value } : {}, { replace: true });

  return (
    <>
      <PageHeader
        title="Manage users"
        description="Everyone in your firm who holds a license, and those who used to. Invited users hold a license until they accept or the invitation is revoked."
        actions={
          me.permissions.includes("users.manage") && (
            <Button leftSection={<IconUserPlus size={18} stroke={1.6} />} onClick={invite.open}>
              Invite user
            </Button>
          )
        }
      />
      <LicenseBanner onManage={me.permissions.includes("licenses.manage") ? manage.open : undefined} />
      <InviteUserModal opened={inviting} onClose={invite.close} onInvited={() => showTab("invited")} />
      <ManageLicensesModal opened={managing} onClose={manage.close} />
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
            <TextInput
              placeholder="Search name or email"
              aria-label="Search users"
              size="xs"
              w={240}
              mb={8}
              leftSection={<IconSearch size={14} />}
              value={query}
              onChange={(event) => setQuery(event.currentTarget.value)}
            />
          </Group>
        </Tabs>
        <UsersList status={status} search={search} />
      </Paper>
    </>
  );
}
