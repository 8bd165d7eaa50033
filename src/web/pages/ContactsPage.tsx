import { useState } from "react";
import { Paper, Table, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAddressBook } from "@tabler/icons-react";
import { useContacts } from "../api/practiceMutations";
import { useCurrentUser } from "../api/queries";
import type { Contact } from "../api/types";
import { formatMoney } from "../format";
import { ContactModal } from "../components/ContactModal";
import { PageHeader } from "../components/PageHeader";
import { EditButton, FilterBar, ListTable, NewButton, PagedListBody, SearchFilter, type Column } from "../components/PracticeParts";

const COLUMNS: Column[] = [{ label: "Name" }, { label: "Email", w: 280 }, { label: "Custom rates", w: 320 }, { label: "Actions", w: 100 }];

function RatesCell({ contact }: { contact: Contact }) {
  if (contact.custom_rates.length === 0) return <Text size="sm" c="dimmed">None</Text>;
  return (
    <Text size="sm" data-testid="rates">
      {contact.custom_rates.map((r) => `${r.user?.name ?? r.group?.name ?? "?"}: ${formatMoney(r.rate_cents)}/h`).join(" · ")}
    </Text>
  );
}

/** Contacts: the firm's clients and other outside people, with their custom billing rates (GRP-4). */
export function ContactsPage() {
  const me = useCurrentUser();
  const [query, setQuery] = useState("");
  const [q] = useDebouncedValue(query.trim(), 300);
  const contacts = useContacts(q);
  const rows = contacts.data?.pages.flatMap((p) => p.data) ?? [];
  // `undefined` closed, `null` a new contact, else the contact being edited.
  const [editing, setEditing] = useState<Contact | null | undefined>(undefined);

  return (
    <>
      <PageHeader
        title="Contacts"
        description="Clients and the other people outside the firm you work with, and the billing rates agreed with them."
        actions={me.abilities.create_contacts && <NewButton onClick={() => setEditing(null)}>New contact</NewButton>}
      />
      <ContactModal opened={editing !== undefined} contact={editing ?? undefined} onClose={() => setEditing(undefined)} />
      <Paper withBorder>
        <FilterBar>
          <SearchFilter placeholder="Name or email" value={query} onChange={setQuery} />
        </FilterBar>
        <PagedListBody
          list={contacts}
          count={rows.length}
          noun="contact"
          filtered={Boolean(q)}
          empty={{ icon: <IconAddressBook size={26} stroke={1.5} />, title: "No contacts yet", text: "Clients and others you add appear here, by name." }}
        >
          <ListTable label="Contacts" minWidth={820} columns={COLUMNS}>
            {rows.map((contact) => (
              <Table.Tr key={contact.id} data-testid="contact-row">
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {contact.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={contact.email ? undefined : "dimmed"}>
                    {contact.email ?? "—"}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RatesCell contact={contact} />
                </Table.Td>
                <Table.Td>
                  {(contact.abilities.edit || contact.abilities.manage_rates) && <EditButton label={`Edit contact ${contact.name}`} onClick={() => setEditing(contact)} />}
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        </PagedListBody>
      </Paper>
    </>
  );
}
