import { Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { modals } from "@mantine/modals";
import { useCurrentUser } from "../api/queries";
import { useRequireTwoFactor, useTwoFactor } from "../api/twoFactor";

/** SES-3: administrators (`manage_firm`) require two-factor sign-in of everyone, after confirming. */
export function FirmTwoFactorCard() {
  const me = useCurrentUser();
  const own = useTwoFactor();
  const change = useRequireTwoFactor();
  if (!me.abilities.manage_firm) return null;
  const required = me.firm.two_factor_required;
  // Turning it on needs one's own second factor first (the server says so too).
  const blocked = !required && !own.data?.enabled;
  const ask = () =>
    modals.openConfirmModal({
      title: required ? "Stop requiring two-factor sign-in?" : "Require two-factor sign-in for everyone?",
      children: (
        <Text size="sm">
          {required
            ? "People will be able to turn their second factor off. Those who have it keep it."
            : "Everyone who signs in with a password will need a code from an authenticator app. People who have not set it up will be taken to set it up at their next sign-in, and can do nothing else until they have."}
        </Text>
      ),
      labels: { confirm: required ? "Stop requiring it" : "Require it", cancel: "Cancel" },
      onConfirm: () => change.mutate(!required),
    });
  return (
    <Paper withBorder p="lg" data-testid="firm-two-factor-card">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Two-factor sign-in for the firm
        </Title>
        <Switch
          label="Require two-factor sign-in for everyone"
          description={blocked ? "Turn on two-factor sign-in for yourself first." : "Single sign-on users are left to your identity provider."}
          checked={required}
          disabled={blocked || change.isPending}
          onChange={ask}
        />
      </Stack>
    </Paper>
  );
}
