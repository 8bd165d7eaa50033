import { useState, type ReactNode } from "react";
import { Alert, Anchor, Button, Stack, Text } from "@mantine/core";
import { IconAt, IconCircleCheck, IconClockX, IconLinkOff } from "@tabler/icons-react";
import { Link, useSearchParams } from "react-router";
import { useConfirmEmailChange } from "../api/emailChange";
import { isProblem, problemMessage } from "../api/problem";
import { useMe } from "../api/queries";
import { AuthLayout } from "../components/AuthLayout";
import { FormAlert } from "../components/FormAlert";

type Gone = "invalid" | "expired" | "taken";

const GONE: Record<Gone, { title: string; color: string; icon: ReactNode; text: string }> = {
  invalid: {
    title: "This confirmation link does not work",
    color: "red",
    icon: <IconLinkOff size={18} />,
    text: "It may have been used already, or replaced by a newer request to change the email. Use the link in the most recent email, or ask for the change again.",
  },
  expired: {
    title: "This confirmation link has expired",
    color: "orange",
    icon: <IconClockX size={18} />,
    text: "Confirmation links are valid for 24 hours, and your login email has not changed. Ask for the change again from your profile, or ask your firm's administrator; the new email will have a fresh link.",
  },
  taken: {
    title: "This email address is already in use",
    color: "orange",
    icon: <IconAt size={18} />,
    text: "Another account has used this address since the change was asked for, so your login email has not changed. Ask for the change again with a different address.",
  },
};

function goneOf(error: unknown): Gone | null {
  if (isProblem(error, "link_expired")) return "expired";
  if (isProblem(error, "email_in_use")) return "taken";
  if (isProblem(error, "not_found") || isProblem(error, "validation_failed")) return "invalid";
  return null;
}

/** Where to go next: the console for someone signed in on this browser, sign-in for anyone else. */
function Onward() {
  const me = useMe();
  if (me.data) {
    return (
      <Anchor component={Link} to="/" fw={500}>
        Go to Chambers
      </Anchor>
    );
  }
  return (
    <Anchor component={Link} to="/signin" fw={500}>
      Sign in
    </Anchor>
  );
}

function Done({ email }: { email: string }) {
  const me = useMe();
  return (
    <AuthLayout width={500} title="Your login email has changed">
      <Stack gap="lg" mt="sm">
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} role="status" data-testid="email-confirmed">
          Your login email is now <b>{email}</b>. Other sessions were signed out.
        </Alert>
        <Button component={Link} to={me.data ? "/" : "/signin"} fullWidth>
          {me.data ? "Continue to Chambers" : "Sign in with your new email"}
        </Button>
      </Stack>
    </AuthLayout>
  );
}

/**
 * The public page a confirmation email links to (EML-1, EML-3): /confirm-email?token=…
 * Nothing is sent on load: mail scanners open links, and one would use this one up.
 */
export function ConfirmEmailPage() {
  const [params] = useSearchParams();
  const token = params.get("token")?.trim() ?? "";
  const confirm = useConfirmEmailChange();
  const [gone, setGone] = useState<Gone | null>(token ? null : "invalid");
  const [email, setEmail] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);

  if (email) return <Done email={email} />;
  if (gone) {
    const g = GONE[gone];
    return (
      <AuthLayout width={500} title={g.title} footer={<Onward />}>
        <Alert color={g.color} variant="light" icon={g.icon} role="alert" mt="sm">
          {g.text}
        </Alert>
      </AuthLayout>
    );
  }

  const submit = () => {
    setAlert(null);
    confirm.mutate(token, {
      onSuccess: (user) => setEmail(user.email),
      onError: (error) => {
        const reason = goneOf(error);
        if (reason) setGone(reason);
        else setAlert(problemMessage(error));
      },
    });
  };

  return (
    <AuthLayout
      width={500}
      title="Confirm your new login email"
      subtitle="One last step to change the email you sign in to Chambers with."
    >
      <Stack gap="md">
        <FormAlert>{alert}</FormAlert>
        <Text size="sm">
          Once confirmed, you sign in with the address this link was sent to, and your other sessions are signed out.
          Until then, nothing changes.
        </Text>
        <Button fullWidth onClick={submit} loading={confirm.isPending}>
          Confirm new email
        </Button>
      </Stack>
    </AuthLayout>
  );
}
