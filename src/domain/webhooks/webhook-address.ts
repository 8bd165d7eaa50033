/**
 * WHK-2: where a webhook may go. Only https, and only to public addresses: the host is resolved
 * here and every address it resolves to must be public, so a name pointing at loopback, a
 * private network, link-local (cloud metadata at 169.254.169.254), CGNAT, multicast or an
 * IPv4-mapped IPv6 form of those is refused. The sender connects through `checkedLookup`, so the
 * address it connects to is the one checked (a DNS answer that changes between the check and
 * the connection, "rebinding", gains nothing). Hosts in WEBHOOK_ALLOW_HOSTS (tests and local
 * development only; refused in production) skip the address check.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { validation } from "../errors.js";

export interface WebhookNetPolicy {
  /** Host names or addresses, as written in URLs, allowed despite a non-public address. */
  allowHosts: readonly string[];
}

const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24],
  ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 96], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8], ["64:ff9b::", 96], ["64:ff9b:1::", 48],
  ["2001::", 32], ["2001:db8::", 32], ["2002::", 16], ["100::", 64],
] as const) blocked.addSubnet(net, bits, "ipv6");

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`, `::ffff:7f00:1`), if it is one. */
function mappedIpv4(address: string): string | null {
  const a = address.toLowerCase();
  const dotted = /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (dotted) return dotted[1]!;
  const hex = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  if (!hex) return null;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

/** True when a resolved address is not a public unicast one. */
export function isForbiddenAddress(address: string): boolean {
  const v4 = mappedIpv4(address);
  if (v4) return isForbiddenAddress(v4);
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) return blocked.check(address, "ipv6");
  return true;
}

const stripBrackets = (host: string) => host.replace(/^\[(.*)\]$/, "$1");
const isAllowed = (host: string, policy: WebhookNetPolicy) => policy.allowHosts.includes(stripBrackets(host).toLowerCase());

/** A resolver that does not answer within this long counts as not resolving (the check may run inside a transaction). */
const DNS_TIMEOUT_MS = 5_000;

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("DNS timeout")), DNS_TIMEOUT_MS);
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(addresses);
    });
  });
}

/** Resolves a host and refuses it unless every address is public (or the host is allowed). */
export async function resolveChecked(host: string, policy: WebhookNetPolicy): Promise<LookupAddress[]> {
  const bare = stripBrackets(host);
  const family = isIP(bare);
  const addresses = family ? [{ address: bare, family }] : await resolveAll(bare).catch(() => []);
  if (!addresses.length) throw new Error(`${bare} does not resolve.`);
  if (isAllowed(bare, policy)) return addresses;
  const bad = addresses.find((a) => isForbiddenAddress(a.address));
  if (bad) throw new Error(`${bare} is ${bad.address === bare ? "" : `resolved to ${bad.address}, `}not a public address: deliveries never go to loopback, private or link-local addresses.`);
  return addresses;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for https.request that hands the socket only addresses `resolveChecked` accepted. */
export function checkedLookup(policy: WebhookNetPolicy) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    resolveChecked(hostname, policy).then(
      (addresses) => (options.all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family)),
      (err: Error) => callback(Object.assign(err, { code: "EWEBHOOKADDRESS" }), ""),
    );
  };
}

/** Why a URL may not receive webhooks, or null; the host is resolved (WHK-2). */
export async function webhookUrlProblem(raw: string, policy: WebhookNetPolicy): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL starting with https://.";
  }
  if (url.protocol !== "https:") return "Webhooks are sent over HTTPS only: the URL must start with https://.";
  if (url.username || url.password) return "Leave the user name and password out of the URL.";
  try {
    await resolveChecked(url.hostname, policy);
  } catch (err) {
    return (err as Error).message;
  }
  return null;
}

/** Throws 400 naming `url` unless the URL may receive webhooks. */
export async function assertWebhookUrl(raw: string, policy: WebhookNetPolicy): Promise<string> {
  const problem = await webhookUrlProblem(raw, policy);
  if (problem) throw validation([{ path: "url", message: problem }]);
  return new URL(raw).toString();
}
