import { useState } from "react";
import { Alert, Anchor, Button, Center, Loader, PasswordInput, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconClockX, IconLinkOff } from "@tabler/icons-react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { applyProblemToForm } from "../api/forms";
import { useAcceptInvitation } from "../api/invitationMutations";
import { isProblem } from "../api/problem";
import { useInvitationLookup } from "../api/queries";
import type { InvitationLookup } from "../api/types";
import { AuthLayout } from "../components/AuthLayout";
import { LoadError } from "../components/LoadError";
import { FormAlert } from "../components/FormAlert";

const PASSWORD_MIN = 12;

/** A link that cannot be used: why, and what the person can do about it. */
function Unusable({ reason, firmName }: { reason: "expired" | "invalid"; firmName?: string }) {
  const expired = reason === "expired";
  return (
    <AuthLayout
      width={500}
      title={expired ? "This invitation has expired" : "This invitation link does not work"}
      footer={
        <>
          Already have an account?{" "}
          <Anchor component={Link} to="/signin" fw={500}>
            Sign in
          </Anchor>
        </>
      }
    >
      <Alert
        color={expired ? "orange" : "red"}
        variant="light"
        icon={expired ? <IconClockX size={18} /> : <IconLinkOff size={18} />}
        role="alert"
        mt="sm"
      >
        {expired ? (
          <>
            Invitation links are valid for 24 hours. Ask the administrator at {firmName ?? "your firm"} to send you a new
            invitation; the new email will have a fresh link.
          </>
        ) : (
          <>
            It may have been used already, replaced by a newer invitation, or revoked. Use the link in the most recent
            invitation email, or ask your firm's administrator to send a new one.
          </>
        )}
      </Alert>
    </AuthLayout>
  );
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationLookup }) {
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const [alert, setAlert] = useState<string | null>(null);
  const [gone, setGone] = useState<"expired" | "invalid" | null>(null);
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { first_name: invitation.first_name, last_name: invitation.last_name, password: "" },
    validate: {
      first_name: (v) => (v.trim() ? null : "Enter your first name"),
      last_name: (v) => (v.trim() ? null : "Enter your last name"),
      password: (v) => (v.length >= PASSWORD_MIN ? null : `Use at least ${PASSWORD_MIN} characters`),
    },
  });

  const submit = form.onSubmit((values) => {
    setAlert(null);
    accept.mutate(
      { token, first_name: values.first_name.trim(), last_name: values.last_name.trim(), password: values.password },
      {
        onSuccess: () => void navigate("/", { replace: true }),
        onError: (error) => {
          if (isProblem(error, "invitation_expired")) setGone("expired");
          else if (isProblem(error, "invitation_invalid")) setGone("invalid");
          else setAlert(applyProblemToForm(form, error));
        },
      },
    );
  });

  if (gone) return <Unusable reason={gone} firmName={invitation.firm_name} />;
  return (
    <AuthLayout
      width={520}
      title={`Join ${invitation.firm_name}`}
      subtitle="You have been invited to Chambers. Confirm your name and choose a password to finish setting up your account."
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormAlert>{alert}</FormAlert>
          <TextInput label="Email" value={invitation.email} readOnly variant="filled" description="You will sign in with this address." />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput label="First name" autoComplete="given-name" key={form.key("first_name")} {...form.getInputProps("first_name")} />
            <TextInput label="Last name" autoComplete="family-name" key={form.key("last_name")} {...form.getInputProps("last_name")} />
          </SimpleGrid>
          <PasswordInput
            label="Password"
            autoComplete="new-password"
            autoFocus
            description={`At least ${PASSWORD_MIN} characters. A passphrase is easiest to remember.`}
            key={form.key("password")}
            {...form.getInputProps("password")}
          />
          <Button type="submit" fullWidth mt="xs" loading={accept.isPending}>
            Accept invitation
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

/** INV-6: where the firm requires single sign-on, the invitation is accepted by signing in through it. */
function AcceptWithSso({ invitation }: { invitation: InvitationLookup }) {
  return (
    <AuthLayout width={520} title={`Join ${invitation.firm_name}`} subtitle="Your firm signs in to Chambers through its identity provider.">
      <Stack gap="md">
        <TextInput label="Email" value={invitation.email} readOnly variant="filled" description="Sign in to your identity provider with this address." />
        <Button component="a" href={invitation.sso_login_path ?? undefined} fullWidth mt="xs">
          Accept with single sign-on
        </Button>
      </Stack>
    </AuthLayout>
  );
}

/** The public page an invitation email links to (INV-6): /accept-invitation?token=… */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get("token")?.trim() ?? "";
  const lookup = useInvitationLookup(token);

  const unknown = ["invitation_invalid", "not_found", "validation_failed"].some((code) => isProblem(lookup.error, code));
  if (!token || unknown) return <Unusable reason="invalid" />;
  if (lookup.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading invitation" />
      </Center>
    );
  }
  if (lookup.isError) return <LoadError error={lookup.error} title="Could not open this invitation" onRetry={() => void lookup.refetch()} />;
  if (lookup.data.expired) return <Unusable reason="expired" firmName={lookup.data.firm_name} />;
  if (lookup.data.sso_required) return <AcceptWithSso invitation={lookup.data} />;
  return <AcceptForm token={token} invitation={lookup.data} />;
}
