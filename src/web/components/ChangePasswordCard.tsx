import { useState } from "react";
import { Alert, Button, Group, Paper, PasswordInput, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconLockCheck } from "@tabler/icons-react";
import { LIMITS } from "../../shared/limits";
import { applyProblemToForm } from "../api/forms";
import { useChangePassword } from "../api/passwords";
import { fieldName, isProblem } from "../api/problem";
import { FormAlert } from "./FormAlert";

const SIGNED_OUT = "Your other sessions and API tokens were signed out; this one stays signed in.";

/** Change of one's own password with the current one (ACC-9). */
export function ChangePasswordCard() {
  const change = useChangePassword();
  const [alert, setAlert] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { current_password: "", new_password: "", confirm_password: "" },
    validate: {
      current_password: (v) => (v ? null : "Enter your current password"),
      new_password: (v) => (v.length >= LIMITS.passwordMin ? null : `Use at least ${LIMITS.passwordMin} characters`),
      confirm_password: (v, values) => (v === values.new_password ? null : "The passwords do not match"),
    },
  });

  const submit = form.onSubmit((values) => {
    setAlert(null);
    setChanged(false);
    change.mutate(
      { current_password: values.current_password, new_password: values.new_password },
      {
        onSuccess: () => {
          form.reset();
          setChanged(true);
        },
        onError: (error) => {
          // A wrong current password is typed again from scratch; anything else keeps what was typed.
          if (isProblem(error) && error.errors.some((e) => fieldName(e.path) === "current_password")) {
            form.setFieldValue("current_password", "");
          }
          setAlert(applyProblemToForm(form, error));
        },
      },
    );
  });

  return (
    <Paper withBorder p="lg" data-testid="change-password-card">
      <form onSubmit={submit} noValidate aria-labelledby="change-password-title">
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={4} id="change-password-title">
              Change password
            </Title>
            <Text size="sm" c="dimmed">
              You need your current password. Once changed, every other session and API token of yours is signed out.
              Forgot it? Sign out and use “Forgot password?” on the sign-in page.
            </Text>
          </Stack>
          {changed && (
            <Alert
              color="teal"
              variant="light"
              icon={<IconLockCheck size={18} />}
              role="status"
              withCloseButton
              closeButtonLabel="Dismiss"
              onClose={() => setChanged(false)}
              data-testid="password-changed"
            >
              <b>Password changed.</b> {SIGNED_OUT}
            </Alert>
          )}
          <FormAlert>{alert}</FormAlert>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              key={form.key("current_password")}
              {...form.getInputProps("current_password")}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <PasswordInput
              label="New password"
              autoComplete="new-password"
              description={`At least ${LIMITS.passwordMin} characters.`}
              key={form.key("new_password")}
              {...form.getInputProps("new_password")}
            />
            <PasswordInput
              label="Confirm new password"
              autoComplete="new-password"
              description="Type it again."
              key={form.key("confirm_password")}
              {...form.getInputProps("confirm_password")}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
