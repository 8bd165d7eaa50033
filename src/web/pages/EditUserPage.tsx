import { Alert, Box, Button, Group, Text } from "@mantine/core";
import { IconArrowsExchange, IconLock } from "@tabler/icons-react";
import { Link, useParams } from "react-router";
import { useCurrentUser } from "../api/queries";
import { EditUserForm } from "../components/EditUserForm";
import { LoginEmailCard } from "../components/LoginEmailCard";
import { PageHeader } from "../components/PageHeader";
import { ResetTwoFactorButton } from "../components/ResetTwoFactorButton";
import { StatusBadge } from "../components/UserBadges";
import { UserActions } from "../components/UserActions";
import { UserActivityCard } from "../components/UserActivityCard";
import { UserSessionsCard } from "../components/UserSessionsCard";
import { editableOf } from "../components/userFormValues";
import { BackLink, WithUser, type LoadedUser } from "../components/WithUser";

/** Edit user (USR-5, ACC-4, ACC-5, EML-1, EML-3, SES-2): what the viewer may change follows the record's abilities. */
export function EditUserPage() {
  const { id = "" } = useParams();
  return <WithUser id={id}>{(loaded) => <EditUser {...loaded} />}</WithUser>;
}

function EditUser({ versioned, reload, reloading }: LoadedUser) {
  const me = useCurrentUser();
  const { user, etag } = versioned;
  const readOnly = !Object.values(editableOf(user)).some(Boolean);
  return (
    <Box maw={880}>
      <BackLink />
      <PageHeader
        title={user.name.trim() || user.email}
        aside={<StatusBadge user={user} />}
        description={user.email}
        actions={
          <Group gap="sm">
            {me.abilities.reassign_work && user.status !== "invited" && (
              <Button variant="default" component={Link} to={`/settings/users/${user.id}/reassign`} leftSection={<IconArrowsExchange size={16} />}>
                Reassign work
              </Button>
            )}
            <ResetTwoFactorButton user={user} />
            <UserActions user={user} />
          </Group>
        }
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
      <EditUserForm key={`${user.id}:${etag}`} versioned={versioned} onReload={reload} reloading={reloading} />
      <UserSessionsCard key={`sessions:${user.id}`} user={user} />
      {user.abilities.view_activity && <UserActivityCard key={`activity:${user.id}`} user={user} />}
    </Box>
  );
}
