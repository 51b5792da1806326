/** A valid setup whose names and descriptions try every PowerShell quoting and injection trick. */

export interface AdversarialText { label: string; text: string; split?: true }

const LONG = `${'Very long description, '.repeat(180)}end`;

export const ADVERSARIAL: AdversarialText[] = [
    { label: 'company with every quote kind', text: `O'Brien ‘Ltd’ ‚x‛ “q” „r" $(Get-Process) \`whoami\` ; #> <# x` },
    { label: 'display name', text: `Ra ' ’ $(Remove-Item -Recurse /) \`t ; #> ‘’‚‛` },
    { label: 'policy description', text: `Desc ‛quoted‚ “dq” ”x„ $(Stop-Computer) ; \`e #> '; Remove-Item x; '` },
    { label: 'group display name', text: `Store ‘Associates’ 'Seattle' $(x) ; #>` },
    { label: 'very long city', text: LONG },
    { label: 'street with a newline', text: '1 Pike St\nSuite 2', split: true }
];

const text = (label: string) => ADVERSARIAL.find(a => a.label === label)!.text;

/** The text as a .voice string literal: backslash and double quote escaped, newline as \n. */
export function voiceString(value: string): string {
    return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

export function adversarialSources(): Record<string, string> {
    return {
        'adversarial.voice': `tenant "contoso.onmicrosoft.com" domains "contoso.com"

address SeattleStore {
    company     ${voiceString(text('company with every quote kind'))}
    street      ${voiceString(text('street with a newline'))}
    city        ${voiceString(text('very long city'))}
    region      "WA"
    postal-code "98101"
    country     US
    geo         47.6097, -122.3422
}

trunk CteloUS {
    sbc   "sbc1.contoso.com" port 5061
    usage "Ctelo-US"
    pidf-lo on
}

number MainLine  "+1 206 555 0100" direct-routing via CteloUS at SeattleStore
number Callback1 "+1 206 555 0111" direct-routing via CteloUS at SeattleStore

resource-account FrontlineRA {
    upn            "sc-frontline@contoso.com"
    display-name   ${voiceString(text('display name'))}
    usage-location US
    kind           auto-attendant
}

assign MainLine to FrontlineRA

shared-calling-policy Frontline {
    resource-account   FrontlineRA
    emergency-callback Callback1
    description        ${voiceString(text('policy description'))}
}

group Associates ${voiceString(text('group display name'))}
grant Frontline to Associates rank 1
emergency Associates works-at SeattleStore via CteloUS dial "911"
`
    };
}
