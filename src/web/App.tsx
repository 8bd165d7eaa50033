import type { ReactNode } from "react";
import type { Me } from "./api/types";
import { Center, Loader } from "@mantine/core";
import { Navigate, Outlet, Route, Routes, useLocation } from "react-router";
import { useMe } from "./api/queries";
import { AppLayout } from "./components/AppLayout";
import { LoadError } from "./components/LoadError";
import { AcceptInvitationPage } from "./pages/AcceptInvitationPage";
import { AccountPage } from "./pages/AccountPage";
import { BillingPage } from "./pages/BillingPage";
import { ProvisioningPage } from "./pages/ProvisioningPage";
import { CalendarPage } from "./pages/CalendarPage";
import { ConfirmEmailPage } from "./pages/ConfirmEmailPage";
import { ContactsPage } from "./pages/ContactsPage";
import { EditUserPage } from "./pages/EditUserPage";
import { FeedPage } from "./pages/FeedPage";
import { HomePage } from "./pages/HomePage";
import { NotAllowedPage, NotFoundPage } from "./pages/NotFoundPage";
import { ForgotPasswordPage } from "./pages/ForgotPasswordPage";
import { GroupsPage } from "./pages/GroupsPage";
import { MattersPage } from "./pages/MattersPage";
import { MessagesPage } from "./pages/MessagesPage";
import { ReassignWorkPage } from "./pages/ReassignWorkPage";
import { ReassignmentsPage } from "./pages/ReassignmentsPage";
import { RolesPage } from "./pages/RolesPage";
import { SecurityPage } from "./pages/SecurityPage";
import { ResetPasswordPage } from "./pages/ResetPasswordPage";
import { SessionsPage } from "./pages/SessionsPage";
import { SignInPage } from "./pages/SignInPage";
import { SignUpPage } from "./pages/SignUpPage";
import { SsoPage } from "./pages/SsoPage";
import { TasksPage } from "./pages/TasksPage";
import { UsersPage } from "./pages/UsersPage";
import { WebhooksPage } from "./pages/WebhooksPage";

/** Where someone whose firm requires two-factor, and who has none yet, is kept until they enrol (SES-3). */
const ENROL = "/settings/security";
/** Where a visitor sent to sign in may be taken back to. */
const IN_APP = ["/settings", "/matters", "/tasks", "/calendar", "/home", "/feed", "/contacts", "/messages"];

/** CON-2: an administrator of users starts at Manage users; everyone else at their own home. */
export function landingOf(me: Me): string {
  return me.abilities.manage_users ? "/settings/users" : "/home";
}

/** "/" sends each person to their landing page. */
function Landing() {
  const me = useMe();
  return me.data ? <Navigate to={landingOf(me.data)} replace /> : <Navigate to="/signin" replace />;
}

/** A page for those with `ability` only; anyone else reads why, with a way home, never an error (CON-2). */
function RequireAbility({ ability, children }: { ability: keyof Me["abilities"]; children: ReactNode }) {
  const me = useMe();
  return me.data?.abilities[ability] ? children : <NotAllowedPage />;
}

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
  if (me.data.two_factor_enrollment_required && location.pathname !== ENROL) return <Navigate to={ENROL} replace />;
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
    // A failed test sign-in (SSO-1) of someone already signed in: the SSO settings show why.
    const ssoError = new URLSearchParams(location.search).get("sso_error");
    if (ssoError && me.data.abilities.manage_firm) return <Navigate to={`/settings/sso?sso_error=${encodeURIComponent(ssoError)}`} replace />;
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && IN_APP.some((prefix) => from.startsWith(prefix)) ? from : landingOf(me.data)} replace />;
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
        <Route path="/home" element={<HomePage />} />
        <Route path="/feed" element={<RequireAbility ability="view_feed"><FeedPage /></RequireAbility>} />
        <Route path="/settings/users" element={<RequireAbility ability="manage_users"><UsersPage /></RequireAbility>} />
        <Route path="/settings/users/:id" element={<EditUserPage />} />
        <Route path="/settings/users/:id/reassign" element={<ReassignWorkPage />} />
        <Route path="/matters" element={<MattersPage />} />
        <Route path="/tasks" element={<TasksPage />} />
        <Route path="/calendar" element={<CalendarPage />} />
        <Route path="/contacts" element={<ContactsPage />} />
        <Route path="/messages" element={<MessagesPage />} />
        <Route path="/settings/reassignments" element={<RequireAbility ability="view_reassignments"><ReassignmentsPage /></RequireAbility>} />
        <Route path="/settings/roles" element={<RolesPage />} />
        <Route path="/settings/groups" element={<GroupsPage />} />
        <Route path="/settings/account" element={<AccountPage />} />
        <Route path="/settings/sessions" element={<SessionsPage />} />
        <Route path={ENROL} element={<SecurityPage />} />
        <Route path="/settings/billing" element={<RequireAbility ability="view_billing"><BillingPage /></RequireAbility>} />
        <Route path="/settings/webhooks" element={<RequireAbility ability="manage_firm"><WebhooksPage /></RequireAbility>} />
        <Route path="/settings/provisioning" element={<RequireAbility ability="manage_firm"><ProvisioningPage /></RequireAbility>} />
        <Route path="/settings/sso" element={<RequireAbility ability="manage_firm"><SsoPage /></RequireAbility>} />
        <Route path="/settings" element={<Landing />} />
        <Route path="/" element={<Landing />} />
        {/* Inside the shell: a signed-in person keeps their navigation; a visitor is asked to sign in first. */}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
