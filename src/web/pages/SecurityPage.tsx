import { Alert, Box, Stack } from "@mantine/core";
import { IconShieldLock } from "@tabler/icons-react";
import { useCurrentUser } from "../api/queries";
import { FirmTwoFactorCard } from "../components/FirmTwoFactorCard";
import { PageHeader } from "../components/PageHeader";
import { TwoFactorCard } from "../components/TwoFactorCard";

/** Settings > Security (SES-3): one's own second factor, and the firm's requirement for administrators. */
export function SecurityPage() {
  const me = useCurrentUser();
  return (
    <Box maw={880}>
      <PageHeader title="Security" description="How you sign in, and what your firm requires." />
      <Stack gap="lg">
        {me.two_factor_enrollment_required && (
          <Alert color="orange.9" variant="light" icon={<IconShieldLock size={18} />} title="Set up two-factor sign-in to continue" data-testid="enrollment-required">
            Your firm requires two-factor sign-in. Set it up below; the rest of Chambers opens once it is on.
          </Alert>
        )}
        <TwoFactorCard />
        <FirmTwoFactorCard />
      </Stack>
    </Box>
  );
}
