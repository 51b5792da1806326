/** What the local emulator command needs from `voice.emulatorUrl`: the loopback port to listen on. */

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The port of a loopback emulator URL (80 when none is given), or a reason why the extension cannot start one there. */
export function localEmulatorPort(url: string): { port: number } | { problem: string } {
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        return { problem: `voice.emulatorUrl '${url}' is not a URL` };
    }
    if (parsed.protocol !== 'http:') return { problem: `voice.emulatorUrl '${url}' must be http: (the emulator serves plain HTTP on loopback)` };
    if (!LOOPBACK.has(parsed.hostname)) return { problem: `voice.emulatorUrl '${url}' is not on this machine (127.0.0.1): start that emulator where it runs` };
    return { port: parsed.port === '' ? 80 : Number(parsed.port) };
}
