import { Alert, Anchor, Box, Center, Loader, Text } from "@mantine/core";
import { IconArrowLeft, IconLock, IconUserQuestion } from "@tabler/icons-react";
import { Link, useParams } from "react-router";
import { isProblem } from "../api/problem";
import { useUser } from "../api/userEdit";
import { EditUserForm } from "../components/EditUserForm";
import { EmptyState } from "../components/EmptyState";
import { LoginEmailCard } from "../components/LoginEmailCard";
import { LoadError } from "../components/LoadError";
import { PageHeader } from "../components/PageHeader";
import { StatusBadge } from "../components/UserBadges";
import { UserActions } from "../components/UserActions";
import { UserSessionsCard } from "../components/UserSessionsCard";
import { editableOf } from "../components/userFormValues";

function BackLink() {
  return (
    <Anchor component={Link} to="/settings/users" size="sm" c="dimmed" mb="xs" display="inline-flex" style={{ alignItems: "center", gap: 4 }}>
      <IconArrowLeft size={14} /> Manage users
    </Anchor>
  );
}

/** Edit user (USR-5, ACC-4, ACC-5, EML-1, EML-3, SES-2): what the viewer may change follows the record's abilities. */
export function EditUserPage() {
  const { id = "" } = useParams();
  const query = useUser(id);
  if (query.isPending) {
    return (
      <Center py={64}>
        <Loader size="sm" aria-label="Loading user" />
      </Center>
    );
  }
  if (query.isError) {
    if (isProblem(query.error, "not_found")) {
      return (
        <>
          <BackLink />
          <EmptyState icon={<IconUserQuestion size={26} stroke={1.5} />} title="User not found">
            This user does not exist in your firm, or you cannot see them.
          </EmptyState>
        </>
      );
    }
    return <LoadError error={query.error} title="Could not load this user" onRetry={() => void query.refetch()} />;
  }

  const { user, etag } = query.data;
  const readOnly = !Object.values(editableOf(user)).some(Boolean);
  return (
    <Box maw={880}>
      <BackLink />
      <PageHeader
        title={user.name.trim() || user.email}
        aside={<StatusBadge user={user} />}
        description={user.email}
        actions={<UserActions user={user} />}
      />
      {readOnly && (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />} mb="lg" data-testid="read-only-note">
          <Text size="sm">
            {user.is_primary_subscriber
              ? "This is the primary subscriber's account. Only they can change their profile, login email and roles."
              : "You can see this user's details but not change them."}
          </Text>
        </Alert>
      )}
      <LoginEmailCard key={user.id} user={user} />
      <EditUserForm key={`${user.id}:${etag}`} versioned={query.data} onReload={() => void query.refetch()} reloading={query.isFetching} />
      <UserSessionsCard key={`sessions:${user.id}`} user={user} />
    </Box>
  );
}
