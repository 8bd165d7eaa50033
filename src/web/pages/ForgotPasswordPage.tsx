import { useState } from "react";
import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertCircle, IconClockPause, IconMailForward } from "@tabler/icons-react";
import { Link } from "react-router";
import { applyProblemToForm, EMAIL_SHAPE } from "../api/forms";
import { useRequestPasswordReset } from "../api/passwords";
import { isProblem } from "../api/problem";
import { AuthLayout } from "../components/AuthLayout";

/** "45 seconds", "12 minutes": how long to wait before asking again (SEC-8). */
function waitText(seconds: number | null): string {
  if (seconds === null) return "a few minutes";
  if (seconds < 120) return `${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

function BackToSignIn() {
  return (
    <>
      Remembered it?{" "}
      <Anchor component={Link} to="/signin" fw={500}>
        Back to sign in
      </Anchor>
    </>
  );
}

/**
 * Asks for a password-reset link (ACC-9). Whatever the address, the answer is the same: the
 * page never says whether an account uses it.
 */
export function ForgotPasswordPage() {
  const request = useRequestPasswordReset();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [alert, setAlert] = useState<{ text: string; limited: boolean } | null>(null);
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { email: "" },
    validate: { email: (v) => (EMAIL_SHAPE.test(v.trim()) ? null : "Enter a valid email address") },
  });

  const submit = form.onSubmit((values) => {
    setAlert(null);
    const email = values.email.trim();
    request.mutate(email, {
      onSuccess: () => setSentTo(email),
      onError: (error) => {
        if (isProblem(error, "rate_limited")) {
          setAlert({ text: `Too many attempts. Try again in ${waitText(error.retryAfterSeconds)}.`, limited: true });
        } else {
          const text = applyProblemToForm(form, error);
          setAlert(text ? { text, limited: false } : null);
        }
      },
    });
  });

  if (sentTo) {
    return (
      <AuthLayout width={480} title="Check your email" footer={<BackToSignIn />}>
        <Stack gap="md" mt="sm">
          <Alert color="teal" variant="light" icon={<IconMailForward size={18} />} role="status" data-testid="reset-requested">
            If an account uses this address, a link to reset its password is on its way. It works for one hour.
          </Alert>
          <Text size="sm" c="dimmed">
            Your password stays as it is until the link is followed. Nothing after a few minutes? Check your spam
            folder, or{" "}
            <Anchor component="button" type="button" size="sm" onClick={() => setSentTo(null)}>
              ask again
            </Anchor>
            .
          </Text>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      width={480}
      title="Reset your password"
      subtitle="Enter the email you sign in with. We will send you a link to choose a new password."
      footer={<BackToSignIn />}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {alert && (
            <Alert
              color={alert.limited ? "orange" : "red"}
              variant="light"
              icon={alert.limited ? <IconClockPause size={18} /> : <IconAlertCircle size={18} />}
              role="alert"
            >
              {alert.text}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            autoFocus
            key={form.key("email")}
            {...form.getInputProps("email")}
          />
          <Button type="submit" fullWidth mt="xs" loading={request.isPending}>
            Send reset link
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
