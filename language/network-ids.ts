/**
 * Shapes of the network identifiers of dynamic emergency calling: IP addresses with an
 * optional prefix length ([TRUSTIP-NEW], [NETSUBNET-NEW], [LISSUBNET-SET]) and the MAC-style
 * BSSIDs of wireless access points ([LISWAP-SET]).
 */

export interface IpRange {
    version: 4 | 6;
    address: string;
    /** The prefix length when one is written ("10.1.0.0/16"). */
    prefix?: number;
}

const IPV4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/i;

function isIpv4(text: string): boolean {
    const parts = text.split('.');
    return parts.length === 4 && parts.every(p => IPV4_OCTET.test(p));
}

function isIpv6(text: string): boolean {
    const halves = text.split('::');
    if (halves.length > 2) return false;
    const groups = halves.map(h => (h === '' ? [] : h.split(':')));
    if (!groups.every(list => list.every(g => IPV6_GROUP.test(g)))) return false;
    const count = groups.reduce((n, list) => n + list.length, 0);
    return halves.length === 2 ? count < 8 : count === 8;
}

/** "a.b.c.d", "a.b.c.d/24", IPv6 likewise; undefined when it is neither. */
export function parseIpRange(text: string): IpRange | undefined {
    const [address, prefixText, ...rest] = text.trim().split('/');
    if (rest.length > 0 || address === undefined) return undefined;
    const version = isIpv4(address) ? 4 : isIpv6(address) ? 6 : undefined;
    if (!version) return undefined;
    if (prefixText === undefined) return { version, address };
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    const prefix = Number(prefixText);
    return prefix <= (version === 4 ? 32 : 128) ? { version, address, prefix } : undefined;
}

/** A BSSID: six hex pairs separated by '-' or ':'; '*' may stand for the last one or two characters (a range) [LISWAP-SET]. */
export function isBssid(text: string): boolean {
    return /^([0-9a-f]{2}[-:]){5}([0-9a-f]{2}|[0-9a-f]\*|\*)$/i.test(text);
}

/** The form two spellings of one MAC-style identifier share (case and separators). */
export function canonicalMac(text: string): string {
    return text.trim().toLowerCase().replace(/:/g, '-');
}
