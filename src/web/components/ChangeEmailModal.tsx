import { useState } from "react";
import { Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useRequestEmailChange } from "../api/emailChange";
import { applyProblemToForm, EMAIL_SHAPE } from "../api/forms";
import { fieldName, isProblem } from "../api/problem";
import type { EmailChange, User } from "../api/types";
import { FormAlert } from "./FormAlert";

/**
 * Asks for a new login email (EML-1, EML-3). For one's own record the current password is
 * needed too; for someone else's, the new address only.
 */
export function ChangeEmailModal({ user, self, opened, onClose, onRequested }: {
  user: User;
  self: boolean;
  opened: boolean;
  onClose: () => void;
  onRequested: (change: EmailChange) => void;
}) {
  const request = useRequestEmailChange(user, self);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { new_email: "", password: "" },
    validate: {
      new_email: (v) => (EMAIL_SHAPE.test(v.trim()) ? null : "Enter a valid email address"),
      password: (v) => (!self || v ? null : "Enter your current password"),
    },
  });

  const close = () => {
    form.reset();
    setAlert(null);
    onClose();
  };

  const submit = form.onSubmit((values) => {
    setAlert(null);
    request.mutate(
      { new_email: values.new_email.trim(), ...(self ? { password: values.password } : {}) },
      {
        onSuccess: (change) => {
          close();
          onRequested(change);
        },
        onError: (error) => {
          // A wrong password is typed again from scratch; anything else keeps what was typed.
          if (isProblem(error) && error.errors.some((e) => fieldName(e.path) === "password")) form.setFieldValue("password", "");
          setAlert(applyProblemToForm(form, error));
        },
      },
    );
  });

  return (
    <Modal opened={opened} onClose={close} title="Change login email" size="md" closeOnClickOutside={!request.isPending}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {self
              ? "We send a confirmation link to the new address and tell your current one about the change. Your login email changes only when the link is followed; until then, keep signing in as you do now."
              : `We send ${user.name || user.email} a confirmation link at the new address and tell their current one about the change. Their login email changes only when the link is followed.`}
          </Text>
          <FormAlert>{alert}</FormAlert>
          <TextInput label="Current login email" value={user.email} readOnly variant="filled" />
          <TextInput
            label="New login email"
            type="email"
            required
            autoComplete="off"
            data-autofocus
            key={form.key("new_email")}
            {...form.getInputProps("new_email")}
          />
          {self && (
            <PasswordInput
              label="Current password"
              required
              autoComplete="current-password"
              description="To confirm it is you."
              key={form.key("password")}
              {...form.getInputProps("password")}
            />
          )}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close} disabled={request.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={request.isPending}>
              Send confirmation link
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
