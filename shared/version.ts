declare const __VOICE_VERSION__: string | undefined;

/** The tool's version, fixed at bundle time (esbuild define); '0.0.0-dev' when run from source. */
export function toolVersion(): string {
    return typeof __VOICE_VERSION__ === 'string' ? __VOICE_VERSION__ : '0.0.0-dev';
}
