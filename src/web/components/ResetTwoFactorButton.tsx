import { Button, Text } from "@mantine/core";
import { modals } from "@mantine/modals";
import { IconShieldOff } from "@tabler/icons-react";
import type { User } from "../api/types";
import { useResetUserTwoFactor } from "../api/twoFactor";

/** SES-3: an administrator resets someone's second factor (a lost phone), after confirming. */
export function ResetTwoFactorButton({ user }: { user: User }) {
  const reset = useResetUserTwoFactor();
  if (!user.abilities.reset_two_factor || !user.two_factor_enabled) return null;
  const ask = () =>
    modals.openConfirmModal({
      title: `Reset two-factor sign-in for ${user.name}?`,
      children: (
        <Text size="sm">
          Their authenticator app and recovery codes stop working at once, and they are told by email. They sign in with their password
          alone until they set it up again (at once, if your firm requires it).
        </Text>
      ),
      labels: { confirm: "Reset two-factor", cancel: "Cancel" },
      confirmProps: { color: "red" },
      onConfirm: () => reset.mutate(user),
    });
  return (
    <Button variant="default" leftSection={<IconShieldOff size={16} />} onClick={ask} loading={reset.isPending}>
      Reset two-factor
    </Button>
  );
}
