import { useState } from "react";
import { Alert, Badge, Button, Group, Paper, Stack, Switch, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconCircleCheck, IconExternalLink } from "@tabler/icons-react";
import { applyProblemToForm } from "../api/forms";
import { isProblem } from "../api/problem";
import { useSaveSso } from "../api/sso";
import type { SsoSettings } from "../api/types";
import { formatDate } from "../format";
import { FormAlert } from "./FormAlert";

const IDP_FIELDS = ["idp_entity_id", "sso_url", "certificate_pem"] as const;
const lines = (text: string) => text.split(/[\s,;]+/).map((l) => l.trim()).filter(Boolean);

/**
 * SSO-1, SSO-2: the identity provider's settings, the test sign-in, and enforcement with its
 * exceptions. Enforcement stays off until a test sign-in has succeeded with the saved settings.
 */
export function SsoSettingsForm({ settings }: { settings: SsoSettings }) {
  const save = useSaveSso();
  const [alert, setAlert] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm({
    initialValues: {
      idp_entity_id: settings.idp_entity_id ?? "",
      sso_url: settings.sso_url ?? "",
      certificate_pem: settings.certificate_pem ?? "",
      enforced: settings.enforced,
      exception_emails: settings.exception_emails.join("\n"),
    },
    validate: {
      idp_entity_id: (v) => (v.trim() ? null : "Enter the identity provider's entity ID (issuer)"),
      sso_url: (v) => (v.trim() ? null : "Enter the identity provider's sign-in URL"),
      certificate_pem: (v) => (v.trim() ? null : "Paste the identity provider's signing certificate"),
    },
  });
  const values = form.getValues();
  const idpChanged = IDP_FIELDS.some((f) => values[f].trim() !== (settings[f] ?? ""));
  const configured = settings.idp_entity_id !== null;
  const canEnforce = !!settings.tested_at && !idpChanged;

  const submit = form.onSubmit((v) => {
    setAlert(null);
    setSaved(false);
    save.mutate(
      {
        idp_entity_id: v.idp_entity_id.trim(),
        sso_url: v.sso_url.trim(),
        certificate_pem: v.certificate_pem.trim(),
        // A changed IdP is untested: enforcement waits for its test (the server refuses otherwise).
        enforced: canEnforce && v.enforced,
        exception_emails: lines(v.exception_emails),
      },
      {
        onSuccess: (next) => {
          form.setValues({ ...form.getValues(), enforced: next.enforced, certificate_pem: next.certificate_pem ?? "", exception_emails: next.exception_emails.join("\n") });
          form.resetDirty();
          setSaved(true);
        },
        onError: (error) => {
          if (isProblem(error, "sso_not_tested")) setAlert("Run a successful test sign-in with these settings before enforcing single sign-on.");
          else setAlert(applyProblemToForm(form, error));
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Paper withBorder p="lg" mb="lg">
        <Stack gap="md">
          <Title order={4}>2. Tell Chambers about your identity provider</Title>
          <FormAlert>{alert}</FormAlert>
          {saved && (
            <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} role="status" data-testid="sso-saved">
              <b>Saved.</b> The single sign-on settings are in effect.
            </Alert>
          )}
          <TextInput label="Identity provider entity ID (issuer)" placeholder="http://www.okta.com/exk…" key={form.key("idp_entity_id")} {...form.getInputProps("idp_entity_id")} />
          <TextInput label="Sign-in URL (SSO URL)" description="Where people are sent to sign in; it must start with https://." placeholder="https://…" key={form.key("sso_url")} {...form.getInputProps("sso_url")} />
          <Textarea
            label="Signing certificate"
            description="The X.509 certificate your provider signs assertions with, in PEM (-----BEGIN CERTIFICATE-----) or as its base64 text."
            autosize
            minRows={4}
            maxRows={10}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 12 } }}
            key={form.key("certificate_pem")}
            {...form.getInputProps("certificate_pem")}
          />
        </Stack>
      </Paper>

      <Paper withBorder p="lg" mb="lg">
        <Stack gap="md">
          <Group gap="sm">
            <Title order={4}>3. Test, then enforce</Title>
            {settings.tested_at && !idpChanged ? (
              <Badge color="teal.9" variant="light" data-testid="sso-tested">
                Tested {formatDate(settings.tested_at, true)}
              </Badge>
            ) : (
              <Badge color="gray.9" variant="light" data-testid="sso-untested">
                Not tested
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            Save, then sign in through your identity provider as an administrator of this firm. A successful sign-in counts as the
            test; changing the identity provider's settings needs a new one.
          </Text>
          <Group>
            <Button
              variant="default"
              leftSection={<IconExternalLink size={16} />}
              disabled={!configured || idpChanged}
              // Out to the identity provider and back here through the ACS.
              onClick={() => window.location.assign(`${settings.login_url}?return_to=${encodeURIComponent("/settings/sso")}`)}
            >
              Test sign-in
            </Button>
            {(!configured || idpChanged) && (
              <Text size="sm" c="dimmed">
                Save the settings first.
              </Text>
            )}
          </Group>
          <Switch
            label="Require single sign-on"
            description={
              canEnforce
                ? "Everyone signs in through your identity provider; passwords stop working, except for the emails below."
                : "Available once a test sign-in has succeeded with the saved settings."
            }
            disabled={!canEnforce}
            key={form.key("enforced")}
            {...form.getInputProps("enforced", { type: "checkbox" })}
          />
          <Textarea
            label="Exceptions"
            description="Emails that may still sign in with a password while single sign-on is required (say, one administrator, in case the identity provider is down). One per line."
            autosize
            minRows={2}
            key={form.key("exception_emails")}
            {...form.getInputProps("exception_emails")}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save settings
            </Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}
