import type { ReactNode } from "react";
import { Anchor, Center, Loader } from "@mantine/core";
import { IconArrowLeft, IconUserQuestion } from "@tabler/icons-react";
import { Link } from "react-router";
import { isProblem } from "../api/problem";
import { useUser, type VersionedUser } from "../api/userEdit";
import { EmptyState } from "./EmptyState";
import { LoadError } from "./LoadError";

/** The way back to where a user's page was reached from. */
export function BackLink({ to = "/settings/users", label = "Manage users" }: { to?: string; label?: string }) {
  return (
    <Anchor component={Link} to={to} size="sm" c="dimmed" mb="xs" display="inline-flex" style={{ alignItems: "center", gap: 4 }}>
      <IconArrowLeft size={14} /> {label}
    </Anchor>
  );
}

/** Loads one user for a page about them: a loader, "not found", a failure, or the page itself. */
export interface LoadedUser {
  versioned: VersionedUser;
  reload: () => void;
  reloading: boolean;
}

export function WithUser({ id, children }: { id: string; children: (loaded: LoadedUser) => ReactNode }) {
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
  return children({ versioned: query.data, reload: () => void query.refetch(), reloading: query.isFetching });
}
