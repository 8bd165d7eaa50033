import { Center, Loader } from "@mantine/core";
import { Navigate, Outlet, Route, Routes, useLocation } from "react-router";
import { useMe } from "./api/queries";
import { AppLayout } from "./components/AppLayout";
import { LoadError } from "./components/LoadError";
import { AcceptInvitationPage } from "./pages/AcceptInvitationPage";
import { AccountPage } from "./pages/AccountPage";
import { BillingPage } from "./pages/BillingPage";
import { CalendarPage } from "./pages/CalendarPage";
import { ConfirmEmailPage } from "./pages/ConfirmEmailPage";
import { ContactsPage } from "./pages/ContactsPage";
import { EditUserPage } from "./pages/EditUserPage";
import { ForgotPasswordPage } from "./pages/ForgotPasswordPage";
import { GroupsPage } from "./pages/GroupsPage";
import { MattersPage } from "./pages/MattersPage";
import { MessagesPage } from "./pages/MessagesPage";
import { ReassignWorkPage } from "./pages/ReassignWorkPage";
import { ReassignmentsPage } from "./pages/ReassignmentsPage";
import { RolesPage } from "./pages/RolesPage";
import { ResetPasswordPage } from "./pages/ResetPasswordPage";
import { SessionsPage } from "./pages/SessionsPage";
import { SignInPage } from "./pages/SignInPage";
import { SignUpPage } from "./pages/SignUpPage";
import { TasksPage } from "./pages/TasksPage";
import { UsersPage } from "./pages/UsersPage";

const HOME = "/settings/users";
/** Where a visitor sent to sign in may be taken back to. */
const IN_APP = ["/settings", "/matters", "/tasks", "/calendar", "/contacts", "/messages"];

function FullPageLoader() {
  return (
    <Center h="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

/** Waits for /me, then shows the signed-in shell or sends the visitor to sign in. */
function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageLoader />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  return (
    <AppLayout>
      <Outlet />
    </AppLayout>
  );
}

/** Sign-in and sign-up are for visitors; a signed-in user goes home. */
function GuestOnly() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageLoader />;
  if (me.data) {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && IN_APP.some((prefix) => from.startsWith(prefix)) ? from : HOME} replace />;
  }
  return <Outlet />;
}

export function App() {
  return (
    <Routes>
      <Route element={<GuestOnly />}>
        <Route path="/signin" element={<SignInPage />} />
        <Route path="/signup" element={<SignUpPage />} />
      </Route>
      {/* Public whether or not someone is signed in on this browser: the links are for whom they were mailed to. */}
      <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
      <Route path="/confirm-email" element={<ConfirmEmailPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route element={<RequireAuth />}>
        <Route path="/settings/users" element={<UsersPage />} />
        <Route path="/settings/users/:id" element={<EditUserPage />} />
        <Route path="/settings/users/:id/reassign" element={<ReassignWorkPage />} />
        <Route path="/matters" element={<MattersPage />} />
        <Route path="/tasks" element={<TasksPage />} />
        <Route path="/calendar" element={<CalendarPage />} />
        <Route path="/contacts" element={<ContactsPage />} />
        <Route path="/messages" element={<MessagesPage />} />
        <Route path="/settings/reassignments" element={<ReassignmentsPage />} />
        <Route path="/settings/roles" element={<RolesPage />} />
        <Route path="/settings/groups" element={<GroupsPage />} />
        <Route path="/settings/account" element={<AccountPage />} />
        <Route path="/settings/sessions" element={<SessionsPage />} />
        <Route path="/settings/billing" element={<BillingPage />} />
        <Route path="/settings" element={<Navigate to={HOME} replace />} />
      </Route>
      <Route path="*" element={<Navigate to={HOME} replace />} />
    </Routes>
  );
}
