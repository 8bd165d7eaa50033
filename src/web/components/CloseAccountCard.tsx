import { useState } from "react";
import { Alert, Button, Group, List, Paper, PasswordInput, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { modals } from "@mantine/modals";
import { IconAlertCircle, IconDoorExit } from "@tabler/icons-react";
import { useCloseFirm } from "../api/closing";
import { applyProblemToForm } from "../api/forms";
import { fieldName, isProblem } from "../api/problem";
import { useCurrentUser } from "../api/queries";
import { CLOSING } from "../../shared/closing";
import { LIMITS } from "../../shared/limits";

interface Values {
  reason: string;
  firm_name: string;
  password: string;
}

/** What closing does, said before the form and again in the confirmation (CLS-2). */
function Consequences() {
  return (
    <List size="sm" spacing={4}>
      <List.Item>Everyone is signed out at once, you included; API and provisioning tokens stop working.</List.Item>
      <List.Item>No further charge is made: renewals and scheduled changes are cancelled.</List.Item>
      <List.Item>
        For {CLOSING.purgeAfterDays} days the data stays read-only: only administrators can sign in, to read it and download
        an export.
      </List.Item>
      <List.Item>After {CLOSING.purgeAfterDays} days every record of the firm is deleted for good.</List.Item>
    </List>
  );
}

/**
 * CLS-1: an administrator closes the firm's account, giving a reason, their password and the
 * firm's name typed exactly, after a confirmation that repeats what will happen.
 */
export function CloseAccountCard() {
  const me = useCurrentUser();
  const close = useCloseFirm();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: "uncontrolled",
    initialValues: { reason: "", firm_name: "", password: "" },
    validate: {
      reason: (v) => (v.trim() ? null : "Say why the account is being closed"),
      firm_name: (v) => (v ? null : "Type the firm's name"),
      password: (v) => (v ? null : "Enter your password"),
    },
  });

  const send = (values: Values) => {
    setAlert(null);
    close.mutate(values, {
      onError: (err: unknown) => {
        if (isProblem(err) && err.errors.some((e) => fieldName(e.path) === "password")) form.setFieldValue("password", "");
        setAlert(applyProblemToForm(form, err));
      },
    });
  };

  const confirm = form.onSubmit((values) => {
    modals.openConfirmModal({
      title: `Close ${me.firm.name}'s account?`,
      children: (
        <Stack gap="xs">
          <Text size="sm">This cannot be undone.</Text>
          <Consequences />
        </Stack>
      ),
      labels: { confirm: "Close the account", cancel: "Keep the account" },
      confirmProps: { color: "red" },
      onConfirm: () => send(values),
    });
  });

  return (
    <Paper withBorder p="lg" data-testid="close-account">
      <Stack gap="xs" mb="md" maw={680}>
        <Title order={4}>Close account</Title>
        <Text size="sm" c="dimmed">
          Closing the account of {me.firm.name}:
        </Text>
        <Consequences />
      </Stack>
      <form onSubmit={confirm} noValidate>
        <Stack gap="md" maw={680}>
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {alert}
            </Alert>
          )}
          <Textarea
            label="Why are you closing the account?"
            required
            autosize
            minRows={2}
            maxLength={LIMITS.closeReasonMax}
            key={form.key("reason")}
            {...form.getInputProps("reason")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Firm name"
              required
              autoComplete="off"
              description={`Type “${me.firm.name}” exactly, with the same capitals and spaces.`}
              key={form.key("firm_name")}
              {...form.getInputProps("firm_name")}
            />
            <PasswordInput
              label="Your password"
              required
              autoComplete="current-password"
              description="The one you sign in with."
              key={form.key("password")}
              {...form.getInputProps("password")}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" color="red" variant="light" leftSection={<IconDoorExit size={16} />} loading={close.isPending}>
              Close account
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
