import type { ReactNode } from "react";
import { AppShell, Avatar, Burger, Group, Menu, NavLink, Text, UnstyledButton, Divider, Stack, VisuallyHidden } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconChevronDown, IconBuilding, IconKey, IconLogout, IconReceipt, IconPlugConnected, IconShieldCheck, IconShieldLock, IconLogin2, IconUserCircle, IconUsers,
  IconUsersGroup, IconBriefcase, IconLock, IconChecklist, IconCalendarEvent, IconHome, IconActivity, IconWebhook, IconAddressBook, IconMessages, IconTransfer,
} from "@tabler/icons-react";
import { Link, NavLink as RouterNavLink } from "react-router";
import { useCurrentUser } from "../api/queries";
import { useSignOut } from "../api/mutations";
import { ClosedFirmBanner } from "./ClosedFirmBanner";
import { NotificationBell } from "./NotificationBell";
import { Wordmark } from "./Wordmark";

/** The practice: everyone's own work, and what they may see of others'. */
const PRACTICE = [
  { to: "/home", label: "Home", icon: IconHome },
  { to: "/matters", label: "Matters", icon: IconBriefcase },
  { to: "/tasks", label: "Tasks", icon: IconChecklist },
  { to: "/calendar", label: "Calendar", icon: IconCalendarEvent },
  { to: "/contacts", label: "Contacts", icon: IconAddressBook },
  { to: "/messages", label: "Messages", icon: IconMessages },
] as const;

/** `ability`: the item is shown only to those whose firm-level abilities (GET /me) include it (CON-2). */
const NAV = [
  { to: "/settings/users", label: "Manage users", icon: IconUsers, ability: "manage_users" },
  { to: "/feed", label: "Firm feed", icon: IconActivity, ability: "view_feed" },
  { to: "/settings/roles", label: "Roles & permissions", icon: IconShieldCheck, ability: "manage_roles" },
  { to: "/settings/groups", label: "Groups", icon: IconUsersGroup, ability: "manage_groups" },
  { to: "/settings/account", label: "Account", icon: IconBuilding },
  { to: "/settings/billing", label: "Billing", icon: IconReceipt, ability: "view_billing" },
  { to: "/settings/provisioning", label: "Provisioning", icon: IconPlugConnected, ability: "manage_firm" },
  { to: "/settings/sessions", label: "Sessions & tokens", icon: IconShieldLock },
  { to: "/settings/webhooks", label: "Webhooks", icon: IconWebhook, ability: "manage_firm" },
  { to: "/settings/security", label: "Security", icon: IconLock },
  { to: "/settings/sso", label: "Single sign-on", icon: IconLogin2, ability: "manage_firm" },
  { to: "/settings/reassignments", label: "Past reassignments", icon: IconTransfer, ability: "view_reassignments" },
] as const;

function UserMenu() {
  const me = useCurrentUser();
  const signOut = useSignOut();
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        {/* Named by what it shows, the person's name, then what it is (WCAG label in name). */}
        <UnstyledButton data-testid="user-menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar color="navy" radius="xl" size={32} aria-hidden>
              {me.initials || `${me.first_name[0] ?? ""}${me.last_name[0] ?? ""}`}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm">
              {me.name}
            </Text>
            <VisuallyHidden>account menu</VisuallyHidden>
            <IconChevronDown size={14} stroke={1.5} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as</Menu.Label>
        <Text size="sm" px="sm" pb="xs" truncate>
          {me.email}
        </Text>
        <Menu.Divider />
        <Menu.Item component={Link} to={`/settings/users/${me.id}`} leftSection={<IconUserCircle size={16} stroke={1.5} />}>
          My profile
        </Menu.Item>
        <Menu.Item component={Link} to="/settings/sessions" leftSection={<IconKey size={16} stroke={1.5} />}>
          Change password
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} stroke={1.5} />} onClick={() => signOut.mutate()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

interface NavItem {
  to: string;
  label: string;
  icon: typeof IconUsers;
}

function NavSection({ title, items, onNavigate, mt }: { title: string; items: readonly NavItem[]; onNavigate: () => void; mt?: string }) {
  return (
    <>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pb={4} mt={mt} style={{ letterSpacing: 0.6 }}>
        {title}
      </Text>
      {items.map(({ to, label, icon: Icon }) => (
        <RouterNavLink key={to} to={to} onClick={onNavigate} style={{ textDecoration: "none", color: "inherit" }}>
          {({ isActive }) => (
            <NavLink
              component="span"
              label={label}
              active={isActive}
              leftSection={<Icon size={18} stroke={1.5} />}
              style={{ borderRadius: "var(--mantine-radius-md)" }}
            />
          )}
        </RouterNavLink>
      ))}
    </>
  );
}

/** The signed-in console: header with firm and user menu, settings navigation on the left. */
export function AppLayout({ children }: { children: ReactNode }) {
  const me = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure();
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="xl"
    >
      <AppShell.Header>
        <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Wordmark />
            <Divider orientation="vertical" visibleFrom="sm" />
            <Text size="sm" c="dimmed" fw={500} visibleFrom="sm" data-testid="firm-name" truncate maw={360}>
              {me.firm.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="md" style={{ overflowY: "auto" }}>
        <Stack gap={4}>
          <NavSection title="Practice" items={PRACTICE} onNavigate={close} />
          <NavSection
            title="Settings"
            items={NAV.filter((item) => !("ability" in item) || me.abilities[item.ability])}
            onNavigate={close}
            mt="md"
          />
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <ClosedFirmBanner />
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
