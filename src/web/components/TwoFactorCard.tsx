import { useState } from "react";
import { Badge, Button, Center, Group, Loader, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { applyProblemToForm } from "../api/forms";
import { useDisableTwoFactor, useRefreshMe, useTwoFactor } from "../api/twoFactor";
import { FormAlert } from "./FormAlert";
import { LoadError } from "./LoadError";
import { TwoFactorEnrol } from "./TwoFactorEnrol";

/** Turning it off asks for the password and a code, as the server does. */
function DisableForm() {
  const disable = useDisableTwoFactor();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { password: "", code: "" },
    validate: { password: (v) => (v ? null : "Enter your password"), code: (v) => (v.trim() ? null : "Enter a code") },
  });
  const submit = form.onSubmit((values) => {
    setAlert(null);
    disable.mutate({ password: values.password, code: values.code.trim() }, { onError: (error) => setAlert(applyProblemToForm(form, error)) });
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Turn off two-factor sign-in">
      <Stack gap="sm">
        <FormAlert>{alert}</FormAlert>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <PasswordInput label="Your password" autoComplete="current-password" key={form.key("password")} {...form.getInputProps("password")} />
          <TextInput label="Code from the app, or a recovery code" autoComplete="one-time-code" key={form.key("code")} {...form.getInputProps("code")} />
        </SimpleGrid>
        <Group>
          <Button type="submit" variant="default" color="red" loading={disable.isPending}>
            Turn off two-factor sign-in
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** SES-3: one's own second factor: its state, enrolment, and turning it off. */
export function TwoFactorCard() {
  const state = useTwoFactor();
  const refreshMe = useRefreshMe();
  const [enrolling, setEnrolling] = useState(false);
  let body;
  if (state.isPending) body = <Center py="md"><Loader size="sm" aria-label="Loading" /></Center>;
  else if (state.isError) body = <LoadError error={state.error} onRetry={() => void state.refetch()} />;
  else if (enrolling || !state.data.enabled) {
    body = (
      <TwoFactorEnrol
        onStart={() => setEnrolling(true)}
        onDone={() => {
          setEnrolling(false);
          void refreshMe();
        }}
      />
    );
  } else {
    body = (
      <Stack gap="sm">
        <Text size="sm">
          Signing in asks for a code from your authenticator app. Recovery codes left: <b data-testid="recovery-codes-left">{state.data.recovery_codes_left}</b>
        </Text>
        {state.data.required_by_firm ? <Text size="sm" c="dimmed">Your firm requires two-factor sign-in, so it cannot be turned off.</Text> : <DisableForm />}
      </Stack>
    );
  }
  return (
    <Paper withBorder p="lg" data-testid="two-factor-card">
      <Stack gap="md">
        <Group gap="sm">
          <Title order={3} size="h4">
            Two-factor sign-in
          </Title>
          {state.data && (
            <Badge color={state.data.enabled ? "teal.9" : "gray.7"} variant="light">
              {state.data.enabled ? "On" : "Off"}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          A code from an app on your phone, besides your password, whenever you sign in with a password.
        </Text>
        {body}
      </Stack>
    </Paper>
  );
}
