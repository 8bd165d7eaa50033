import { useState } from "react";
import { Button, Code, CopyButton, Group, Image, List, PasswordInput, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconCopy, IconDownload } from "@tabler/icons-react";
import { applyProblemToForm } from "../api/forms";
import { useBeginTwoFactor, useConfirmTwoFactor } from "../api/twoFactor";
import { FormAlert } from "./FormAlert";

type Begun = { secret: string; otpauth_url: string; qr_svg: string };

/** Step 1: the password, so a session left open cannot enrol someone else's phone. */
function PasswordStep({ onBegun }: { onBegun: (b: Begun) => void }) {
  const begin = useBeginTwoFactor();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({ mode: "uncontrolled", initialValues: { password: "" }, validate: { password: (v) => (v ? null : "Enter your password") } });
  const submit = form.onSubmit(({ password }) => {
    setAlert(null);
    begin.mutate(password, { onSuccess: onBegun, onError: (error) => setAlert(applyProblemToForm(form, error)) });
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Set up two-factor sign-in">
      <Stack gap="md">
        <FormAlert>{alert}</FormAlert>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <PasswordInput label="Your password" autoComplete="current-password" key={form.key("password")} {...form.getInputProps("password")} />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={begin.isPending}>
            Set up two-factor sign-in
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Step 2: scan (or type) the secret, then prove it with the app's first code. */
function ScanStep({ begun, onConfirmed }: { begun: Begun; onConfirmed: (codes: string[]) => void }) {
  const confirm = useConfirmTwoFactor();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({ mode: "uncontrolled", initialValues: { code: "" }, validate: { code: (v) => (/^\d{6}$/.test(v.replace(/\s/g, "")) ? null : "Enter the 6-digit code") } });
  const submit = form.onSubmit(({ code }) => {
    setAlert(null);
    confirm.mutate(code.replace(/\s/g, ""), { onSuccess: (d) => onConfirmed(d.recovery_codes), onError: (error) => setAlert(applyProblemToForm(form, error)) });
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Confirm two-factor sign-in">
      <Stack gap="md">
        <Text size="sm">Scan this QR code with your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…), then enter the code it shows.</Text>
        <Image src={`data:image/svg+xml;utf8,${encodeURIComponent(begun.qr_svg)}`} alt="QR code to add Chambers to your authenticator app" w={200} h={200} data-testid="two-factor-qr" />
        <Text size="sm">
          Cannot scan? Enter this key in the app: <Code data-testid="two-factor-secret">{begun.secret}</Code>
        </Text>
        <FormAlert>{alert}</FormAlert>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Code from the app" inputMode="numeric" autoComplete="one-time-code" maxLength={7} key={form.key("code")} {...form.getInputProps("code")} />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={confirm.isPending}>
            Turn on
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Step 3: the recovery codes, shown this once, to copy or download. */
function CodesStep({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = codes.join("\n");
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(`Chambers recovery codes (each works once)\n\n${text}\n`)}`;
  return (
    <Stack gap="md" data-testid="recovery-codes">
      <Text size="sm" fw={500}>
        Two-factor sign-in is on. Save these recovery codes somewhere safe: each signs you in once if you lose your phone. They are not shown again.
      </Text>
      <List spacing={4} ff="monospace" aria-label="Recovery codes">
        {codes.map((c) => (
          <List.Item key={c}>{c}</List.Item>
        ))}
      </List>
      <Group>
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="default" leftSection={<IconCopy size={16} />} onClick={copy}>
              {copied ? "Copied" : "Copy codes"}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" component="a" href={download} download="chambers-recovery-codes.txt" leftSection={<IconDownload size={16} />}>
          Download
        </Button>
        <Button onClick={onDone}>I have saved them</Button>
      </Group>
    </Stack>
  );
}

/** SES-3: enrolling an authenticator app: password, scan and confirm, then the recovery codes. */
export function TwoFactorEnrol({ onStart, onDone }: { onStart: () => void; onDone: () => void }) {
  const [begun, setBegun] = useState<Begun | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) return <CodesStep codes={codes} onDone={onDone} />;
  if (begun) return <ScanStep begun={begun} onConfirmed={setCodes} />;
  return (
    <PasswordStep
      onBegun={(b) => {
        onStart();
        setBegun(b);
      }}
    />
  );
}
