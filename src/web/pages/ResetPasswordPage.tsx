import { useState } from "react";
import { Alert, Anchor, Button, PasswordInput, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconCircleCheck, IconClockX, IconLinkOff } from "@tabler/icons-react";
import { Link, useSearchParams } from "react-router";
import { LIMITS } from "../../shared/limits";
import { applyProblemToForm } from "../api/forms";
import { useConfirmPasswordReset } from "../api/passwords";
import { fieldName, isProblem } from "../api/problem";
import { AuthLayout } from "../components/AuthLayout";
import { FormAlert } from "../components/FormAlert";

type Gone = "invalid" | "expired";

function goneOf(error: unknown): Gone | null {
  if (isProblem(error, "reset_expired")) return "expired";
  if (isProblem(error, "reset_invalid")) return "invalid";
  // A token the server cannot even read is a link that does not work.
  if (isProblem(error, "validation_failed") && error.errors.some((e) => fieldName(e.path) === "token")) return "invalid";
  return null;
}

function BackToSignIn() {
  return (
    <>
      Remembered it?{" "}
      <Anchor component={Link} to="/signin" fw={500}>
        Sign in
      </Anchor>
    </>
  );
}

/** A link that cannot be used: why, and where to ask for a new one. */
function Unusable({ reason }: { reason: Gone }) {
  const expired = reason === "expired";
  return (
    <AuthLayout
      width={500}
      title={expired ? "This reset link has expired" : "This reset link is not valid"}
      footer={<BackToSignIn />}
    >
      <Stack gap="lg" mt="sm">
        <Alert
          color={expired ? "orange" : "red"}
          variant="light"
          icon={expired ? <IconClockX size={18} /> : <IconLinkOff size={18} />}
          role="alert"
          data-testid="reset-unusable"
        >
          {expired
            ? "Reset links work for one hour, and this one has run out. Your password has not changed. Ask for a new link; the new email will have a fresh one."
            : "It may have been used already, or replaced by a newer link. Your password has not changed by following it. Use the link in the most recent email, or ask for a new link."}
        </Alert>
        <Button component={Link} to="/forgot-password" fullWidth>
          Ask for a new link
        </Button>
      </Stack>
    </AuthLayout>
  );
}

function Done() {
  return (
    <AuthLayout width={500} title="Your password has been changed">
      <Stack gap="lg" mt="sm">
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} role="status" data-testid="password-reset-done">
          You can now sign in with your new password. Every session and API token you had has been signed out, on
          every device.
        </Alert>
        <Button component={Link} to="/signin" fullWidth>
          Sign in
        </Button>
      </Stack>
    </AuthLayout>
  );
}

/**
 * The public page a reset email links to (ACC-9): /reset-password?token=…
 * Nothing is sent on load: mail scanners open links, and the link works once.
 */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get("token")?.trim() ?? "";
  const confirm = useConfirmPasswordReset();
  const [gone, setGone] = useState<Gone | null>(token ? null : "invalid");
  const [done, setDone] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { new_password: "", confirm_password: "" },
    validate: {
      new_password: (v) => (v.length >= LIMITS.passwordMin ? null : `Use at least ${LIMITS.passwordMin} characters`),
      confirm_password: (v, values) => (v === values.new_password ? null : "The passwords do not match"),
    },
  });

  if (done) return <Done />;
  if (gone) return <Unusable reason={gone} />;

  const submit = form.onSubmit((values) => {
    setAlert(null);
    confirm.mutate(
      { token, new_password: values.new_password },
      {
        onSuccess: () => setDone(true),
        onError: (error) => {
          const reason = goneOf(error);
          if (reason) setGone(reason);
          else setAlert(applyProblemToForm(form, error));
        },
      },
    );
  });

  return (
    <AuthLayout
      width={480}
      title="Choose a new password"
      subtitle="Once it is set, every session and API token of your account is signed out, and you sign in again with the new password."
      footer={<BackToSignIn />}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormAlert>{alert}</FormAlert>
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            autoFocus
            description={`At least ${LIMITS.passwordMin} characters. A passphrase is easiest to remember.`}
            key={form.key("new_password")}
            {...form.getInputProps("new_password")}
          />
          <PasswordInput
            label="Confirm new password"
            autoComplete="new-password"
            key={form.key("confirm_password")}
            {...form.getInputProps("confirm_password")}
          />
          <Text size="xs" c="dimmed">
            The link works once, for one hour after it was sent.
          </Text>
          <Button type="submit" fullWidth mt="xs" loading={confirm.isPending}>
            Set new password
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
