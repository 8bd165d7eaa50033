import { LIMITS } from "../../shared/limits";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../../shared/webhook-events";
import { useEffect, useState } from "react";
import { Button, Checkbox, Code, Group as Row, Modal, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { applyProblemToForm } from "../api/forms";
import type { Webhook, WebhookPatch } from "../api/types";
import { useCreateWebhook, useUpdateWebhook } from "../api/webhooks";
import { FormAlert } from "./FormAlert";
import { OnceSecretNotice } from "./OnceSecretNotice";

interface Values {
  url: string;
  description: string;
  events: WebhookEventType[];
}

const valuesOf = (hook?: Webhook): Values =>
  hook ? { url: hook.url, description: hook.description, events: [...hook.events] } : { url: "https://", description: "", events: [] };

/** For an edit, only what changed. */
function toPatch(values: Values, hook: Webhook): WebhookPatch {
  const body: WebhookPatch = {};
  if (values.url.trim() !== hook.url) body.url = values.url.trim();
  if (values.description.trim() !== hook.description) body.description = values.description.trim();
  if ([...values.events].sort().join() !== [...hook.events].sort().join()) body.events = values.events;
  return body;
}

/**
 * Register an endpoint or edit one (WHK-1): its https URL, what it is for, the events it
 * receives. After creating, the signing secret is shown here, once, to copy.
 */
export function WebhookModal({ opened, hook, onClose }: { opened: boolean; hook?: Webhook; onClose: () => void }) {
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const [alert, setAlert] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: valuesOf(),
    validate: {
      url: (v) => (/^https:\/\/\S+$/.test(v.trim()) ? null : "Enter the receiver's address, starting with https://"),
      events: (v) => (v.length ? null : "Choose at least one event"),
    },
  });
  const pending = create.isPending || update.isPending;

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesOf(hook));
    form.clearErrors();
    setAlert(null);
    setSecret(null);
    // Only when the dialog opens, or opens for another endpoint.
  }, [opened, hook?.id]);

  const submit = (values: Values) => {
    setAlert(null);
    const onError = (error: unknown) => setAlert(applyProblemToForm(form, error));
    if (hook) {
      const body = toPatch(values, hook);
      if (Object.keys(body).length === 0) return onClose();
      return update.mutate({ id: hook.id, body }, { onSuccess: () => { notifications.show({ color: "teal", message: "The endpoint was saved." }); onClose(); }, onError });
    }
    create.mutate(
      { url: values.url.trim(), events: values.events, ...(values.description.trim() ? { description: values.description.trim() } : {}) },
      { onSuccess: (created) => setSecret(created.secret), onError },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={hook ? "Edit endpoint" : secret ? "Endpoint added" : "Add an endpoint"} size="lg" closeOnClickOutside={!pending && !secret}>
      {secret ? (
        <Stack gap="md">
          <OnceSecretNotice title="Signing secret" secret={secret} what="secret" testId="webhook-secret" onDone={onClose} />
          <Text size="sm" c="dimmed">
            Every delivery carries <Code>Chambers-Signature: v1=…</Code>, an HMAC-SHA256 of the timestamp and the body made with this
            secret. Check it before trusting a delivery.
          </Text>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit(submit)} noValidate>
          <Stack gap="md">
            <FormAlert>{alert}</FormAlert>
            <TextInput
              label="Endpoint URL"
              description="HTTPS only, on a public address. Redirects are not followed."
              required
              data-autofocus
              maxLength={LIMITS.urlMax}
              {...form.getInputProps("url")}
            />
            <TextInput label="Description" placeholder="Optional, e.g. Directory sync" maxLength={LIMITS.descriptionMax} {...form.getInputProps("description")} />
            <Checkbox.Group label="Events" description="What this endpoint is told about." required {...form.getInputProps("events")}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
                {WEBHOOK_EVENT_TYPES.map((type) => (
                  <Checkbox key={type} value={type} label={<><Code>{type}</Code> <Text span size="sm" c="dimmed">{WEBHOOK_EVENT_LABELS[type]}</Text></>} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Row justify="flex-end" gap="sm" mt="xs">
              <Button variant="default" onClick={onClose} disabled={pending}>
                Cancel
              </Button>
              <Button type="submit" loading={pending}>
                {hook ? "Save endpoint" : "Add endpoint"}
              </Button>
            </Row>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
